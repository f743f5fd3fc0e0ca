// SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, SonarQube imports): one run, one rule per
// finding code used, one result per finding.
//
// Decisions:
// - artifactLocation.uri is the path made relative-looking (forward slashes, no `./`) and
//   percent-encoded as RFC 3986 requires: GitHub's upload rejects a whole log whose uri holds raw
//   non-ASCII characters or spaces ("does not conform to the uri-reference format").
// - No `region`: a workbook is a zip, it has no lines, and SARIF 2.1.0 allows a physical location
//   without one (the result is about the file; GitHub shows it as a file-level alert). The cell is a
//   logical location of kind `cell` (a table-level finding without a cell: the sheet, kind `sheet`);
//   SARIF lets a producer use its own kind when none of the listed ones fits.
// - partialFingerprints are given (code, file and cell), so upload-sarif does not try to hash lines of a
//   binary file, and an alert stays the same alert from one run to the next.
// - Every result has a location (the file), as GitHub requires at least one.
// - A file a batch left out on purpose (a lock file, a scored copy) is no result (it is no problem
//   found in a workbook, and would be an alert) but a note among the tool's execution notifications:
//   runs[0].invocations[0].toolExecutionNotifications, one per file, its descriptor the reason
//   (`lock-file`, `scored-copy`, `not-a-workbook`, described in tool.driver.notifications), its location the file. The
//   invocation is written when something was skipped.
// - run.artifacts lists every file given, in input order then the skipped ones: those read (or tried)
//   with the role `analysisTarget`, so that a file without findings is in the log too.
import { renderFinding, ruleTitle } from '../i18n/findings.js';
import type { FileReport, FindingCode, Lang, Severity } from '../model.js';
import { compareText } from '../order.js';
import { cellName, locateFindings, toPosixPath, toUri, type CiOptions, type Located } from './common.js';
import { skippedMessage, skipReasonText } from './digest.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export interface SarifOptions extends CiOptions {
  /** perf-score's version (tool.driver.version). */
  version: string;
  /** The files read (or tried), in input order: run.artifacts, with those skipped. */
  files?: readonly string[];
  /** Where perf-score is documented (tool.driver.informationUri); left out when not given. */
  informationUri?: string;
}

/** The logical location of a finding: its cell, or for a table-level finding, its sheet. */
function logicalLocations({ table, finding }: Located) {
  if (finding.ref) return [{ name: finding.ref.address, fullyQualifiedName: cellName(finding.ref)!, kind: 'cell' }];
  return table ? [{ name: table.sheet, fullyQualifiedName: table.sheet, kind: 'sheet' }] : undefined;
}

/** SARIF's level of each severity. */
const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const satisfies Record<Severity, string>;
type SarifLevel = (typeof LEVEL)[Severity];

/** One SARIF result: plain data, made where its file was scored. */
export interface SarifResult {
  ruleId: FindingCode;
  level: SarifLevel;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string } }; logicalLocations?: { name: string; fullyQualifiedName: string; kind: string }[] }[];
  partialFingerprints: Record<string, string>;
  properties?: { indicator: string };
}

function resultOf(l: Located, lang: Lang): SarifResult {
  const { file, finding } = l;
  const logical = logicalLocations(l);
  return {
    ruleId: finding.code,
    level: LEVEL[finding.severity],
    message: { text: renderFinding(finding, lang) },
    locations: [{ physicalLocation: { artifactLocation: { uri: toUri(file) } }, ...(logical && { logicalLocations: logical }) }],
    partialFingerprints: { 'perfScoreLocation/v1': `${finding.code}|${toPosixPath(file)}|${logical?.[0]?.fullyQualifiedName ?? ''}` },
    ...(finding.indicator !== null && { properties: { indicator: finding.indicator } }),
  };
}

/** One file's results, in report order. */
export function sarifResults(report: FileReport, opts: CiOptions = {}): SarifResult[] {
  return locateFindings(report).map((l) => resultOf(l, opts.lang ?? 'zh'));
}

/**
 * The run's results as a SARIF 2.1.0 log, JSON with 2-space indent. The driver lists the rules the
 * run used, each at its findings' level (a profile gives a code one severity for the whole run; were
 * there two, error would win).
 */
export function sarifLog(results: readonly SarifResult[], opts: SarifOptions): string {
  const levelOf = new Map<FindingCode, SarifLevel>();
  for (const r of results) if (r.level === 'error' || !levelOf.has(r.ruleId)) levelOf.set(r.ruleId, r.level);
  const rules = [...levelOf.keys()].sort(compareText).map((code) => ({
    id: code,
    shortDescription: { text: ruleTitle(code, opts.lang) },
    defaultConfiguration: { level: levelOf.get(code)! },
  }));
  const lang = opts.lang ?? 'zh';
  const skipped = opts.skipped ?? [];
  const reasons = [...new Set(skipped.map((s) => s.reason))].sort(compareText);
  const driver = {
    name: 'perf-score',
    version: opts.version,
    ...(opts.informationUri !== undefined && { informationUri: opts.informationUri }),
    rules,
    ...(reasons.length > 0 && { notifications: reasons.map((id) => ({ id, shortDescription: { text: skipReasonText(id, lang) }, defaultConfiguration: { level: 'note' } })) }),
  };
  const invocations = [
    {
      executionSuccessful: true,
      toolExecutionNotifications: skipped.map((s) => ({
        level: 'note',
        message: { text: skippedMessage(s, lang) },
        descriptor: { id: s.reason },
        locations: [{ physicalLocation: { artifactLocation: { uri: toUri(s.file) } } }],
      })),
    },
  ];
  const artifacts = [
    ...(opts.files ?? []).map((file) => ({ location: { uri: toUri(file) }, roles: ['analysisTarget'] })),
    ...skipped.map((s) => ({ location: { uri: toUri(s.file) } })),
  ];
  const run = { tool: { driver }, ...(skipped.length > 0 && { invocations }), artifacts, results };
  return `${JSON.stringify({ $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] }, null, 2)}\n`;
}

/** A list of files (and those skipped, `opts.skipped`) as a SARIF 2.1.0 log. */
export function formatSarif(files: readonly FileReport[], opts: SarifOptions): string {
  return sarifLog(files.flatMap((f) => sarifResults(f, opts)), { files: files.map((f) => f.file), ...opts });
}
