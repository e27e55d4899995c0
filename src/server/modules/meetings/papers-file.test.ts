import { fileTypeFromBuffer } from 'file-type';
import { describe, expect, it } from 'vitest';
import { officeCodeEntry } from './papers-file';
import { docxWith, odtWith } from './papers-zip.test-support';

describe('officeCodeEntry', () => {
  it.each([
    ['a plain DOCX', docxWith(), null],
    ['a plain ODT', odtWith([['styles.xml', '<x/>']]), null],
    ['a DOCX carrying a VBA project', docxWith([['word/vbaProject.bin', 'VBA']]), 'word/vbaProject.bin'],
    [
      'a DOCX with an ActiveX control',
      docxWith([['word/activeX/activeX1.xml', '<ax/>']]),
      'word/activeX/activeX1.xml',
    ],
    [
      'an ODT with Basic macros',
      odtWith([['Basic/Standard/Module1.xml', 'Sub Main']]),
      'Basic/Standard/Module1.xml',
    ],
    ['an ODT with scripts', odtWith([['Scripts/python/run.py', 'import os']]), 'Scripts/python/run.py'],
    ['a name that only looks alike', odtWith([['Pictures/Basic-chart.png', 'x']]), null],
    ['bytes that are no ZIP', Buffer.from('PK but not a zip at all'), null],
  ])('%s', (_, bytes, expected) => {
    expect(officeCodeEntry(bytes)).toBe(expected);
  });

  it('the hand-built files are detected as what they claim (so the type check lets them reach this one)', async () => {
    expect((await fileTypeFromBuffer(docxWith()))?.mime).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect((await fileTypeFromBuffer(odtWith()))?.mime).toBe('application/vnd.oasis.opendocument.text');
  });
});
