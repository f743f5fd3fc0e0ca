// `perf-score inspect <files...>`: its options, turned into an InspectRequest for src/run/inspect.ts.
import { Option, type Command } from 'commander';
import type { Lang } from '../model.js';
import type { CommandContext } from './options.js';

export function inspectCommand(program: Command, { io, done }: CommandContext): void {
  program
    .command('inspect')
    .description('show how workbooks were read, without scoring: table range, columns, budget block, parsed targets and actuals (a git textconv driver)')
    .argument('<files...>', 'xlsx workbooks')
    .addOption(new Option('--lang <lang>', 'language of error messages').choices(['zh', 'en']).default('zh'))
    .option('--textconv', 'as git textconv: a first line without the (temporary) path; a file that cannot be read said on stdout, exit 0')
    .exitOverride()
    .action(async (files: string[], flags: { lang: Lang; textconv?: boolean }) => {
      const { runInspect } = await import('../run/inspect.js');
      done(await runInspect({ files, lang: flags.lang, textconv: flags.textconv ?? false }, io));
    });
}
