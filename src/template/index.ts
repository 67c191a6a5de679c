export { loadTemplate, listTemplates, defaultTemplatesDir, displayPath, dataAjv, type Template, type TemplateManifest } from './loader.js';
export { formatDate, isRealDate, parseIsoDate, ARABIC_MONTHS, HELPERS, registerHelpers } from './helpers.js';
export { parseMarkup, type MarkupInput } from './markup.js';
export { pointerMap, escapePointerToken } from './isolate.js';
export { validateData } from './validate.js';
