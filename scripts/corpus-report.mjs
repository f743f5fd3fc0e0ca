// `npm run corpus`: the reliability report, from one command. Runs the corpus checks (vitest
// -c vitest.corpus.config.ts) and the fuzz test, each test file leaving its figures in
// tmp/corpus-results/, then prints the figures as Markdown for README.md's "Reliability" section.
// Vitest's own output goes to stderr; the report alone to stdout.
//
//   npm run corpus                 everything (several minutes)
//   npm run corpus -- --no-fuzz    without the fuzz test
//   npm run corpus -- --report     only print the report of the last run
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');
const results = process.env.CORPUS_RESULTS ? resolve(process.env.CORPUS_RESULTS) : join(repo, 'tmp/corpus-results');
const args = process.argv.slice(2);
const vitest = join(repo, 'node_modules/vitest/vitest.mjs');

function runVitest(extra, outputFile) {
  const r = spawnSync(process.execPath, [vitest, 'run', ...extra, '--reporter=default', '--reporter=json', `--outputFile.json=${outputFile}`], {
    cwd: repo,
    env: { ...process.env, CORPUS_RESULTS: results },
    stdio: ['ignore', process.stderr, process.stderr],
  });
  return r.status;
}

if (!args.includes('--report')) {
  rmSync(results, { recursive: true, force: true });
  runVitest(['-c', 'vitest.corpus.config.ts'], join(results, 'vitest-corpus.json'));
  if (!args.includes('--no-fuzz')) runVitest(['test/fuzz.test.ts'], join(results, 'vitest-fuzz.json'));
}

const load = (name) => {
  const path = join(results, name);
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
};
const read = load('read.json');
const made = load('made.json');
const fuzz = load('fuzz.json');
const tests = [load('vitest-corpus.json'), load('vitest-fuzz.json')].filter(Boolean).flatMap((r) => r.testResults.flatMap((f) => f.assertionResults.map((a) => ({ file: f.name.replace(`${repo}/`, ''), ...a }))));

const out = [];
/** A line of Markdown: `<` outside code spans written as &lt;, so that XML in a message is shown, not taken for HTML. */
const say = (line = '') => out.push(line.split('`').map((part, i) => (i % 2 ? part : part.replace(/</g, '&lt;'))).join('`'));
const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo, encoding: 'utf8' }).stdout.trim();
const version = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).version;

say(`Figures of \`npm run corpus\`, perf-score ${version} (commit ${commit}), ${new Date().toISOString().slice(0, 10)}, Node ${process.versions.node}.`);
say();

