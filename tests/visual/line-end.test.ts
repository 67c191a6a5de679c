/**
 * A URL or an e-mail address is not broken inside at a line end unless it
 * does not fit on a line alone (issue 11): on every paragraph of the fixture
 * documents, an address cut by a line end must be wider than the line. The
 * fixtures hold addresses that fall at a line end and fit on a line (which
 * must move whole to the next line) and a URL longer than a line.
 */
import { describe, expect, it } from 'vitest';
import { renderWithDump } from '../backends/pdf/util.js';
import { charBoxes } from './engine.js';
import { DOC_NAMES, loadFixture } from './paragraphs.js';

const ADDRESS = /\b(?:https?:\/\/|www\.)[^\s\u2066-\u2069]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

describe.each(DOC_NAMES.map((doc) => ({ doc })))('URLs and e-mails at line ends in $doc', ({ doc }) => {
  it('are cut only when wider than the line, and the fixtures put some at a line end', async () => {
    const model = await loadFixture(doc);
    const box = model.page.width - model.page.margins.left - model.page.margins.right;
    const r = await renderWithDump(model, {});
    const problems: string[] = [];
    let atLineEnd = 0;
    let cut = 0;
    for (const d of r.dump.filter((x) => !x.running)) {
      const p = d.paragraph;
      for (const m of p.text.matchAll(ADDRESS)) {
        const start = m.index;
        const end = start + m[0].replace(/[.,;:)»"]+$/u, '').length;
        const inside = p.lines.filter((l) => l.start > start && l.start < end);
        // The address starts the line (after the opening of its left-to-right isolate, if any).
        const opens = /[\u2066-\u2068]/.test(p.text[start - 1] ?? '') ? start - 1 : start;
        if (p.lines.some((l, i) => i > 0 && (l.start === start || l.start === opens))) atLineEnd++;
        if (inside.length === 0) continue;
        cut++;
        // Width of the address: its glyphs on every line it is on.
        let width = 0;
        for (const l of p.lines) {
          if (l.end <= start || l.start >= end) continue;
          const boxes = [...charBoxes(p, l)].filter(([i]) => i >= start && i < end).map(([, b]) => b);
          width += Math.max(...boxes.map((b) => b.right)) - Math.min(...boxes.map((b) => b.left));
        }
        if (width <= box) problems.push(`"${m[0]}" (${width.toFixed(1)} pt, the line is ${box.toFixed(1)} pt) is cut at a line end`);
      }
    }
    expect(problems).toEqual([]);
    expect(atLineEnd, 'fixtures with an address moved whole to the next line').toBeGreaterThanOrEqual(2);
    expect(cut, 'the over-long URL is cut').toBeGreaterThanOrEqual(1);
  });
});
