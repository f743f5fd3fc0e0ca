// Resolving a rule profile: a built-in name, or a profile file (JSON) that `extends` a built-in one
// and overrides any setting. Every problem of a file is reported at once, each with its path.
import { statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { z } from 'zod';
import { readSettingsFile, RunError } from '../errors.js';
import { profileSchema, type Profile } from '../schema/profile.js';
import { builtinProfiles } from './builtin.js';

export { defaultProfileName } from './builtin.js';

/** The file looked for in the working directory and its parents. */
export const CONFIG_FILE = 'perf-score.config.json';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Overrides merged into a base: objects key by key, anything else replaced. */
function merge(base: Json, over: Json, path = ''): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const at = path ? `${path}.${key}` : key;
    const prior = out[key];
    // A reverse rule of another kind does not keep the old one's settings (a ratio has no deduction).
    const replace = at === 'reverse' && isObject(prior) && isObject(value) && value.rule !== prior.rule;
    out[key] = isObject(prior) && isObject(value) && !replace ? merge(prior, value, at) : value;
  }
  return out;
}

/** `budget.steps[0].from` from a zod path. */
function formatPath(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

function describeIssues(issues: z.core.$ZodIssue[]): string[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => `${formatPath([...issue.path, k])}: unknown setting`);
    if (issue.code === 'invalid_key') return issue.issues.map((i) => `${formatPath(issue.path)}: ${i.message}`);
    const path = formatPath(issue.path);
    return [`${path || '(profile)'}: ${issue.message}`];
  });
}

function builtinData(name: string, seen: string[] = []): Json | null {
  const data = builtinProfiles[name];
  if (!data) return null;
  const { extends: base, ...own } = data;
  if (typeof base !== 'string' || seen.includes(base)) return own;
  return merge(builtinData(base, [...seen, name]) ?? {}, own);
}

const known = () => Object.keys(builtinProfiles).join(', ');

/** A built-in profile by name, with its `extends` resolved. */
export function loadProfile(name: string): Profile {
  const data = builtinData(name);
  if (data === null) throw new RunError((ui) => ui.unknownProfile(name, known()));
  return profileSchema.parse(data);
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position).split('\n');
  return `line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}

/**
 * A profile file: JSON that `extends` a built-in profile (mof when it names none) and overrides
 * settings. A relative `path` starts at `cwd` (the process's working directory by default).
 */
export function loadProfileFile(path: string, cwd: string = process.cwd()): Profile {
  const fail = (problems: string[]) => new RunError((ui) => [ui.badProfile(path), ...problems.map((p) => `  ${ui.profileProblem(p)}`)].join('\n'));
  const text = readSettingsFile(path, cwd);
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const at = /position (\d+)/.exec((err as Error).message);
    throw fail([`not valid JSON${at ? ` (${lineAndColumn(text, Number(at[1]))})` : ''}: ${(err as Error).message.replace(/ in JSON at position \d+.*$/, '')}`]);
  }
  if (!isObject(data)) throw fail(['(profile): expected a JSON object']);
  const { extends: base = 'mof', ...own } = data;
  if (typeof base !== 'string' || builtinData(base) === null) {
    throw fail([`extends: unknown profile ${JSON.stringify(base)}; built-in profiles: ${known()}`]);
  }
  const merged = merge(builtinData(base)!, { name: basename(path), ...own });
  const checked = profileSchema.safeParse(merged);
  if (!checked.success) throw fail(describeIssues(checked.error.issues));
  return checked.data;
}

/** perf-score.config.json in `dir` or the nearest of its parents; null when there is none. */
export function findConfig(dir: string): string | null {
  for (let d = resolve(dir); ; d = dirname(d)) {
    const candidate = join(d, CONFIG_FILE);
    if (statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
    if (dirname(d) === d) return null;
  }
}

/** The profile a run uses: --rules FILE, else --profile NAME, else a discovered config file, else mof. */
export function selectProfile(opts: { rules?: string; profile?: string; cwd: string }): Profile {
  if (opts.rules !== undefined) return loadProfileFile(opts.rules, opts.cwd);
  if (opts.profile !== undefined) return loadProfile(opts.profile);
  const config = findConfig(opts.cwd);
  return config ? loadProfileFile(config) : loadProfile('mof');
}

export function builtinProfileNames(): string[] {
  return Object.keys(builtinProfiles);
}
