// Selecting a rule profile by name; built-in profiles are validated by the schema like any other.
import { RunError } from '../errors.js';
import { profileSchema, type Profile } from '../schema/profile.js';
import { builtinProfiles } from './builtin.js';

export function loadProfile(name: string): Profile {
  const data = builtinProfiles[name];
  if (data === undefined) throw new RunError((ui) => ui.unknownProfile(name, Object.keys(builtinProfiles).join(', ')));
  return profileSchema.parse(data);
}

export { defaultProfileName } from './builtin.js';
