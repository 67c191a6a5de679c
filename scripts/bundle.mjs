// Bundles the CLI once (run by `npm ci` through the `prepare` script), so that
// `npm run build` starts a single pre-compiled file instead of compiling TypeScript.
// The bundle carries a build id (a hash of its sources and locked dependencies):
// the incremental build's cache treats outputs of another build id as stale.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSnapshot } from './snapshot.mjs';

function files(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}
const h = createHash('sha256');
for (const f of [...files('src'), 'package-lock.json', 'scripts/bundle.mjs', 'scripts/snapshot.mjs']) h.update(`\0${f}\0`).update(readFileSync(f));
const buildId = h.digest('hex').slice(0, 16);

// Ajv standalone validators (src/template/standalone.ts), generated from the templates as they are now:
// the bundle's src/template/precompiled.ts is replaced by their table.
// No stale chunk of an earlier bundle; the code cache (src/cli/code-cache.ts) starts afresh with a new bundle.
for (const d of ['dist/chunks', 'dist/.code-cache', 'dist/.zip-cache']) rmSync(d, { recursive: true, force: true });
mkdirSync('dist', { recursive: true });
const generator = resolve('dist/.validators-generator.mjs');
await build({
  entryPoints: ['src/template/standalone.ts'], outfile: generator, bundle: true, format: 'esm',
  platform: 'node', target: 'node20', packages: 'external', logLevel: 'warning',
});
let precompiledPlugin;
try {
  const { precompiledPlugin: plugin } = await import(pathToFileURL(generator).href);
  precompiledPlugin = plugin('.', (m) => console.warn(`bundle: ${m}`));
} finally {
  rmSync(generator, { force: true });
}

await build({
  plugins: [precompiledPlugin],
  entryPoints: { cli: 'src/cli/main.ts', bench: 'scripts/bench.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  chunkNames: 'chunks/[name]-[hash]',
  define: { __OIC_BUILD_ID__: JSON.stringify(buildId) },
});

// The single-file bundle `node dist/cli.js` runs (scripts/snapshot.mjs); with --snapshot (npm run
// bench) also the V8 startup snapshot made from it, for the Node binary running this.
await buildSnapshot({ blob: process.argv.includes('--snapshot'), plugins: [precompiledPlugin], define: { __OIC_BUILD_ID__: JSON.stringify(buildId) }, warn: (m) => console.warn(`bundle: ${m}`) });
