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
  | { kind: null; /** What the content looks like instead, in words. */ looksLike: string }
  | {
      kind: null;
      /** A document of an accepted kind that is refused all the same, and why, in words. */
      refused: string;
      rule: 'document-zip-bomb' | 'document-executable';
    };

/** The most an Office document's entries may inflate to (every entry's uncompressed size). */
export const MAX_INFLATED_BYTES = 256 * 1024 * 1024;
/** Entries that run code: macros, ActiveX, embedded programs and scripts. */
const EXECUTABLE_ENTRY =
  /(^|\/)(vbaProject\.bin|vbaData\.xml)$|(^|\/)activeX\/|\.(exe|dll|com|scr|msi|bat|cmd|ps1|vbs|vbe|js|jse|wsf|jar|sh|so|elf|bin)$/i;

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
    if (head.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) {
      const image = await embeddedExecutable(file, size);
      return image
        ? { kind: null, refused: `it carries ${image} inside the PDF`, rule: 'document-executable' }
        : { kind: 'pdf' };
    }
    if (head.length >= 4 && head.readUInt32LE(0) === ZIP_LOCAL_HEADER) {
      const entries = await zipEntries(file, size);
      if (entries === null) return { kind: null, looksLike: 'a damaged ZIP archive' };
      const inflated = entries.reduce((sum, entry) => sum + entry.uncompressedBytes, 0);
      if (inflated > MAX_INFLATED_BYTES) {
        return {
          kind: null,
          refused: `its entries would inflate to ${inflated} bytes, past the limit of ${MAX_INFLATED_BYTES} (a zip bomb)`,
          rule: 'document-zip-bomb',
        };
      }
      const executable = entries.find((entry) => EXECUTABLE_ENTRY.test(entry.name));
      if (executable) {
        return {
          kind: null,
          refused: `it carries an executable part (${executable.name})`,
          rule: 'document-executable',
        };
      }
      const names = entries.map((entry) => entry.name);
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

/**
 * Whether a PDF carries a Windows (MZ with its PE header) or ELF program image after its own
 * header, read in chunks (a polyglot that is both a PDF and a program).
 */
async function embeddedExecutable(file: FileHandle, size: number): Promise<string | undefined> {
  const chunkBytes = 1024 * 1024;
  const overlap = 1024;
  const chunk = Buffer.alloc(chunkBytes + overlap);
  for (let position = PDF_MAGIC.length; position < size; position += chunkBytes) {
    const { bytesRead } = await file.read(chunk, 0, chunk.length, position);
    const view = chunk.subarray(0, bytesRead);
    for (
      let at = view.indexOf('MZ', 0, 'latin1');
      at >= 0;
      at = view.indexOf('MZ', at + 1, 'latin1')
    ) {
      if (at + 0x40 > view.length) break;
      const peOffset = view.readUInt32LE(at + 0x3c);
      if (peOffset < 0x40 || peOffset > 1024 || at + peOffset + 4 > view.length) continue;
      if (view.readUInt32LE(at + peOffset) === 0x00004550) return 'a Windows executable';
    }
    const elf = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);
    for (let at = view.indexOf(elf); at >= 0; at = view.indexOf(elf, at + 1)) {
      const [elfClass, data, version] = [view[at + 4], view[at + 5], view[at + 6]];
      if ((elfClass === 1 || elfClass === 2) && (data === 1 || data === 2) && version === 1) {
        return 'an ELF executable';
      }
    }
  }
  return undefined;
}

interface ZipEntry {
  name: string;
  uncompressedBytes: number;
}

/** The entries of a ZIP's central directory, or null when it cannot be read. */
async function zipEntries(file: FileHandle, size: number): Promise<ZipEntry[] | null> {
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
  const names: ZipEntry[] = [];
  let at = 0;
  for (let entry = 0; entry < entries; entry += 1) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== ZIP_CENTRAL_HEADER) {
      return null;
    }
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    names.push({
      name: directory.toString('utf8', at + 46, at + 46 + nameLength),
      // 0xffffffff means the size is in a ZIP64 field: count it as the largest (refused).
      uncompressedBytes: directory.readUInt32LE(at + 24),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}
