import { randomBytes } from 'node:crypto';
import { crc32, deflateRawSync } from 'node:zlib';
import { pdfFile, storedEntry, zipArchive, ZipEntry, zipFile } from './plan-document-files';

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types/>';

/**
 * A real zip bomb dressed as a DOCX: three deflated entries of 100 MiB of zeros each (about 100
 * KB each on the wire), 300 MiB once inflated.
 */
export function zipBombDocx(): Buffer {
  const inflated = Buffer.alloc(100 * 1024 * 1024);
  const deflated = deflateRawSync(inflated, { level: 9 });
  const crc = crc32(inflated);
  return zipArchive([
    storedEntry('[Content_Types].xml', CONTENT_TYPES),
    ...['word/document.xml', 'word/a.xml', 'word/b.xml'].map((name): ZipEntry => ({
      name,
      data: deflated,
      crc,
      method: 8,
      inflatedSize: inflated.length,
    })),
  ]);
}

/** A Word document with a VBA macro project inside. */
export function docxWithMacros(): Buffer {
  return zipFile({
    '[Content_Types].xml': CONTENT_TYPES,
    'word/document.xml': '<w:document/>',
    'word/vbaProject.bin': 'Attribute VB_Name = "AutoOpen"',
  });
}

/** A Windows program image: the MZ header pointing at its PE signature. */
function peImage(): Buffer {
  const image = Buffer.alloc(1024);
  image.write('MZ', 0, 'latin1');
  image.writeUInt32LE(0x80, 0x3c);
  image.write('PE\0\0', 0x80, 'latin1');
  return Buffer.concat([image, randomBytes(2048)]);
}

/** A file that is both a PDF and, after its header, a Windows or an ELF program. */
export function pdfPolyglot(kind: 'pe' | 'elf'): Buffer {
  const program =
    kind === 'pe'
      ? peImage()
      : Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), randomBytes(2048)]);
  const pdf = pdfFile(50_000);
  return Buffer.concat([pdf.subarray(0, 30_000), program, pdf.subarray(30_000)]);
}
