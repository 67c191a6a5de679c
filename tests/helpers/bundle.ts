/** The CLI bundled as `npm ci` bundles it (scripts/bundle.mjs), into a scratch folder of a test. */
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { precompiledPlugin } from '../../src/template/standalone.js';

/** Bundles src/cli/main.ts into node_modules/.cache/<name>/<pid>/cli.js; returns the folder and the script. */
export async function bundleCli(name: string): Promise<{ dir: string; bin: string }> {
  const dir = resolve('node_modules/.cache', name, String(process.pid));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await build({
    plugins: [precompiledPlugin(resolve('.'))],
    entryPoints: { cli: 'src/cli/main.ts' }, outdir: dir, bundle: true, splitting: true, format: 'esm',
    platform: 'node', target: 'node20', packages: 'external', logLevel: 'warning', chunkNames: 'chunks/[name]-[hash]',
  });
  return { dir, bin: join(dir, 'cli.js') };
}
