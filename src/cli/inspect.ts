// `perf-score inspect FILE…`: how each workbook was read, without scoring (see report/inspect.ts).
// Loaded on demand by main.ts, like eval.
import { EXIT, RunError } from '../errors.js';
import { uiFor } from '../i18n/messages.js';
import type { Lang } from '../model.js';
import { formatInspect } from '../report/inspect.js';
import { openWorkbook } from '../workbook/read.js';
import type { Io } from './main.js';

export interface InspectOptions {
  lang: Lang;
}

/** Prints the inspection of every file; exit 2 when one could not be read (its message on stderr), else 0. */
export async function runInspect(files: string[], opts: InspectOptions, io: Io): Promise<number> {
  let failed = false;
  for (const [i, file] of files.entries()) {
    try {
      const opened = await openWorkbook(file, { requireTable: false });
      if (i > 0) io.stdout.write('\n');
      io.stdout.write(formatInspect({ file, sheets: opened.sheets }));
    } catch (err) {
      if (!(err instanceof RunError)) throw err;
      io.stderr.write(`${err.render(uiFor(opts.lang))}\n`);
      failed = true;
    }
  }
  return failed ? EXIT.couldNotRun : EXIT.clean;
}
