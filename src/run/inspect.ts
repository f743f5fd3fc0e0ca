// `perf-score inspect FILE…`: how each workbook was read, without scoring (see report/inspect.ts).
// Loaded on demand by the CLI, like eval.
import { readRow } from '../engine/expression.js';
import { EXIT, RunError } from '../errors.js';
import { uiFor } from '../i18n/messages.js';
import { formatInspect, inspectHeader } from '../report/inspect.js';
import { openWorkbook } from '../workbook/read.js';
import { cwdOf, type Io } from './io.js';
import type { InspectRequest } from './request.js';

/** A message without the file it begins with (`a.xlsx：…`, `a.xlsx: …`): git's textconv path is a temporary one. */
function withoutFile(message: string, file: string): string {
  return message.startsWith(file) ? message.slice(file.length).replace(/^(：|:\s*)/, '') : message;
}

/**
 * Prints the inspection of every file; exit 2 when one could not be read (its message on stderr),
 * else 0. As textconv, a file that cannot be read is a text on stdout (the first line, then
 * `无法读取：…`) and the exit code 0, so that `git diff` and `git log -p` go on.
 */
export async function runInspect(request: InspectRequest, io: Io): Promise<number> {
  const cwd = cwdOf(io);
  const ui = uiFor(request.lang);
  const textconv = request.textconv ?? false;
  let failed = false;
  for (const [i, file] of request.files.entries()) {
    try {
      const opened = await openWorkbook(file, { requireTable: false, cwd });
      if (i > 0) io.stdout.write('\n');
      io.stdout.write(formatInspect({ file: textconv ? null : file, sheets: opened.sheets, read: readRow }));
    } catch (err) {
      if (textconv) {
        // Even a bug of ours: git must get a text, not an aborted diff.
        const why = err instanceof RunError ? withoutFile(err.render(ui), file) : ui.crashed(err instanceof Error ? err.message : String(err));
        if (i > 0) io.stdout.write('\n');
        io.stdout.write(`${inspectHeader(null)}\n${ui.inspectUnreadable(why)}\n`);
        continue;
      }
      if (!(err instanceof RunError)) throw err;
      io.stderr.write(`${err.render(ui)}\n`);
      failed = true;
    }
  }
  return failed ? EXIT.couldNotRun : EXIT.clean;
}
