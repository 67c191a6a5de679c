/**
 * What the merge base records about how a draft was made: the data file, the
 * template's name and hash, the generator's version and build.
 */
import { join } from 'node:path';
import type { BaseInfo } from '../../import/base.js';
import { BUILD_ID, projectVersion, templateFingerprint, templateNameOf } from '../../incremental.js';
import { defaultTemplatesDir } from '../../template/place.js';

const generatorVersion = projectVersion;

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
