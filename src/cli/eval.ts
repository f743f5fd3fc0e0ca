// `perf-score eval`: read → analyze → write → format, for each file given.
// Loaded on demand by main.ts, with everything it needs (exceljs, zod, the formatters).
import { analyzeTable } from '../engine/analyze.js';
import { EXIT, RunError } from '../errors.js';
import { uiFor } from '../i18n/messages.js';
import type { FileReport, Lang } from '../model.js';
import { selectProfile } from '../profiles/index.js';
import { formatConsole } from '../report/console.js';
import { formatJson } from '../report/json.js';
import { openWorkbook } from '../workbook/read.js';
import { defaultOutputPath, writeScoredCopy } from '../workbook/write.js';
import type { Io } from './main.js';

/** The rule options of every scoring command. */
export interface RuleOptions {
  profile?: string;
  rules?: string;
  lang: Lang;
}

export interface EvalOptions extends RuleOptions {
  format: 'table' | 'json';
  output?: string;
  write: boolean;
}

export async function runEval(files: string[], opts: EvalOptions, io: Io): Promise<number> {
  const ui = uiFor(opts.lang);
  const profile = selectProfile({ ...opts, cwd: io.cwd ?? process.cwd() });
  if (opts.output !== undefined && files.length > 1) throw new RunError((u) => u.outWithMany());

  const reports: FileReport[] = [];
  const written: string[] = [];
  let failed = false;
  for (const file of files) {
    try {
      const opened = await openWorkbook(file);
      const tables = opened.tables.map((t) => analyzeTable(t, profile, opts.lang));
      if (opts.write) {
        const out = opts.output ?? defaultOutputPath(file);
        await writeScoredCopy(opened, tables, out, opts.lang);
        written.push(out);
      }
      reports.push({ file, tables });
    } catch (err) {
      if (!(err instanceof RunError)) throw err;
      io.stderr.write(`${err.render(ui)}\n`);
      failed = true;
    }
  }

  if (opts.format === 'json') io.stdout.write(formatJson(reports));
  else if (reports.length > 0) {
    const color = Boolean(io.stdout.isTTY) && !io.env.NO_COLOR;
    io.stdout.write(formatConsole(reports, { lang: opts.lang, color, width: io.stdout.columns ?? 100 }));
    for (const out of written) io.stdout.write(`${ui.wrote(out)}\n`);
  }
  if (failed) return EXIT.couldNotRun;
  const errors = reports.some((r) => r.tables.some((t) => t.findings.some((f) => f.severity === 'error')));
  return errors ? EXIT.findings : EXIT.clean;
}
