// `perf-score profiles [show NAME|FILE]`: its arguments, turned into a ProfilesRequest for src/run/profiles.ts.
import type { Command } from 'commander';
import type { CommandContext } from './options.js';

export function profilesCommand(program: Command, { io, done, words: w }: CommandContext): void {
  program
    .command('profiles')
    .description(w.profiles)
    .argument('[action]', w.action)
    .argument('[name]', w.name)
    .exitOverride()
    .action(async (action: string | undefined, name: string | undefined) => {
      const { runProfiles } = await import('../run/profiles.js');
      done(runProfiles({ action, name }, io));
    });
}
