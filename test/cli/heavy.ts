// Workbooks that cost a reader memory, made in a moment: a zip bomb (a part that inflates to hundreds
// of MiB from a few hundred KB) and a sheet of hundreds of thousands of cells. Made from a fixture, so
// that the rest of the package is a real workbook.
import JSZip from 'jszip';
import { readFileSync, writeFileSync } from 'node:fs';
import zlib from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 of `data` continued from `crc`: Node's own (20.15 and later) or a table's. */
function crc32(data: Uint8Array, crc = 0): number {
  const native = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
  if (native) return native(data, crc);
  let c = (crc ^ 0xffffffff) >>> 0;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

interface Entry {
  name: string;
  method: 0 | 8;
  crc: number;
  size: number;
  data: Buffer;
}

function zipEntries(entries: Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(e.crc, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += local.length + name.length + e.data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** The parts of a fixture, inflated. */
async function partsOf(fixture: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(readFileSync(fixture));
  const parts = new Map<string, Buffer>();
  for (const file of Object.values(zip.files)) if (!file.dir) parts.set(file.name, await file.async('nodebuffer'));
  return parts;
}

/**
 * Writes `fixture` with `padMiB` MiB of spaces before the end of its shared strings, as
 * `bomb-strings-511MiB.xlsx` of the defects corpus: every part stored but that one, deflated as one
 * compressed MiB repeated (a full flush makes each piece stand alone), so the file stays small.
 */
export async function writeStringsBomb(fixture: string, out: string, padMiB: number): Promise<void> {
  const parts = await partsOf(fixture);
  const entries: Entry[] = [];
  for (const [name, data] of parts) {
    if (name !== 'xl/sharedStrings.xml') {
      entries.push({ name, method: 0, crc: crc32(data), size: data.length, data });
      continue;
    }
    const end = data.lastIndexOf('</sst>');
    const head = data.subarray(0, end);
    const tail = data.subarray(end);
    const mib = Buffer.alloc(1024 * 1024, 0x20);
    const flush = { finishFlush: zlib.constants.Z_FULL_FLUSH, level: 9 };
    const piece = zlib.deflateRawSync(mib, flush);
    let crc = crc32(head);
    for (let i = 0; i < padMiB; i++) crc = crc32(mib, crc);
    crc = crc32(tail, crc);
    const deflated = Buffer.concat([zlib.deflateRawSync(head, flush), ...Array.from({ length: padMiB }, () => piece), zlib.deflateRawSync(tail)]);
    entries.push({ name, method: 8, crc, size: head.length + padMiB * mib.length + tail.length, data: deflated });
  }
  writeFileSync(out, zipEntries(entries));
}

/**
 * Writes `fixture` with `rows` rows of ten numbers added below its table on the first sheet: a valid
 * workbook whose reading takes far more heap than a real 自评表 (400,000 cells: about 80 MB).
 */
export async function writeManyCells(fixture: string, out: string, rows: number): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(fixture));
  const sheet = 'xl/worksheets/sheet1.xml';
  const xml = await zip.file(sheet)!.async('string');
  const extra: string[] = [];
  for (let r = 1000; r < 1000 + rows; r++) {
    let cells = '';
    for (let c = 0; c < 10; c++) cells += `<c r="${String.fromCharCode(65 + c)}${r}"><v>${r * 10 + c}</v></c>`;
    extra.push(`<row r="${r}">${cells}</row>`);
  }
  zip.file(sheet, xml.replace('</sheetData>', `${extra.join('')}</sheetData>`));
  writeFileSync(out, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}
