/** The fixture document: one paragraph per case the engine must get right. */
import type { DocumentModel, ParagraphNode } from '../../../src/model/index.js';

const P = (value: string, extra: Partial<ParagraphNode> = {}): ParagraphNode => ({ type: 'paragraph', children: [{ type: 'text', value }], ...extra });

export const FIXTURES: Record<string, ParagraphNode> = {
  mixed: P('اعتمد القرار ACM-2018/AZER/REP في 24 سبتمبر 2018 بأغلبية ١٢ صوتًا مقابل 3 أصوات.'),
  brackets: P('القرارات رقم ٨٢٢ (١٩٩٣)، و٨٥٣ (١٩٩٣) [انظر المرفق (أ) والملحق {ب}] «بشأن التضامن».'),
  percent: P('ارتفعت النسبة إلى ٠٫٤٪ ثم إلى 2.6% وبلغ المبلغ 1,250.75 دولارًا.'),
  url: P('انظر الموقع https://www.oic-oci.org/home/?lan=ar والمعيار ISO 9001:2015 للتفاصيل.'),
  persian: P('پیشنهاد گروه چهارم درباره ژاپن و کشورهای دیگر', { lang: 'fa' }),
  tashkeel: P('إِنَّ الْحَمْدَ لِلَّهِ نَحْمَدُهُ وَنَسْتَعِينُهُ وَنَسْتَغْفِرُهُ، وَنَعُوذُ بِاللَّهِ مِنْ شُرُورِ أَنْفُسِنَا.'),
  longWord: P('كلمة ' + 'استقلالية'.repeat(12) + ' قصيرة'),
  oneWord: P('تقرير'),
  english: P('The Contact Group met on 24 September 2018 in New York (UN Headquarters) at ministerial level, on the margins of the annual coordination meeting.', { dir: 'ltr', lang: 'en', style: 'english' }),
  question: P('هل اعتمد الاجتماع التقرير؟ نعم؛ اعتمده بالإجماع: ناغورني-كاراباخ.'),
};

export const fixturesModel: DocumentModel = {
  meta: { title: 'Fixtures', date: '2018-09-24', lang: 'ar', dir: 'rtl' },
  page: { width: 595.28, height: 841.89, margins: { top: 70.87, right: 70.87, bottom: 70.87, left: 70.87 } },
  styles: {
    normal: { font: 'Amiri', size: 14, align: 'justify', lineHeight: 1.15, spaceAfter: 8, lang: 'ar', dir: 'rtl' },
    english: { align: 'justify', dir: 'ltr', lang: 'en', size: 12 },
  },
  sections: [{ name: 'body', blocks: Object.values(FIXTURES) }],
};

