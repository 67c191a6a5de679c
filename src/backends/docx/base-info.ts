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
 * The template's hash is that of its folder in the templates folder the build
 * used (RenderOptions.templatesDir, else the default), as the build's plan
 * fingerprinted it when given (`known`), else hashed here.
 */
export async function draftBaseInfo(sourceData: Uint8Array, sourceName = 'data.json', templatesDir = defaultTemplatesDir(),
  known?: { readonly name: string; readonly sha256: string }): Promise<BaseInfo> {
  const name = templateNameOf(sourceData) ?? '';
  // The build's plan hashed the same folder already (`known`): it is not read again.
  const sha256 = name === '' ? '' : known?.name === name ? known.sha256 : ((await templateFingerprint(join(templatesDir, name))) ?? '');
  return {
    sourceName,
    sourceData,
    template: { name, sha256 },
    generator: { name: 'oic-docs', version: generatorVersion(), build: BUILD_ID },
  };
}
