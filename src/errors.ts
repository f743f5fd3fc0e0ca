// Errors that stop a run: each carries its exit code and renders its own message in the user's
// language, so the CLI needs no switch over error kinds.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { uiFor } from './i18n/messages.js';

type Ui = ReturnType<typeof uiFor>;

export const EXIT = { clean: 0, findings: 1, couldNotRun: 2 } as const;

export class RunError extends Error {
  constructor(
    readonly render: (ui: Ui) => string,
    readonly exitCode: number = EXIT.couldNotRun,
  ) {
    super('run error');
  }
}

/** A settings file's text (a profile, a baseline), or the stop that names it: not found, or why it cannot be read. */
export function readSettingsFile(path: string, cwd: string): string {
  try {
    return readFileSync(resolve(cwd, path), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new RunError((ui) => (code === 'ENOENT' ? ui.notFound(path) : ui.unreadableFile(path, code ?? String(err))));
  }
}
