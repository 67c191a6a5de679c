/** The CLI bundled as `npm ci` bundles it (scripts/bundle.mjs), into a scratch folder of a test. */
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { precompiledPlugin } from '../../src/template/standalone.js';

/**
 * Bundles src/cli/main.ts into .cache/test-bundles/<name>/<pid>/cli.js (inside the project, not under
 * node_modules, which may be a link to another checkout: the bundle finds its project, templates and
 * fonts from where it lies); returns the folder and the script.
 */
export async function bundleCli(name: string): Promise<{ dir: string; bin: string }> {
  const dir = resolve('.cache', 'test-bundles', name, String(process.pid));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await build({
    plugins: [precompiledPlugin(resolve('.'))],
    entryPoints: { cli: 'src/cli/main.ts' }, outdir: dir, bundle: true, splitting: true, format: 'esm',
    platform: 'node', target: 'node20', packages: 'external', logLevel: 'warning', chunkNames: 'chunks/[name]-[hash]',
  });
  return { dir, bin: join(dir, 'cli.js') };
}
