/** Every data file of data/, in every language and template: build → import unchanged → byte-identical; a field edit comes back. */
import { describe, expect, test } from 'vitest';
import { copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importDraft } from '../../src/import/index.js';
import { formatMessage } from '../../src/import/messages.js';
import { readDraftBase } from '../../src/import/base.js';
import { readZip } from '../../src/backends/docx/zip.js';
import { tempDir } from '../pipeline/util.js';
import { markedDraft } from './draft.js';
import { controlOf, editDocx } from './util.js';

const FILES = readdirSync('data').filter((f) => f.endsWith('.json')).sort();

describe.each(FILES)('import of %s', (name) => {
  test('unchanged draft: byte-identical; one exact field edited: only it changes', async () => {
    const dir = tempDir('import-all-');
    const data = join(dir, name);
    copyFileSync(join('data', name), data);
    const bytes = await markedDraft(data);
    const draft = join(dir, 'draft.docx');
    writeFileSync(draft, bytes);
    const r = await importDraft(draft, { data });
    expect(r.messages.map(formatMessage)).toEqual([expect.stringContaining('nothing to import')]);
    expect(readFileSync(data).equals(readFileSync(join('data', name)))).toBe(true);

    const base = readDraftBase(new Map(readZip(bytes).map((e) => [e.name, e.data])))!;
    const target = base.markers.find((m) => m.exact && m.text.length > 12 && base.markers.filter((x) => x.pointer === m.pointer).length === 1)!;
    expect(target, 'a field printed once, as the data holds it').toBeDefined();
    const words = target.text.split(' ');
    const edited = [words[0], '(مُعدَّل – revised)', ...words.slice(1)].join(' ');
    writeFileSync(draft, editDocx(bytes, (x) => {
      const c = controlOf(x, target.tag);
      const first = /<w:t(?: [^>]*)?>([^<]*)<\/w:t>/.exec(c.slice(c.indexOf('<w:sdtContent>')))!;
      const at = c.indexOf(first[0], c.indexOf('<w:sdtContent>'));
      const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
      const t = first[1]!.replace('&amp;', '&');
      // The first word of the field is in its first text; the insertion goes after it.
      expect(t.startsWith(words[0]!) || t.trim() === '').toBe(true);
      const replaced = t.startsWith(words[0]!) ? `<w:t xml:space="preserve">${esc(words[0]! + ' (مُعدَّل – revised)' + t.slice(words[0]!.length))}</w:t>` : first[0];
      return x.replace(c, c.slice(0, at) + replaced + c.slice(at + first[0].length));
    }));
    const e = await importDraft(draft, { data });
    expect(e.changed.map((c) => c.pointer), e.messages.map(formatMessage).join('\n')).toEqual([target.pointer]);
    const before = JSON.parse(readFileSync(join('data', name), 'utf8'));
    const after = JSON.parse(readFileSync(data, 'utf8'));
    const at = (o: any): unknown => target.pointer.split('/').slice(1).reduce((v: any, k) => v[k.replace(/~1/g, '/').replace(/~0/g, '~')], o);
    expect(at(after)).toBe(edited);
    // Everything else as it was.
    const set = (o: any): void => {
      const keys = target.pointer.split('/').slice(1);
      const last = keys.pop()!;
      keys.reduce((v: any, k) => v[k], o)[last] = edited;
    };
    set(before);
    expect(after).toEqual(before);
  }, 60_000);
});
