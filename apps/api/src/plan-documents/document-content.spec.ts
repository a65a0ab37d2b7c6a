import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  docxFile,
  pdfFile,
  pptxFile,
  windowsExecutable,
  zipFile,
} from '../../../../test/support/plan-document-files';
import { recogniseDocument } from './document-content';

describe('recogniseDocument', () => {
  const folder = mkdtempSync(join(tmpdir(), 'document-content-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  function file(name: string, content: Buffer): string {
    const path = join(folder, name);
    writeFileSync(path, content);
    return path;
  }

  it.each([
    ['a PDF', pdfFile(100), { kind: 'pdf' }],
    ['a DOCX', docxFile(), { kind: 'docx' }],
    ['a PPTX', pptxFile(), { kind: 'pptx' }],
    ['a Windows program', windowsExecutable(), { kind: null, looksLike: 'a Windows executable' }],
    [
      'a plain ZIP',
      zipFile({ 'word.txt': 'word/ is not a folder here' }),
      { kind: null, looksLike: 'a ZIP archive that is not a Word or PowerPoint document' },
    ],
    [
      'a ZIP without its directory',
      zipFile({ 'word/document.xml': '<w/>' }).subarray(0, 60),
      { kind: null, looksLike: 'a damaged ZIP archive' },
    ],
    ['text', Buffer.from('hello'), { kind: null, looksLike: 'none of them' }],
    ['one byte', Buffer.from('%'), { kind: null, looksLike: 'none of them' }],
  ])('recognises %s', async (_name, content, expected) => {
    expect(await recogniseDocument(file(`${_name}.bin`, content))).toEqual(expected);
  });
});
