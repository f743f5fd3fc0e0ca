// The progress bar of a batch, on stderr when it is a terminal: files done / total, elapsed time and
// the file just finished, redrawn in place at most ten times a second.
import { uiFor } from '../i18n/messages.js';
import type { Lang } from '../model.js';
import { displayWidth } from '../report/text.js';

export interface Terminal {
  write(s: string): unknown;
  columns?: number;
}

/** `text` cut to at most `width` columns, with an ellipsis when cut. */
function fit(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  for (const ch of text) {
    if (displayWidth(`${out}${ch}…`) > width) break;
    out += ch;
  }
  return `${out}…`;
}

export class Progress {
  private readonly started = Date.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly term: Terminal,
    private readonly total: number,
    private readonly lang: Lang,
  ) {}

  update(done: number, file: string): void {
    const now = Date.now();
    if (done < this.total && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const width = 20;
    const filled = Math.round((done / this.total) * width);
    const bar = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}]`;
    const seconds = Math.floor((now - this.started) / 1000);
    const line = fit(`${bar} ${uiFor(this.lang).progress(done, this.total, seconds, file)}`, (this.term.columns || 80) - 1);
    this.term.write(`\r${line}\x1b[K`);
    this.drawn = true;
  }

  /** Erases the bar, before other text goes to the terminal and when the run ends. */
  clear(): void {
    if (!this.drawn) return;
    this.term.write('\r\x1b[K');
    this.drawn = false;
  }
}
