/**
 * The model's named paragraph styles as Word styles: each is defined once in
 * styles.xml, with both the Latin and the complex-script run properties
 * (`rFonts` ascii/hAnsi/cs, `sz`/`szCs`, `b`/`bCs`, `i`/`iCs`), and the
 * `normal` style's font, size and language become the document defaults, so
 * text an editor types anywhere inherits them.
 */
import type {
  IDocumentDefaultsOptions,
  IParagraphStyleOptions,
  IParagraphStylePropertiesOptions,
  IRunStylePropertiesOptions,
} from 'docx';
import type { Align, DocumentModel, ParagraphStyle } from '../../model/index.js';
import { resolveStyle, styleChain } from '../../model/index.js';
import type { Diagnostic } from '../types.js';
import { halfPoints, lineMultiple, twips, wordAlign, wordLanguage } from './units.js';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** The paragraph properties of a style, with `w:bidi` (which docx writes for styles too, though its style type leaves it out). */
export type StyleParagraphOptions = IParagraphStylePropertiesOptions & { readonly bidirectional?: boolean };

interface Builtin {
  readonly id: string;
  readonly name: string;
}

/** Model style names that are Word built-in styles: same id, Word's own (localisable) name. */
const BUILTINS: Readonly<Record<string, Builtin>> = {
  normal: { id: 'Normal', name: 'Normal' },
  title: { id: 'Title', name: 'Title' },
  subtitle: { id: 'Subtitle', name: 'Subtitle' },
  header: { id: 'Header', name: 'header' },
  footer: { id: 'Footer', name: 'footer' },
  heading1: { id: 'Heading1', name: 'heading 1' },
  heading2: { id: 'Heading2', name: 'heading 2' },
  heading3: { id: 'Heading3', name: 'heading 3' },
  heading4: { id: 'Heading4', name: 'heading 4' },
  heading5: { id: 'Heading5', name: 'heading 5' },
  heading6: { id: 'Heading6', name: 'heading 6' },
};

function builtinKey(name: string): string {
  const k = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  const h = /^h([1-6])$/.exec(k);
  return h ? `heading${h[1]}` : k;
}

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** `symbolBlock` → `SymbolBlock`; non-ASCII names keep their letters. */
function customId(name: string): string {
  const id = words(name).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  return id.length > 0 ? id : 'Style';
}

/** `symbolBlock` → `Symbol block`. */
function readableName(name: string): string {
  const ws = words(name).map((w) => w.toLowerCase());
  if (ws.length === 0) return name;
  ws[0] = ws[0]![0]!.toUpperCase() + ws[0]!.slice(1);
  return ws.join(' ');
}

export interface StyleTableOptions {
  /** Model style name → heading level, for the styles headings use (outline level, keep with next). */
  readonly headingLevels: ReadonlyMap<string, number>;
}

export class StyleTable {
  private readonly ids = new Map<string, string>();
  private readonly names = new Map<string, string>();
  private readonly warned = new Set<string>();

  constructor(
    private readonly model: DocumentModel,
    private readonly diagnostics: Diagnostic[],
    private readonly options: StyleTableOptions,
  ) {
    const used = new Set<string>();
    // `normal` first so it gets `Normal` whatever other styles are called.
    const names = Object.keys(model.styles).sort((a, b) => (a === 'normal' ? -1 : b === 'normal' ? 1 : 0));
    for (const name of names) {
      const builtin = BUILTINS[builtinKey(name)];
      let id = builtin && !used.has(builtin.id) ? builtin.id : customId(name);
      if (used.has(id)) {
        let n = 2;
        while (used.has(`${id}${n}`)) n++;
        id = `${id}${n}`;
      }
      used.add(id);
      this.ids.set(name, id);
      const display = builtin && builtin.id === id ? builtin.name : (model.styles[name]?.displayName ?? readableName(name));
      this.names.set(name, display);
    }
  }

  has(name: string): boolean {
    return this.ids.has(name);
  }

