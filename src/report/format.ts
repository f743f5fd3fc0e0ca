// The output formats by name, and how a run's output is put together from its files.
//
// Each format is a module of pure functions (console.ts, json.ts, github.ts, junit.ts, sarif.ts):
// `formatX(files, options) => string` for reports at hand, and a per-file function that a batch calls
// where each file was scored (a worker thread), so that only plain data crosses to the main thread:
// the text of a streamed format (table, json, github), written as soon as the files before it are;
// the results of SARIF and the suites of JUnit, whose documents need the whole run and are made at
// the end. What follows the files (the ranking, the JSON's summary) is made from the run's digest,
// and so is each format's account of the files the batch left out on purpose (digest.skipped).
import type { FileReport, Lang } from '../model.js';
import { VERSION } from '../version.js';
import { consoleEnd, consoleFile } from './console.js';
import type { RunDigest } from './digest.js';
import type { FormatName } from './names.js';
import { githubFile, githubSkipped } from './github.js';
import { JSON_SEPARATOR, jsonEnd, jsonFile, jsonStart } from './json.js';
import { junitSkipped, junitSuites, junitXml, type JunitSuite } from './junit.js';
import { sarifLog, sarifResults, type SarifResult } from './sarif.js';

export { FORMAT_NAMES, type FormatName } from './names.js';

/** What an output is made with: plain data, so it can be handed to a worker thread. */
export interface FormatSpec {
  name: FormatName;
  lang: Lang;
  /** Colour (the console table on a terminal). */
  color: boolean;
  /** Terminal width in columns (the console table). */
  width: number;
  /** The console table: errors only (`--quiet`). */
  quiet?: boolean;
  /** The console table: the ranking and the counts only (`--ranking-only`). */
  rankingOnly?: boolean;
}

/** One file's share of the output: plain data, made where the file was scored. */
export type FilePart =
  | { kind: 'text'; text: string }
  | { kind: 'sarif'; results: SarifResult[] }
  | { kind: 'junit'; suites: JunitSuite[] };

/** A file's share of the output in `spec`'s format. */
export function filePart(spec: FormatSpec, report: FileReport): FilePart {
  switch (spec.name) {
    case 'table':
      return { kind: 'text', text: consoleFile(report, spec) };
    case 'json':
      return { kind: 'text', text: jsonFile(report, spec) };
    case 'github':
      return { kind: 'text', text: githubFile(report, spec) };
    case 'sarif':
      return { kind: 'sarif', results: sarifResults(report, spec) };
    case 'junit':
      return { kind: 'junit', suites: junitSuites(report, spec) };
  }
}

/**
 * A run's output in the main thread, from its files' parts in input order: `begin` and each `add`
 * return the text to write now (a streamed format's), `end` the rest (for SARIF and JUnit, all of it).
 */
export class OutputWriter {
  private readonly results: SarifResult[] = [];
  private readonly suites: JunitSuite[] = [];
  private any = false;

  constructor(private readonly spec: FormatSpec) {}

  begin(): string {
    return this.spec.name === 'json' ? jsonStart() : '';
  }

  add(part: FilePart): string {
    if (part.kind === 'sarif') this.results.push(...part.results);
    if (part.kind === 'junit') this.suites.push(...part.suites);
    if (part.kind !== 'text' || part.text === '') return '';
    const separator = this.any && this.spec.name === 'json' ? JSON_SEPARATOR : '';
    this.any = true;
    return `${separator}${part.text}`;
  }

  end(digest: RunDigest): string {
    switch (this.spec.name) {
      case 'table':
        return consoleEnd(digest, this.spec);
      case 'json':
        return jsonEnd(digest, this.spec);
      case 'github':
        return githubSkipped(digest.skipped, this.spec);
      case 'sarif':
        return sarifLog(this.results, { version: VERSION, lang: this.spec.lang, files: digest.added, skipped: digest.skipped });
      case 'junit':
        return junitXml([...this.suites, ...junitSkipped(digest.skipped, this.spec)]);
    }
  }
}
