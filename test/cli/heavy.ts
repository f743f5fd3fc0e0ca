// Workbooks that cost a reader memory, made in a moment: a zip bomb (a part that inflates to hundreds
// of MiB from a few hundred KB) and a sheet of hundreds of thousands of cells. Made from a fixture, so
// that the rest of the package is a real workbook.
import JSZip from 'jszip';
import { readFileSync, writeFileSync } from 'node:fs';
import zlib from 'node:zlib';
import { crc32, writeZip, type ZipEntry } from '../../src/ooxml/zip.js';

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
  const entries: ZipEntry[] = [];
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
  writeFileSync(out, writeZip(entries));
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