  /**
   * The Word style id of a model style. An unknown name is reported once and
   * falls back to Normal; a heading style the template did not define is
   * Word's own built-in heading.
   */
  idOf(name: string | undefined, source?: Diagnostic['source']): string {
    if (name === undefined) return this.ids.get('normal') ?? 'Normal';
    const id = this.ids.get(name);
    if (id !== undefined) return id;
    const builtin = BUILTINS[builtinKey(name)];
    if (builtin && /^heading/.test(builtinKey(name))) return builtin.id;
    if (!this.warned.has(name)) {
      this.warned.add(name);
      this.diagnostics.push({
        severity: 'warning',
        code: 'UNKNOWN_STYLE',
        message: `paragraph style "${name}" is not defined by the template; the DOCX uses Normal for it`,
        ...(source ? { source } : {}),
      });
    }
    return this.ids.get('normal') ?? 'Normal';
  }

  /** The model style a paragraph with this style name really gets (unknown → normal). */
  effectiveName(name: string | undefined): string {
    return name !== undefined && this.ids.has(name) ? name : 'normal';
  }

  /** The style's properties with its `basedOn` chain applied (the model's view). */
  resolved(name: string | undefined): ParagraphStyle {
    return resolveStyle(this.model.styles, this.effectiveName(name));
  }

  /** The chain of model style definitions Word walks for a style, nearest first. */
  private chain(name: string | undefined): ParagraphStyle[] {
    return styleChain(this.model.styles, this.effectiveName(name));
  }

  /**
   * Whether Word lays a paragraph of this style out right to left: the nearest
   * `dir` of rtl/ltr in the style chain ('auto' writes nothing, so it inherits),
   * else the document default.
   */
  wordBidi(name: string | undefined): boolean {
    for (const s of this.chain(name)) {
      if (s.dir === 'rtl') return true;
      if (s.dir === 'ltr') return false;
    }
    return this.model.meta.dir === 'rtl';
  }

  /** The alignment Word gives a paragraph of this style (Word's default is start). */
  wordAlign(name: string | undefined): Align {
    for (const s of this.chain(name)) if (s.align !== undefined) return s.align;
    return 'start';
  }

  /** `w:docDefaults`: the normal style's font, size and language, and the document's direction. */
  documentDefaults(): IDocumentDefaultsOptions {
    const normal = this.model.styles['normal'] ?? {};
    const run: Writable<IRunStylePropertiesOptions> = {};
    if (normal.font !== undefined) run.font = fontsFor(normal.font);
    if (normal.size !== undefined) {
      run.size = halfPoints(normal.size);
      run.sizeComplexScript = halfPoints(normal.size);
    }
    run.language = wordLanguage(normal.lang ?? this.model.meta.lang);
    const paragraph: StyleParagraphOptions = { bidirectional: this.model.meta.dir === 'rtl' };
    return { run, paragraph };
  }

