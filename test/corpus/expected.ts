// Checks that fail today for the tool's reasons, each with its cause as we see it. A listed check
// runs as `it.fails`: it passes while the tool still fails it, and fails the run the moment the tool
// keeps its promise, so that whoever fixed it removes the entry (the list can only shrink). Readers
// and writers: empty this list.
import { it } from 'vitest';

export const EXPECTED_FAILURES: Record<string, string> = {
  // test/corpus/defects.test.ts (../shared/corpus/defects/README.md gives each cause)
  "defects › bomb-strings-511MiB: a batch with a zip bomb reports every file: the bomb an unreadable-file, seed-000 95.81, exit 1":
    "zip.ts MAX_PART is per part (512 MiB), no budget for the package: the 511 MiB string part is inflated and the batch's Node runs out of heap (SIGABRT, JSON cut off)",
  "defects › bomb-strings-511MiB: the batch stays under 500 MB of memory":
    "the same: one part of 511 MiB becomes a 511 MB string (2.1 GB resident alone)",
  "defects › whole-column-merges: a clear outcome (exit 0 or 1, no internal error) within 60 s of CPU, under 500 MB":
    "values.ts visits every row of every merge and grid.ts addMerge maps every cell of a merge (about 1 GB, then Map maximum size exceeded)",
  "defects › huge-row-number: a clear outcome (exit 0 or 1, no internal error) within 60 s of CPU, under 500 MB":
    "values.ts accepts row numbers past 1,048,576 as the used range; read.ts lists a table-less sheet's cells over rows × columns",
  "defects › far-corner-cell: a clear outcome (exit 0 or 1, no internal error) within 60 s of CPU, under 500 MB":
    "read.ts lists a table-less sheet's cells over rows × columns: 1.7·10^10 for one cell at XFD1048576",
  "defects › whole-column-merges: a valid workbook, scored like seed-000 (95.81, exit 0)":
    "as above: no outcome",
  "defects › far-corner-cell: a valid workbook, scored like seed-000 (95.81, exit 0)":
    "as above: no outcome",
  "defects › missing-styles: an unreadable-file naming xl/styles.xml, exit 1":
    "values.ts readWorkbook: a styles part named by the rels but missing is read as no formats (percentages read as fractions, total 92.85, exit 0)",
  "defects › missing-sheet-part: an unreadable-file naming xl/worksheets/sheet3.xml, exit 1":
    "values.ts readWorkbook skips a sheet whose part is missing (`if (xml === null) continue`): one table reported, exit 0",
  "defects › duplicate-sheet-entry: an unreadable-file naming xl/worksheets/sheet3.xml (two entries of that name), exit 1":
    "zip.ts readZip keeps the last of two entries of one name (here empty): the sheet reads as empty, exit 0",
  "defects › truncated-sheet-xml: an unreadable-file naming xl/worksheets/sheet1.xml (cut mid-table), exit 1":
    "values.ts reads by regex and tolerates a missing </sheetData>: 16 of 31 rows scored, blamed on the author (weight-sum)",
  "defects › iso-date-cell: a t=\"d\" cell is read as a date: the actual of 预算执行率 is 2022年12月31日":
    "values.ts cellValue: a t=\"d\" value goes to parseFloat (2022, shown as 202200%)",
  "defects › xml-comment-cell: a commented-out cell is ignored: the weight of 预算执行率 is 3, the total 95.81":
    "values.ts CELL regex matches inside <!-- -->: the weight is read as 99",
  "defects › zip64: a valid zip64 package is read and scored like seed-000 (95.81, no finding, exit 0)":
    "zip.ts readZip rejects a count of 0xFFFF / offset 0xFFFFFFFF and ignores zip64 extra fields: \"damaged\"",
  "defects › zip64: its scored copy is written and opens in openpyxl":
    "as above: the file is refused, no copy",
  "defects › content-types-damaged: check reports the damage (an unreadable-file naming [Content_Types].xml, exit 1)":
    "[Content_Types].xml is read only by the writer: check never inflates it (exit 0, clean)",
  "defects › content-types-damaged: eval ends cleanly (no internal error) and names [Content_Types].xml":
    "the writer's ZipError reaches score-file.ts messageOf, which calls it a bug: \"internal error: [Content_Types].xml is damaged\"",
  "defects › unread-part-damaged: no scored copy carries an entry with a wrong CRC (the damage is reported, or the copy is whole)":
    "package.ts toBuffer copies entries it did not read as stored, unchecked: the copy carries xl/theme/theme1.xml with its wrong CRC",
  "defects › header-at-xfd: the copy’s columns stay within XFD, and exceljs and openpyxl open it":
    "write.ts addComputedColumns: first = table.lastColumn + 1, unbounded: columns XFE-XFG",
  "defects › huge-weight: no Infinity or NaN in the copy, which openpyxl opens":
    "sheet-patch.ts cellXml writes `${value}` of Decimal.toNumber(): <v>Infinity</v>",
  "defects › xml-comment-row: the copy is well-formed (every XML part) and opens in openpyxl; the total stays 95.81":
    "sheet-patch.ts patchRows: the ROW regex matches inside the comment and repeats the text before a row once per inserted row",
  // test/fuzz.test.ts, default run (seed 20261130, 300 mutants)
  "fuzz › no mutant crashes the tool: no internal error, no uncaught exception, no dead process":
    "mutant #95 ([Content_Types].xml's compressed data damaged): the writer alone reads that part, and its ZipError reaches score-file.ts messageOf, which calls it an internal error (as content-types-damaged.xlsx)",
  "fuzz › a sample of scored copies loads in openpyxl, every XML part well-formed (wherever the mutant itself does)":
    "mutant #156 (an XML comment holding a <c> in a row): sheet-patch.ts matches rows and cells inside the comment, and the copy's sheet is not well-formed (as xml-comment-row.xlsx)",
};

export interface CheckOptions {
  timeout?: number;
  /** Skipped (a reader it needs is not installed). */
  skip?: boolean;
  /** Whether the list applies: not to a fuzz run with other mutants than the default ones. */
  expectations?: boolean;
}

/** `it`, or `it.fails` for a check listed in EXPECTED_FAILURES (by its full title, `section › title`); `it.skip` when `skip`. */
export function check(section: string, title: string, fn: () => unknown | Promise<unknown>, opts: CheckOptions = {}): void {
  const cause = opts.expectations === false ? undefined : EXPECTED_FAILURES[`${section} › ${title}`];
  if (opts.skip) it.skip(title, fn, opts.timeout);
  else if (cause === undefined) it(title, fn, opts.timeout);
  else it.fails(`${title} [expected to fail today: ${cause}]`, fn, opts.timeout);
}

/** Entries of a section that name no check: a renamed check must take its entry along. */
export function staleEntries(section: string, titles: string[]): string[] {
  return Object.keys(EXPECTED_FAILURES).filter((k) => k.startsWith(`${section} › `) && !titles.includes(k.slice(section.length + 3)));
}
