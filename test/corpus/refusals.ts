// A file perf-score will not read must be refused with a precise reason: the reason is recorded,
// grouped, and held against what readers we did not write make of the same file.

/** The reason of a refusal without its file name (`/a/b.xlsx: the workbook is damaged …` → `the workbook is damaged …`). */
export function reasonOf(message: string, file: string): string {
  let text = message.startsWith(file) ? message.slice(file.length) : message.replace(/^.*?\.(xlsx|xlsm|xls|et|ods|csv|xlsb)(?=[:：])/i, '');
  text = text.replace(/^[:：]\s*/, '').trim();
  return text;
}

/** What is known of a file without perf-score: its container, and whether SheetJS CE reads it. */
export interface FileFacts {
  /** An OLE2 compound file (.xls, .et, or an encrypted xlsx). */
  ole2: boolean;
  /** An OLE2 file holding an EncryptionInfo stream: a password-protected OOXML package. */
  encrypted: boolean;
  /** Whether jszip reads the zip with every entry's CRC right; null when not a zip at all. */
  zipIntact: boolean | null;
  /** Worksheets SheetJS CE reads, or null when it cannot read the file. */
  sheetjsSheets: number | null;
  /** Cells SheetJS CE reads, summed over sheets (0 when it reads none). */
  sheetjsCells: number;
}

const OLD_EXT = /\.(xls|et|ods|csv|xlsb|wps)$/i;

/**
 * Why a refusal is not precise, or null when it is: a password-protected workbook is called one, a
 * package is called damaged only when it is (jszip or SheetJS CE fails on it too), a file is "not a
 * workbook" only when SheetJS CE finds no sheet in it, an old format only when the file is one.
 */
export function imprecision(reason: string, file: string, facts: FileFacts): string | null {
  const said = `refused as “${reason}”`;
  if (facts.encrypted) return /password|encrypt|密码|加密/i.test(reason) ? null : `${said}, but it is a password-protected workbook (an EncryptionInfo stream)`;
  if (/damaged|损坏/.test(reason)) {
    if (facts.zipIntact === false || facts.sheetjsSheets === null) return null;
    // The damage named, in the part it is in (`the workbook is damaged: xl/styles.xml is missing …`):
    // precise whatever a more lenient reader makes of the rest.
    if (/damaged: .*(\.xml|\.rels|the package|\bcell\b|\brow\b)/.test(reason)) return null;
    // The corpus's deliberately damaged files (its README): a clear refusal is the right answer.
    if (/(^|\/)(clusterfuzz-testcase|crash-)|MalformedCount/.test(file)) return null;
    return `${said}, but every zip entry's CRC is right and SheetJS CE reads ${facts.sheetjsSheets} sheet(s), ${facts.sheetjsCells} cell(s)`;
  }
  if (/not an xlsx|不是 xlsx/.test(reason)) {
    if (facts.sheetjsSheets === null || facts.sheetjsCells === 0) return null;
    return `${said}, but SheetJS CE reads ${facts.sheetjsSheets} sheet(s), ${facts.sheetjsCells} cell(s)`;
  }
  if (/not supported|不支持/.test(reason)) {
    if (facts.ole2 || OLD_EXT.test(file)) return null;
    return `${said}, but it is neither an OLE2 file nor named as an old format`;
  }
  return null;
}