if (!read) say('**Corpus**: no figures (../shared/corpus not found, or the read checks did not run).');
else {
  const r = read.results;
  const byFolder = (f) => r.filter((x) => x.file.startsWith(`${f}/`)).length;
  const kinds = (k) => r.filter((x) => x.bin.kind === k);
  const readOnes = [...kinds('read'), ...kinds('no-table')];
  say(`**Corpus** (\`../shared/corpus\`): ${r.length} workbooks (poi ${byFolder('poi')}, wps ${byFolder('wps')}, defects ${byFolder('defects')}), each checked by the bin (\`check --format json\`, in batches) and in process.`);
  say();
  say(`| outcome (the bin) | workbooks |`);
  say(`| --- | --- |`);
  say(`| read | ${readOnes.length} (${kinds('read').length} with an indicator table, ${kinds('no-table').length} without) |`);
  say(`| refused, with a reason | ${kinds('refused').length} |`);
  say(`| **crashed** (signal, stack trace, internal error, no outcome within 60 s of CPU) — must be 0 | **${kinds('crashed').length}** |`);
  say();
  const groups = new Map();
  for (const x of kinds('refused')) {
    const reason = x.bin.message.replace(/^.*?\.(xlsx|xlsm|xls|et|ods|csv|xlsb)(?=[:：])[:：]\s*/i, '');
    groups.set(reason, [...(groups.get(reason) ?? []), x.file]);
  }
  say('Refused, by reason:');
  say();
  for (const [reason, files] of [...groups].sort((a, b) => b[1].length - a[1].length)) say(`- ${files.length} × “${reason}”: ${files.length > 6 ? `${files.slice(0, 5).join(', ')} …` : files.join(', ')}`);
  say();
  if (kinds('crashed').length) {
    say('Crashed:');
    say();
    for (const x of kinds('crashed')) say(`- ${x.file}: ${x.bin.how}`);
    say();
  }
  if (read.batchFailures.length) {
    say(`Batches ended by one of their files (every file then rerun alone): ${read.batchFailures.map((b) => `${b.files} files from ${b.first}: ${b.why}`).join('; ')}.`);
    say();
  }
  const inproc = r.filter((x) => !x.inProcess.ok || x.inProcess.value.ours.kind === 'crashed');
  say(`**In process** (the reader through \`test/corpus/adapter.ts\`, in a child with a 60 s CPU cap): ${plural(inproc.length, 'workbook')} crashed, hung or ran out of heap${inproc.length ? `: ${inproc.map((x) => `${x.file} (${x.inProcess.ok ? `crashed: ${x.inProcess.value.ours.message}` : x.inProcess.kind})`).join(', ')}` : ''}.`);
  const spent = (x) => x.inProcess.value.cpu?.ours ?? x.inProcess.value.ms.ours;
  const slow = r.filter((x) => x.inProcess.ok && spent(x) > 5000).sort((a, b) => spent(b) - spent(a));
  if (slow.length) say(`Slowest reads (over 5 s of CPU): ${slow.map((x) => `${x.file} ${(spent(x) / 1000).toFixed(1)} s`).join(', ')}.`);
  say();
  const impreciseList = read.imprecise;
  say(`**Refusals that are not precise** (held against jszip's CRC checks and SheetJS CE): ${impreciseList.length}${impreciseList.length ? ':' : '.'}`);
  say();
  for (const l of impreciseList) say(`- ${l}`);
  if (impreciseList.length) say();
  const both = r.filter((x) => x.inProcess.ok && x.inProcess.value.ours.kind === 'read' && x.inProcess.value.sheetjs.ok);
  const compared = both.reduce((n, x) => n + x.inProcess.value.compared, 0);
  const byRule = {};
  const byCause = {};
  for (const x of both) {
    for (const [k, n] of Object.entries(x.inProcess.value.byRule)) byRule[k] = (byRule[k] ?? 0) + n;
    for (const [k, n] of Object.entries(x.inProcess.value.byDiagnosis)) byCause[k] = (byCause[k] ?? 0) + n;
  }
  const unexplained = byRule.unexplained ?? 0;
  const explained = Object.entries(byRule).filter(([k]) => k !== 'unexplained');
  const differing = both.filter((x) => Object.keys(x.inProcess.value.byRule).length);
  say(`**Cell texts against SheetJS CE** (\`@e965/xlsx\`): ${compared} cells of ${both.length} workbooks both read; ${explained.reduce((n, [, k]) => n + k, 0) + unexplained} differences in ${differing.length} workbooks.`);
  say();
  say('| rule | differences | what it says |');
  say('| --- | --- | --- |');
  const rules = [...read.rules.cells, ...read.rules.sheets];
  for (const rule of rules) say(`| \`${rule.id}\` | ${byRule[rule.id] ?? 0} | ${rule.says} |`);
  say(`| **unexplained** — must be 0 | **${unexplained}** | ${Object.entries(byCause).map(([k, n]) => `${k} ×${n}`).join(', ') || '—'} |`);
  say();
  if (unexplained) {
    say('Unexplained, by workbook (cause as diagnosed):');
    say();
    const diag = Object.fromEntries(read.diagnoses.map((d) => [d.id, d.says]));
    for (const x of differing) {
      const n = x.inProcess.value.byRule.unexplained ?? 0;
      if (!n) continue;
      const ex = x.inProcess.value.examples.find((e) => e.rule === null);
      const d = ex?.difference;
      say(`- ${x.file}: ${n} (${Object.keys(x.inProcess.value.byDiagnosis).map((k) => diag[k] ?? k).join('; ')})${d?.cell ? `, e.g. ${d.sheet}!${d.cell}: ours ${JSON.stringify(d.ours)}, SheetJS ${JSON.stringify(d.theirs)}` : ''}`);
    }
    say();
  }
}

