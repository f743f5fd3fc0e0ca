// `perf-score profiles [show NAME|FILE]`: its arguments, turned into a ProfilesRequest for src/run/profiles.ts.
import type { Command } from 'commander';
import type { CommandContext } from './options.js';

export function profilesCommand(program: Command, { io, done }: CommandContext): void {
  program
    .command('profiles')
    .description('list the built-in rule profiles; `profiles show NAME|FILE` prints the effective rules')
    .argument('[action]', '"show"')
    .argument('[name]', 'a built-in profile name, or a profile file')
    .exitOverride()
    .action(async (action: string | undefined, name: string | undefined) => {
      const { runProfiles } = await import('../run/profiles.js');
      done(runProfiles({ action, name }, io));
    });
}
