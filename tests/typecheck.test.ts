/**
 * The whole project type-checks under the strict settings of tsconfig.json
 * (strict, exactOptionalPropertyTypes, noUnused*): vitest only strips types,
 * so this is what makes `npm test` fail on a type error.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { expect, test } from 'vitest';

test('tsc --noEmit reports no error', () => {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '--noEmit', '-p', '.'], { encoding: 'utf8' });
  expect(r.stdout + r.stderr).toBe('');
  expect(r.status).toBe(0);
}, 120_000);
