/**
 * What the merge base records about how a draft was made: the data file, the
 * template's name and hash, the generator's version and build.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BaseInfo } from '../../import/base.js';
import { BUILD_ID, templateFingerprint, templateNameOf } from '../../incremental.js';
import { projectRoot } from '../../paths.js';
import { defaultTemplatesDir } from '../../template/place.js';

let version: string | undefined;
function generatorVersion(): string {
  if (version === undefined) {
    try {
      version = String((JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version?: unknown }).version ?? '');
    } catch {
      version = '';
    }
  }
  return version;
}

/**
 * The template's hash is that of the default templates folder: the renderer
 * is not told which folder the build used (RenderOptions has no such field).
 */
export async function draftBaseInfo(sourceData: Uint8Array, sourceName = 'data.json', templatesDir = defaultTemplatesDir()): Promise<BaseInfo> {
  const name = templateNameOf(sourceData) ?? '';
  const sha256 = name === '' ? '' : ((await templateFingerprint(join(templatesDir, name))) ?? '');
  return {
    sourceName,
    sourceData,
    template: { name, sha256 },
    generator: { name: 'oic-docs', version: generatorVersion(), build: BUILD_ID },
  };
}
