import { open } from 'node:fs/promises';

/**
 * What a business-plan document may be, recognised by its content (the client's file name and
 * Content-Type are only claims). `file-type` would do this, but its current versions are ES
 * modules only, with ESM-only dependencies that this CommonJS build and Jest would have to
 * transform; three formats need two signatures and a look into a ZIP's central directory.
 */
export const PLAN_DOCUMENT_KINDS = {
  pdf: { label: 'PDF', extension: '.pdf', mediaType: 'application/pdf' },
  docx: {
    label: 'DOCX',
    extension: '.docx',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  pptx: {
    label: 'PPTX',
    extension: '.pptx',
    mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  },
} as const;

export type PlanDocumentKind = keyof typeof PLAN_DOCUMENT_KINDS;

export type RecognisedContent =
  | { kind: PlanDocumentKind }
  | { kind: null; /** What the content looks like instead, in words. */ looksLike: string };

const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');
const ZIP_LOCAL_HEADER = 0x04034b50;
const ZIP_END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP_CENTRAL_HEADER = 0x02014b50;
/** The end record is 22 bytes plus a comment of at most 65535. */
const ZIP_TAIL_BYTES = 22 + 0xffff;
/** An Office document's directory is a few kilobytes; a bigger one is not worth reading. */
const ZIP_MAX_DIRECTORY_BYTES = 4 * 1024 * 1024;

/** Well-known signatures, to tell the uploader what they sent instead. */
const OTHER_SIGNATURES: [Buffer, string][] = [
  [Buffer.from('MZ', 'latin1'), 'a Windows executable'],
  [Buffer.from([0x7f, 0x45, 0x4c, 0x46]), 'an ELF executable'],
  [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'an old Office (.doc/.ppt) file'],
  [Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'a PNG image'],
  [Buffer.from([0xff, 0xd8, 0xff]), 'a JPEG image'],
];

/** Recognises a PDF, DOCX or PPTX file from its bytes. */
export async function recogniseDocument(path: string): Promise<RecognisedContent> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const head = Buffer.alloc(Math.min(size, 8));
    await file.read(head, 0, head.length, 0);
    if (head.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) return { kind: 'pdf' };
    if (head.length >= 4 && head.readUInt32LE(0) === ZIP_LOCAL_HEADER) {
      const names = await zipEntryNames(file, size);
      if (names === null) return { kind: null, looksLike: 'a damaged ZIP archive' };
      const office = names.includes('[Content_Types].xml');
      if (office && names.some((name) => name.startsWith('word/'))) return { kind: 'docx' };
      if (office && names.some((name) => name.startsWith('ppt/'))) return { kind: 'pptx' };
      return { kind: null, looksLike: 'a ZIP archive that is not a Word or PowerPoint document' };
    }
    const other = OTHER_SIGNATURES.find(([magic]) => head.subarray(0, magic.length).equals(magic));
    return { kind: null, looksLike: other ? other[1] : 'none of them' };
  } finally {
    await file.close();
  }
}

type FileHandle = Awaited<ReturnType<typeof open>>;

/** The entry names of a ZIP's central directory, or null when it cannot be read. */
async function zipEntryNames(file: FileHandle, size: number): Promise<string[] | null> {
  const tailLength = Math.min(size, ZIP_TAIL_BYTES);
  const tail = Buffer.alloc(tailLength);
  await file.read(tail, 0, tailLength, size - tailLength);
  let end = -1;
  for (let i = tailLength - 22; i >= 0; i -= 1) {
    if (tail.readUInt32LE(i) === ZIP_END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const entries = tail.readUInt16LE(end + 10);
  const directorySize = tail.readUInt32LE(end + 12);
  const directoryOffset = tail.readUInt32LE(end + 16);
  if (directorySize > ZIP_MAX_DIRECTORY_BYTES || directoryOffset + directorySize > size) {
    return null;
  }
  const directory = Buffer.alloc(directorySize);
  await file.read(directory, 0, directorySize, directoryOffset);
  const names: string[] = [];
  let at = 0;
  for (let entry = 0; entry < entries; entry += 1) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== ZIP_CENTRAL_HEADER) {
      return null;
    }
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    names.push(directory.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}
