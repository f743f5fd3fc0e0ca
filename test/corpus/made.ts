// Workbooks as other programs save them, made from the project's fixtures and the corpus: by
// LibreOffice (a conversion), openpyxl (a load and a save, and the variants of
// python/make_variants.py) and exceljs (a read and a write, and notes as exceljs writes them).
import ExcelJS from 'exceljs';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CORPUS, FIXTURES, REPO, libreOffice, openpyxlPython } from './env.js';

export interface Made {
  name: string;
  file: string;
  about: string;
  /** What it was made from (`fixtures/seed-000.xlsx`, `poi/48539.xlsx`). */
  source: string;
  /** The program that saved it. */
  maker: 'LibreOffice' | 'openpyxl' | 'exceljs';
}

export const ROUND_TRIP = ['seed-000.xlsx', 'two-tables.xlsx', 'project-split.xlsx'];
export const REMARK = '财务科王科长：总分已与局长核对，勿改。';

/** Runs LibreOffice headless with a profile of its own (so it never meets another instance), converting FILES into OUTDIR. */
export function convertWithLibreOffice(files: string[], format: string, outDir: string, profileDir: string, timeoutMs = 600_000): Promise<{ code: number | null; output: string }> {
  const office = libreOffice();
  if (!office) return Promise.resolve({ code: null, output: 'LibreOffice is not installed' });
  mkdirSync(outDir, { recursive: true });
  return new Promise((resolve) => {
    const child = spawn(office, [`-env:UserInstallation=${pathToFileURL(profileDir).href}`, '--headless', '--norestore', '--convert-to', format, '--outdir', outDir, ...files], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    const timer = setTimeout(() => {
      output += `\n(killed after ${timeoutMs / 1000} s)`;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // gone
      }
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

async function byLibreOffice(out: string, scratch: string): Promise<Made[]> {
  const dir = join(scratch, 'lo-out');
  const r = await convertWithLibreOffice(ROUND_TRIP.map((f) => join(FIXTURES, f)), 'xlsx', dir, join(scratch, 'lo-profile-make'));
  return ROUND_TRIP.flatMap((f) => {
    const made = join(dir, f);
    if (!existsSync(made)) throw new Error(`LibreOffice did not convert ${f}: ${r.output.trim()}`);
    const file = join(out, `libreoffice-${basename(f, '.xlsx')}.xlsx`);
    renameSync(made, file);
    return [{ name: `libreoffice-${basename(f, '.xlsx')}`, file, about: `fixtures/${f} converted by LibreOffice (soffice --convert-to xlsx)`, source: `fixtures/${f}`, maker: 'LibreOffice' as const }];
  });
}

async function byExceljs(out: string): Promise<Made[]> {
  const made: Made[] = [];
  for (const f of ROUND_TRIP) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(FIXTURES, f));
    const file = join(out, `exceljs-${basename(f, '.xlsx')}.xlsx`);
    await wb.xlsx.writeFile(file);
    made.push({ name: `exceljs-${basename(f, '.xlsx')}`, file, about: `fixtures/${f} read and written by exceljs`, source: `fixtures/${f}`, maker: 'exceljs' });
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(FIXTURES, 'seed-000.xlsx'));
  const ws = wb.getWorksheet('自评表')!;
  for (let r = 15; r <= 46; r++) ws.getCell(`H${r}`).note = { texts: [{ text: '财务科王科长:\n', font: { bold: true } }, { text: REMARK }] } as ExcelJS.Comment;
  ws.getCell('J4').note = REMARK;
  const file = join(out, 'comments-exceljs.xlsx');
  await wb.xlsx.writeFile(file);
  made.push({ name: 'comments-exceljs', file, about: 'notes as exceljs writes them (rich text, VML) on every 得分 cell, the total and the budget score', source: 'fixtures/seed-000.xlsx', maker: 'exceljs' });
  return made;
}

function byOpenpyxl(out: string): Made[] {
  const python = openpyxlPython();
  if (!python) return [];
  const r = spawnSync(python, [join(REPO, 'test/corpus/python/make_variants.py'), '--fixtures', FIXTURES, '--corpus', CORPUS, '--out', out, '--round-trip', ...ROUND_TRIP], { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 600_000 });
  if (r.status !== 0) throw new Error(`make_variants.py failed: ${r.stderr || r.error?.message}`);
  return (JSON.parse(r.stdout) as Omit<Made, 'maker'>[]).map((m) => ({ ...m, maker: 'openpyxl' as const }));
}

/** Makes every workbook this machine can make into OUT (LibreOffice's and openpyxl's only where installed). */
export async function makeWorkbooks(out: string, scratch: string): Promise<Made[]> {
  mkdirSync(out, { recursive: true });
  const made: Made[] = [...(await byExceljs(out)), ...byOpenpyxl(out)];
  if (libreOffice()) made.unshift(...(await byLibreOffice(out, scratch)));
  return made;
}