  /** Every model style as a Word paragraph style, `Normal` first, then by name. */
  paragraphStyles(): IParagraphStyleOptions[] {
    const out: IParagraphStyleOptions[] = [];
    const docLang = wordLanguage(this.model.styles['normal']?.lang ?? this.model.meta.lang);
    const names = [...this.ids.keys()].sort((a, b) =>
      a === 'normal' ? -1 : b === 'normal' ? 1 : a < b ? -1 : a > b ? 1 : 0,
    );
    for (const name of names) {
      const s = this.model.styles[name]!;
      const isNormal = name === 'normal';
      const level = this.options.headingLevels.get(name) ?? headingLevelOf(name);
      const style: Writable<IParagraphStyleOptions> = { id: this.ids.get(name)!, name: this.names.get(name)! };
      if (!isNormal) {
        const base = s.basedOn !== undefined && this.ids.has(s.basedOn) ? s.basedOn : 'normal';
        if (this.ids.has(base)) style.basedOn = this.ids.get(base)!;
        if (s.basedOn !== undefined && !this.ids.has(s.basedOn)) {
          this.diagnostics.push({
            severity: 'warning',
            code: 'UNKNOWN_STYLE',
            message: `style "${name}" is based on "${s.basedOn}", which the template does not define; the DOCX bases it on Normal`,
          });
        }
        if (level !== undefined) style.next = this.ids.get('normal') ?? 'Normal';
      }
      style.quickFormat = true;
      const paragraph = paragraphProps(s, level);
      // The normal style's font, size and language are the document defaults.
      const run = runProps(s, isNormal ? ['bold', 'italic'] : undefined);
      // A style in a left-to-right language keeps the document's language for its complex-script text.
      if (run.language?.value !== undefined && docLang.bidirectional !== undefined) {
        run.language = { ...run.language, bidirectional: docLang.bidirectional };
      }
      if (isNormal && this.model.meta.dir === 'rtl' && s.dir === undefined) paragraph.bidirectional = true;
      if (Object.keys(paragraph).length > 0) style.paragraph = paragraph as IParagraphStylePropertiesOptions;
      if (Object.keys(run).length > 0) style.run = run;
      out.push(style);
    }
    return out;
  }
}

function headingLevelOf(name: string): number | undefined {
  const m = /^heading([1-6])$/.exec(builtinKey(name));
  return m ? Number(m[1]) : undefined;
}

/** The same font for every script slot: Latin (ascii, hAnsi), complex script (cs) and East Asian. */
export function fontsFor(font: string): { ascii: string; hAnsi: string; cs: string; eastAsia: string } {
  return { ascii: font, hAnsi: font, cs: font, eastAsia: font };
}

function paragraphProps(s: ParagraphStyle, headingLevel: number | undefined): Writable<StyleParagraphOptions> {
  const p: Writable<StyleParagraphOptions> = {};
  if (s.dir === 'rtl') p.bidirectional = true;
  else if (s.dir === 'ltr') p.bidirectional = false;
  if (s.align !== undefined) p.alignment = wordAlign(s.align);
  const spacing: { before?: number; after?: number; line?: number; lineRule?: 'auto' } = {};
  if (s.spaceBefore !== undefined) spacing.before = twips(s.spaceBefore);
  if (s.spaceAfter !== undefined) spacing.after = twips(s.spaceAfter);
  if (s.lineHeight !== undefined) {
    spacing.line = lineMultiple(s.lineHeight);
    spacing.lineRule = 'auto';
  }
  if (Object.keys(spacing).length > 0) p.spacing = spacing;
  const indent: { start?: number; end?: number } = {};
  if (s.indentStart !== undefined) indent.start = twips(s.indentStart);
  if (s.indentEnd !== undefined) indent.end = twips(s.indentEnd);
  if (Object.keys(indent).length > 0) p.indent = indent;
  if (headingLevel !== undefined) {
    p.keepNext = true;
    p.outlineLevel = headingLevel - 1;
  }
  return p;
}

type RunKey = 'font' | 'size' | 'bold' | 'italic' | 'lang';

function runProps(s: ParagraphStyle, only?: readonly RunKey[]): Writable<IRunStylePropertiesOptions> {
  const want = (k: RunKey): boolean => only === undefined || only.includes(k);
  const r: Writable<IRunStylePropertiesOptions> = {};
  if (want('font') && s.font !== undefined) r.font = fontsFor(s.font);
  if (want('size') && s.size !== undefined) {
    r.size = halfPoints(s.size);
    r.sizeComplexScript = halfPoints(s.size);
  }
  if (want('bold') && s.bold !== undefined) {
    r.bold = s.bold;
    r.boldComplexScript = s.bold;
  }
  if (want('italic') && s.italic !== undefined) {
    r.italics = s.italic;
    r.italicsComplexScript = s.italic;
  }
  if (want('lang') && s.lang !== undefined) r.language = wordLanguage(s.lang);
  return r;
}
