import { randomBytes } from 'node:crypto';
import { crc32, deflateRawSync } from 'node:zlib';
import { pdfFile, zipFile } from './plan-document-files';

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types/>';

/**
 * A real zip bomb dressed as a DOCX: three deflated entries of 100 MiB of zeros each (about 100
 * KB each on the wire), 300 MiB once inflated.
 */
export function zipBombDocx(): Buffer {
  const inflated = Buffer.alloc(100 * 1024 * 1024);
  const deflated = deflateRawSync(inflated, { level: 9 });
  const crc = crc32(inflated);
  const entries: [string, Buffer, number, number][] = [
    ['[Content_Types].xml', Buffer.from(CONTENT_TYPES), crc32(CONTENT_TYPES), 0],
    ...['word/document.xml', 'word/a.xml', 'word/b.xml'].map(
      (name): [string, Buffer, number, number] => [name, deflated, crc, 8],
    ),
  ];
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data, entryCrc, method] of entries) {
    const size = method === 8 ? inflated.length : data.length;
    const nameBytes = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(entryCrc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(entryCrc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
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
