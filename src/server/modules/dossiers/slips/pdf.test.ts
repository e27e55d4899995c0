import { describe, expect, it } from 'vitest';
import { pdfText } from '../../org/pdf-text';
import { finishSlip, newSlip, slipParagraph } from './pdf';

/** A slip of `lines` paragraphs without digits, so that the only digits printed are page numbers. */
async function slipOf(lines: number) {
  const s = await newSlip('Thử');
  for (let i = 0; i < lines; i += 1) slipParagraph(s, 'Một dòng nội dung của phiếu, không có chữ số.');
  return finishSlip(s);
}

describe('page numbers (Decree 30/2020: from the second page, centred in the top margin)', () => {
  it('prints none on a one-page slip', async () => {
    expect(pdfText(await slipOf(5))).not.toMatch(/\d/);
  });

  it('numbers every page from the second one', async () => {
    const text = pdfText(await slipOf(130));
    expect(text.match(/\d+/g)).toEqual(['2', '3']);
  });
});
