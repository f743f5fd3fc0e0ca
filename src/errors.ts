// Errors that stop a run: each carries its exit code and renders its own message in the user's
// language, so the CLI needs no switch over error kinds.
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
