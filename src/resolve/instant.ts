/**
 * The one instant every timestamp of every output uses, never the clock:
 * SOURCE_DATE_EPOCH when set (reproducible builds), else the document's own
 * date (`meta.date`, a real day: the markup parser checks it).
 */
import type { DocumentMeta } from '../model/index.js';

export function documentInstant(meta: Pick<DocumentMeta, 'date'>, env: NodeJS.ProcessEnv = process.env): Date | undefined {
  const epoch = env['SOURCE_DATE_EPOCH'];
  if (epoch !== undefined && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(meta.date);
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) ? d : undefined;
}
