// Workbooks saved by other programs (LibreOffice, openpyxl, exceljs), with what users add to theirs
// (comments, threaded comments, conditional formats, print areas, shared formulas, remarks and
// helper columns beside the table, dropdowns), and corpus workbooks with seed-000's table written
// in: each is scored with `eval -o`, and its scored copy must open in LibreOffice and openpyxl and
// keep everything of the input (preserve.ts says what that is, and names what differs).
import * as XLSX from '@e965/xlsx';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBin, uncleanEnd } from './bin.js';
import { cleanTemp, libreOffice, openpyxlPython, record, sayMissing, tempDir } from './env.js';
import { convertWithLibreOffice, makeWorkbooks, type Made } from './made.js';
import { dumpWorkbooks } from './openpyxl.js';
import { Pkg } from './pkg.js';
import { compareDumps, compareParts, type WorkbookDump } from './preserve.js';

const office = libreOffice();
const python = openpyxlPython();
if (!office) sayMissing('LibreOffice (soffice)', 'the workbooks LibreOffice makes and the check that LibreOffice opens every scored copy');
if (!python) sayMissing('openpyxl (python3-openpyxl)', 'the workbooks openpyxl makes and the openpyxl checks of every scored copy (loading, content kept, well-formed parts)');

interface Scored {
  made: Made;
  copy: string;
  exit: number | null;
  unclean: string | null;
  /** Sheets holding the tables eval scored (from its JSON report). */
  tables: string[];
  copyWritten: boolean;
  stderr: string;
  /** Sheets LibreOffice yields converting the copy, or its failure; null when not checked. */
  libreOffice: { sheets: string[]; error: string | null } | null;
  sheets: string[];
  openpyxl: string | null | undefined;
  malformed: string[];
  testzip: string | null;
  lostByOpenpyxl: string[];
  lostByPart: string[];
  added: string[];
}

describe('workbooks saved by other programs: the scored copy opens everywhere and keeps everything', () => {
  const scored: Scored[] = [];
  let dir = '';

  beforeAll(async () => {
    dir = tempDir('perf-score-made-');
    const inputs = join(dir, 'in');
    const outputs = join(dir, 'out');
    mkdirSync(outputs, { recursive: true });
    const made = await makeWorkbooks(inputs, dir);
    for (const m of made) {
      const copy = join(outputs, `${m.name}.scored.xlsx`);
      const run = await runBin(['eval', m.file, '-o', copy, '--format', 'json', '--lang', 'en'], { timeoutMs: 120_000 });
      let tables: string[] = [];
      try {
        tables = [...new Set((JSON.parse(run.stdout) as { files: { sheet: string }[] }).files.map((f) => f.sheet))];
      } catch {
        // no report: said by `unclean`
      }
      const pkg = existsSync(copy) ? await Pkg.open(copy) : null;
      scored.push({
        made: m,
        copy,
        exit: run.code,
        unclean: uncleanEnd(run),
        tables,
        copyWritten: existsSync(copy),
        stderr: run.stderr.trim(),
        libreOffice: null,
        sheets: pkg ? (await pkg.sheets()).map((s) => s.name) : [],
        openpyxl: undefined,
        malformed: [],
        testzip: null,
        lostByOpenpyxl: [],
        lostByPart: [],
        added: [],
      });
    }
    const written = scored.filter((s) => s.copyWritten);
    if (office) {
      const loDir = join(dir, 'lo-check');
      const r = await convertWithLibreOffice(written.map((s) => s.copy), 'xlsx', loDir, join(dir, 'lo-profile-check'));
      for (const s of written) {
        const out = join(loDir, `${s.made.name}.scored.xlsx`);
        if (!existsSync(out)) {
          s.libreOffice = { sheets: [], error: `no conversion (${r.output.split('\n').find((l) => l.includes(s.made.name)) ?? r.output.trim().split('\n').pop()})` };
          continue;
        }
        try {
          s.libreOffice = { sheets: XLSX.read(readFileSync(out), { type: 'buffer', bookSheets: true }).SheetNames, error: null };
        } catch (err) {
          s.libreOffice = { sheets: [], error: `its conversion does not read back: ${(err as Error).message}` };
        }
      }
    }
    const dumps: Record<string, WorkbookDump> | null = python ? dumpWorkbooks([...made.map((m) => m.file), ...written.map((s) => s.copy)]) : null;
    for (const s of written) {
      if (dumps) {
        const d = dumps[s.copy]!;
        s.openpyxl = d.load;
        s.malformed = d.malformed.map((m) => `${m.part}: ${m.error}`);
        s.testzip = d.testzip;
        s.lostByOpenpyxl = compareDumps(dumps[s.made.file]!, d);
      }
      const parts = await compareParts(s.made.file, s.copy, s.tables);
      s.lostByPart = parts.lost;
      s.added = parts.added;
    }
    record('made', { tools: { libreOffice: office !== null, openpyxl: python !== null }, workbooks: scored.map(({ made: m, ...rest }) => ({ name: m.name, maker: m.maker, about: m.about, source: m.source, ...rest, copy: undefined })) });
  }, 60 * 60_000);

  afterAll(cleanTemp);

  const each = (f: (s: Scored) => string[]) => scored.flatMap((s) => f(s).map((line) => `${s.made.name}: ${line}`));

  it('every made workbook is scored and its copy written (eval exits 0 or 1, cleanly)', () => {
    expect(scored.length).toBeGreaterThan(0);
    expect(
      each((s) => [
        ...(s.unclean ? [s.unclean] : []),
        ...(s.exit !== 0 && s.exit !== 1 ? [`exit ${s.exit}: ${s.stderr.split('\n')[0]}`] : []),
        ...(!s.copyWritten ? [`no scored copy written${s.stderr ? `: ${s.stderr.split('\n')[0]}` : ''}`] : []),
        ...(s.copyWritten && s.tables.length === 0 ? ['no table scored'] : []),
      ]),
    ).toEqual([]);
  });

  it.skipIf(!office)('LibreOffice opens every scored copy and yields its sheets', () => {
    expect(
      each((s) => {
        if (!s.copyWritten || !s.libreOffice) return [];
        if (s.libreOffice.error) return [s.libreOffice.error];
        return s.libreOffice.sheets.join('\n') === s.sheets.join('\n') ? [] : [`sheets ${JSON.stringify(s.sheets)} → ${JSON.stringify(s.libreOffice.sheets)}`];
      }),
    ).toEqual([]);
  });

  it.skipIf(!python)('openpyxl loads every scored copy; every XML part is well-formed and every zip entry’s CRC right', () => {
    expect(
      each((s) => [
        ...(s.openpyxl ? [`openpyxl: ${s.openpyxl}`] : []),
        ...s.malformed.map((m) => `not well-formed: ${m}`),
        ...(s.testzip ? [`bad CRC: ${s.testzip}`] : []),
      ]),
    ).toEqual([]);
  });

  it.skipIf(!python)('every scored copy keeps the input’s cell values, cached values, number formats, comments, merges, validations, conditional formats, print areas and names (openpyxl)', () => {
    expect(each((s) => s.lostByOpenpyxl)).toEqual([]);
  });

  it('every part of the input the tool had no reason to change is in the copy, byte for byte once inflated; rewritten parts keep their relationships and content types', () => {
    expect(each((s) => s.lostByPart)).toEqual([]);
  });
});
