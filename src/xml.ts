/** XML text and attribute escaping, shared by every part the project writes (PDF metadata, DOCX parts, template words). */

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text safe inside an XML element or a quoted attribute. */
export function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** An attribute value that keeps its tabs and line breaks (an XML parser would normalize them to spaces). */
export function xmlAttribute(s: string): string {
  return xmlEscape(s).replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}
