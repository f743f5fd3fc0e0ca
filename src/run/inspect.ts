// `perf-score inspect FILE…`: how each workbook was read, without scoring (see report/inspect.ts).
// Loaded on demand by the CLI, like eval.
import { readRow } from '../engine/expression.js';
import { EXIT, RunError } from '../errors.js';
import { uiFor } from '../i18n/messages.js';
import { formatInspect } from '../report/inspect.js';
import { openWorkbook } from '../workbook/read.js';
import { cwdOf, type Io } from './io.js';
import type { InspectRequest } from './request.js';

/** Prints the inspection of every file; exit 2 when one could not be read (its message on stderr), else 0. */
export async function runInspect(request: InspectRequest, io: Io): Promise<number> {
  const cwd = cwdOf(io);
  let failed = false;
  for (const [i, file] of request.files.entries()) {
    try {
      const opened = await openWorkbook(file, { requireTable: false, cwd });
      if (i > 0) io.stdout.write('\n');
      io.stdout.write(formatInspect({ file, sheets: opened.sheets, read: readRow }));
    } catch (err) {
      if (!(err instanceof RunError)) throw err;
      io.stderr.write(`${err.render(uiFor(request.lang))}\n`);
      failed = true;
    }
  }
  return failed ? EXIT.couldNotRun : EXIT.clean;
}
