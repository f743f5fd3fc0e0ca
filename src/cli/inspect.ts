// `perf-score inspect <files...>`: its options, turned into an InspectRequest for src/run/inspect.ts.
import { Option, type Command } from 'commander';
import type { Lang } from '../model.js';
import type { CommandContext } from './options.js';

export function inspectCommand(program: Command, { io, done, words: w }: CommandContext): void {
  program
    .command('inspect')
    .description(w.inspect)
    .argument('<files...>', w.files)
    .addOption(new Option('--lang <lang>', w.inspectLang).choices(['zh', 'en']).default('zh'))
    .option('--textconv', w.textconv)
    .exitOverride()
    .action(async (files: string[], flags: { lang: Lang; textconv?: boolean }) => {
      const { runInspect } = await import('../run/inspect.js');
      done(await runInspect({ files, lang: flags.lang, textconv: flags.textconv ?? false }, io));
    });
}