if (!made) say('**Made workbooks**: no figures (the made-workbook checks did not run).');
else {
  const w = made.workbooks;
  const written = w.filter((x) => x.copyWritten);
  const makers = ['LibreOffice', 'openpyxl', 'exceljs'].map((m) => `${m} ${w.filter((x) => x.maker === m).length}`).join(', ');
  const lo = written.filter((x) => x.libreOffice && !x.libreOffice.error && x.libreOffice.sheets.join('\n') === x.sheets.join('\n'));
  const op = written.filter((x) => x.openpyxl === null && x.malformed.length === 0 && !x.testzip);
  const lossy = w.filter((x) => x.lostByOpenpyxl.length || x.lostByPart.length);
  say(`**Workbooks saved by other programs** (${w.length}: ${makers}; with comments, a threaded comment, conditional formats, a print area, shared formulas, a remark and helper formulas beside the table, dropdowns, and corpus workbooks holding seed-000's table), each scored with \`eval -o\`:`);
  say();
  say('| check | copies |');
  say('| --- | --- |');
  say(`| scored copy written | ${written.length} of ${w.length} |`);
  say(`| LibreOffice opens it, with every sheet | ${made.tools.libreOffice ? `${lo.length} of ${written.length}` : 'skipped: LibreOffice not installed'} |`);
  say(`| openpyxl loads it, every XML part well-formed | ${made.tools.openpyxl ? `${op.length} of ${written.length}` : 'skipped: openpyxl not installed'} |`);
  say(`| **original content lost** (openpyxl: values, formats, comments, merges, validations, conditional formats, names; zip parts not ours to change) — must be 0 | **${lossy.length} copies, ${lossy.reduce((n, x) => n + x.lostByOpenpyxl.length + x.lostByPart.length, 0)} losses** |`);
  say();
  const failedOpen = written.filter((x) => !op.includes(x) || (made.tools.libreOffice && !lo.includes(x)));
  if (failedOpen.length) {
    const why = new Map();
    for (const x of failedOpen) {
      const where = (m) => m.replace(/:?,? line \d+, column \d+.*$/, '');
      const key = [x.openpyxl ? `openpyxl: ${where(x.openpyxl)}` : null, ...x.malformed.map((m) => `not well-formed: ${where(m)}`), x.libreOffice?.error ? `LibreOffice: ${x.libreOffice.error}` : null].filter(Boolean).join('; ');
      why.set(key, [...(why.get(key) ?? []), x.name]);
    }
    say('Copies that do not open:');
    say();
    for (const [k, names] of why) say(`- ${names.length} (${names.join(', ')}): ${k}`);
    say();
  }
  if (lossy.length) {
    say('Content lost:');
    say();
    for (const x of lossy) for (const l of [...x.lostByOpenpyxl, ...x.lostByPart]) say(`- ${x.name}: ${l}`);
    say();
  }
}

const defects = tests.filter((t) => t.file.endsWith('defects.test.ts') && !/expected-failures list|temporary file/.test(t.title));
if (defects.length) {
  // A listed check runs as it.fails: "passed" then means the promise is still broken, as expected.
  const keptOf = (t) => (/\[expected to fail today/.test(t.title) ? t.status === 'failed' : t.status === 'passed');
  say(`**Defects' reproducers** (\`../shared/corpus/defects/\`, held to the promise of its README): ${defects.filter(keptOf).length} of ${defects.length} promises kept. Not covered here: disk-full.sh, output-collisions.sh, signals.sh (the write path and batches).`);
  say();
  for (const t of defects) {
    const expected = /\[expected to fail today: (.*)\]$/.exec(t.title);
    const title = t.title.replace(/ \[expected to fail today: .*\]$/, '');
    const state = keptOf(t) ? (expected ? 'kept (now remove it from the expected failures)' : 'kept') : 'broken';
    say(`- ${state}: ${title}${expected && !keptOf(t) ? ` — ${expected[1]}` : ''}`);
  }
  say();
}

if (fuzz) {
  const failing = Object.entries(fuzz.failing).filter(([, l]) => l.length);
  say(`**Fuzz** (\`npm test\`, seed ${fuzz.seed}): ${fuzz.counts.mutants} mutants, ${fuzz.counts.read} read, ${fuzz.counts.refused} refused, ${fuzz.counts.copies} copies written (bin on ${fuzz.counts.binSample}, openpyxl on ${fuzz.counts.openpyxlSample}); failing: ${failing.length ? failing.map(([k, l]) => `${k} ${l.length}`).join(', ') : 'none'}.`);
  for (const [, list] of failing) for (const l of list.slice(0, 5)) say(`- ${l}`);
  say();
}

say('Reproduce: `npm run corpus` (needs `../shared/corpus`; LibreOffice and openpyxl for their checks, skipped with a message when missing).');
process.stdout.write(`${out.join('\n')}\n`);
