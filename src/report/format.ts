// The shape every output format has, and its assembly: a format's per-file half runs where the file
// was scored; the FormatWriter joins the files' texts in input order in the main thread.
import type { FileReport, Lang } from '../model.js';
import { digestEntry, RunDigest, type DigestEntry } from './digest.js';

/** One file's share of a format's output: its text, and counts the format's ends sum over the run. */
export interface FilePart {
  text: string;
  counts: Record<string, number>;
}

/** What a format's head and tail know of the whole run (nothing yet, for the head of a streamed format). */
export interface RunTotals {
  digest: RunDigest;
  /** The files' counts, summed. */
  counts: Record<string, number>;
}

/**
 * An output format in two halves. `file` is pure and sees one file's report: it runs where the file
 * was scored (a worker thread), so only its text crosses to the main thread. `head`, `separator` and
 * `tail` frame the files' texts in input order. A format whose head needs the whole run (JUnit's
 * counts) sets `holdFiles`: its files' texts are kept and written after the head, at the end.
 */
export interface Format {
  file(report: FileReport): FilePart;
  /** Put between two non-empty file texts. */
  separator: string;
  holdFiles: boolean;
  head(run: RunTotals): string;
  tail(run: RunTotals): string;
}

/** Sums counts into `into`. */
export function addCounts(into: Record<string, number>, counts: Record<string, number>): void {
  for (const [k, n] of Object.entries(counts)) into[k] = (into[k] ?? 0) + n;
}

/**
 * Assembles a format's output in the main thread: `file` takes each file's part (and digest entry)
 * in input order and returns the text to write now; `end` returns the rest.
 */
export class FormatWriter {
  private readonly counts: Record<string, number> = {};
  private readonly held: string[] = [];
  private any = false;

  constructor(
    private readonly format: Format,
    readonly digest: RunDigest,
  ) {}

  private totals(): RunTotals {
    return { digest: this.digest, counts: this.counts };
  }

  /** The head of a streamed format, written before any file. */
  begin(): string {
    return this.format.holdFiles ? '' : this.format.head(this.totals());
  }

  file(part: FilePart, entry: DigestEntry): string {
    this.digest.add(entry);
    addCounts(this.counts, part.counts);
    if (part.text === '') return '';
    const text = this.any ? `${this.format.separator}${part.text}` : part.text;
    this.any = true;
    if (!this.format.holdFiles) return text;
    this.held.push(text);
    return '';
  }

  end(): string {
    const tail = this.format.tail(this.totals());
    if (!this.format.holdFiles) return tail;
    return `${this.format.head(this.totals())}${this.held.join('')}${tail}`;
  }
}

/** A format's whole output for a list of reports at hand (the formatX functions, tests); `lang` words the digest. */
export function formatAll(format: Format, files: readonly FileReport[], lang: Lang): string {
  const writer = new FormatWriter(format, new RunDigest());
  let out = writer.begin();
  for (const f of files) out += writer.file(format.file(f), digestEntry(f, lang));
  return out + writer.end();
}
