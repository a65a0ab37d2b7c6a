import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

/** A small PDF-looking file: the PDF signature, some bytes, the end marker. */
export function pdfFile(bodyBytes = 200_000): Buffer {
  return Buffer.concat([
    Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'),
    randomBytes(bodyBytes),
    Buffer.from('\n%%EOF\n', 'latin1'),
  ]);
}

/** What a Windows program starts with (the "MZ" DOS header). */
export function windowsExecutable(): Buffer {
  const header = Buffer.alloc(512);
  header.write('MZ', 0, 'latin1');
  header.write('This program cannot be run in DOS mode.', 78, 'latin1');
  return Buffer.concat([header, randomBytes(4096)]);
}

/**
 * One entry of a ZIP archive: its bytes as written (`method` 0: stored, 8: deflated), the CRC-32
 * and the size of what they inflate to.
 */
export interface ZipEntry {
  name: string;
  data: Buffer;
  crc: number;
  method: 0 | 8;
  inflatedSize: number;
}

/** A ZIP archive of the entries, as written: local headers, then the central directory. */
export function zipArchive(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data, crc, method, inflatedSize } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(inflatedSize, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(inflatedSize, 24);
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

/** An entry written as is (stored, uncompressed). */
export function storedEntry(name: string, content: string | Buffer): ZipEntry {
  const data = Buffer.from(content);
  return { name, data, crc: crc32(data), method: 0, inflatedSize: data.length };
}

/** A ZIP archive of stored (uncompressed) entries, as Office documents are packaged. */
export function zipFile(entries: Record<string, string>): Buffer {
  return zipArchive(Object.entries(entries).map(([name, text]) => storedEntry(name, text)));
}

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types/>';

/** The parts that make a ZIP a Word document (enough for content recognition). */
export function docxFile(): Buffer {
  return zipFile({
    '[Content_Types].xml': CONTENT_TYPES,
    'word/document.xml': '<w:document><w:body><w:p>商业计划书</w:p></w:body></w:document>',
  });
}

export function pptxFile(): Buffer {
  return zipFile({
    '[Content_Types].xml': CONTENT_TYPES,
    'ppt/presentation.xml': '<p:presentation/>',
  });
}
