// Makes fixtures/formats/: some fixtures/*.xlsx saved by LibreOffice in the other formats perf-score
// reads (.xls, .ods, .fods, and a web page named .xls as web systems export), so that tests can hold
// each to the scores of its .xlsx source. `npm run fixtures:formats`; needs LibreOffice (`soffice`).
//
// Run again, LibreOffice 7.4 writes the same .xls, .fods and web page byte for byte; the .ods differ in
// their zip's dates. test/file-formats.test.ts checks that each one reads cell for cell as its source.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const SOURCES = ['seed-000', 'seed-004', 'two-tables'];
/** Extension written, LibreOffice's filter, and the name the file gets. */
const TARGETS = [
  { ext: 'xls', filter: 'MS Excel 97', name: (n) => `${n}.xls` },
  { ext: 'ods', filter: 'calc8', name: (n) => `${n}.ods` },
  { ext: 'fods', filter: 'OpenDocument Spreadsheet Flat XML', name: (n) => `${n}.fods`, only: ['seed-000'] },
  { ext: 'html', filter: 'HTML (StarCalc)', name: (n) => `${n}.web.xls`, only: ['seed-000'] },
];

const out = resolve('fixtures/formats');
mkdirSync(out, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'perf-score-formats-'));
// A profile of its own, so that a LibreOffice already running for the user is neither used nor disturbed.
const profile = pathToFileURL(join(work, 'profile')).href;
try {
  for (const target of TARGETS) {
    const sources = SOURCES.filter((s) => !target.only || target.only.includes(s)).map((s) => resolve('fixtures', `${s}.xlsx`));
    execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', `${target.ext}:${target.filter}`, '--outdir', work, ...sources], { stdio: ['ignore', 'ignore', 'inherit'] });
    for (const s of SOURCES.filter((n) => !target.only || target.only.includes(n))) {
      renameSync(join(work, `${s}.${target.ext}`), join(out, target.name(s)));
      console.error(`wrote fixtures/formats/${target.name(s)}`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
