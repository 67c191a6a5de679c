import { describe, expect, test } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { loadDocument } from '../../src/pipeline.js';
import { inlineText, type ListItemNode } from '../../src/model/index.js';

const DATA = 'data/acm-2018-azer-rep-annex-v.json';
const GOLDEN = join('tests', 'template', 'golden', 'acm-2018-azer-rep-annex-v.model.json');

/** Every sample document of data/: each has its golden model. */
const SAMPLES = readdirSync('data').filter((f) => f.endsWith('.json')).sort();

describe('the golden model of every sample in data/ (update with `npm run golden:update`)', () => {
  test('the samples are the annex in three languages and the resolution in two', () => {
    expect(SAMPLES).toEqual([
      'acm-2018-azer-rep-annex-v.en.json', 'acm-2018-azer-rep-annex-v.fr.json', 'acm-2018-azer-rep-annex-v.json',
      'cfm-45-2018-res-10.ar.json', 'cfm-45-2018-res-10.en.json',
    ]);
  });
  test.each(SAMPLES)('%s', async (file) => {
    const golden = join('tests', 'template', 'golden', `${basename(file, '.json')}.model.json`);
    const { model } = await loadDocument(join('data', file));
    const actual = JSON.stringify(model, null, 2) + '\n';
    if (process.env['UPDATE_GOLDEN'] === '1') {
      mkdirSync(dirname(golden), { recursive: true });
      writeFileSync(golden, actual);
    }
    expect(existsSync(golden), `${golden} is missing: run npm run golden:update`).toBe(true);
    expect(actual).toBe(readFileSync(golden, 'utf8'));
  });
});

describe('the Annex V document model', () => {
  test('the golden file of the Arabic annex is the one the backends\' tests know', () => {
    expect(existsSync(GOLDEN)).toBe(true);
  });

  test('has the structure of the seed', async () => {
    const { model } = await loadDocument(DATA);
    const data = JSON.parse(readFileSync(DATA, 'utf8'));
    const { fieldNames, ...meta } = model.meta;
    expect(fieldNames?.['paragraphs']).toBe('الفقرة');
    expect(meta).toEqual({
      title: `تقرير ${data.title}`,
      subject: 'نيويورك، مقر الأمم المتحدة، 24 سبتمبر 2018',
      author: 'منظمة التعاون الإسلامي',
      keywords: ['ACM-2018/AZER/REP'],
      date: '2018-09-24',
      lang: 'ar',
      dir: 'rtl',
    });
    expect(model.sections.map((s) => s.name)).toEqual(['cover', 'body']);
    const [cover, body] = model.sections;
    const coverText = cover!.blocks.map((b) => (b.type === 'paragraph' ? `${b.style}:${inlineText(b.children)}` : b.type));
    expect(coverText).toEqual([
      'symbol:ACM-2018/AZER/REP',
      'symbol:ANNEXE - V',
      'organization:منظمة التعاون الإسلامي',
      'documentType:تقرير',
      `title:${data.title}`,
      'venue:نيويورك، مقر الأمم المتحدة، 24 سبتمبر 2018',
    ]);
    expect(cover!.header).toBeUndefined();
    expect(body!.header!.map((b) => b.type === 'paragraph' && inlineText(b.children))).toEqual(['ACM-2018/AZER/REP']);
    expect(body!.footer).toEqual([{ type: 'paragraph', style: 'footer', children: [{ type: 'field', name: 'page' }], origin: { file: 'templates/oic-annex/partials/footer.hbs', line: 3 } }]);

    const [heading, venue, ...rest] = body!.blocks;
    expect(heading!.type === 'heading' && inlineText(heading!.children)).toBe(`تقرير ${data.title}`);
    expect(venue!.type === 'paragraph' && inlineText(venue!.children)).toBe('نيويورك، مقر الأمم المتحدة، 24 سبتمبر 2018');
    const items = rest as ListItemNode[];
    expect(items.map((i) => [i.type, i.list, i.number, i.children.length])).toEqual([
      ['listItem', 'main', 1, 1], ['listItem', 'main', 2, 1], ['listItem', 'main', 3, 5], ['listItem', 'main', 4, 1],
      ['listItem', 'main', 5, 1], ['listItem', 'main', 6, 1], ['listItem', 'main', 7, 1],
    ]);
    // Text is the data's, character for character.
    items.forEach((item, i) => {
      expect(inlineText(item.children[0]!.children)).toBe(data.paragraphs[i].text);
      expect(item.children.slice(1).map((p) => inlineText(p.children))).toEqual(data.paragraphs[i].continuation ?? []);
      expect(item.children.slice(1).every((p) => p.style === 'continuation')).toBe(true);
    });
    expect(inlineText(items[2]!.children[0]!.children)).toContain('٨٢٢ (١٩٩٣)، و٨٥٣ (١٩٩٣)');
    expect(inlineText(items[4]!.children[0]!.children)).toContain('خريطة طريق لتوجيه أنشطة فريق الاتصال.');
    expect(inlineText(items[5]!.children[0]!.children)).toBe(
      'في نهاية الاجتماع، اتفق الحضور على أنه من أجل الاستخدام الأمثل لفريق الاتصال بصفته منصة مهمة يجب على أعضاء الفريق تقديم عناصر ضرورية لخريطة طريق العمل المستقبلي للفريق يتم تقديمها لمزيد من النظر في اجتماعه المقبل.',
    );
  });

  test('the data holds the title once, with the body heading spelling', () => {
    const text = readFileSync(DATA, 'utf8');
    const data = JSON.parse(text);
    expect(data.title).toBe('اجتماع فريق الاتصال المعني بعدوان جمهورية أرمينيا على جمهورية أذربيجان');
    expect(text.split('فريق الاتصال المعني بعدوان جمهورية أرمينيا على جمهورية أذربيجان"').length - 1).toBe(1);
    expect(text).not.toContain('بعنوان');
    expect(text).not.toMatch(/"\s*-?\d+-?\s/); // numbers are derived, not stored
  });
});
