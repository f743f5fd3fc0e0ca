// How much room a text takes when printed: the width of a line in characters as Excel measures
// columns (the digit 0 of the default font), the lines it wraps to in a column, the height a row of
// those lines needs. Estimates, on the generous side: Excel and WPS do not fit a row's height to
// its text when they open a file, so the copy and the summary set the heights themselves.

/** CJK, Hangul and full-width forms: two widths of the digit 0 each. */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** How wide a line shows, in widths of the digit 0. */
export function textWidth(line: string): number {
  let w = 0;
  for (const ch of line) w += WIDE.test(ch) || ch.codePointAt(0)! > 0xffff ? 2 : 1;
  return w;
}

/** The lines a text takes, wrapped in a column `width` characters wide (its lines' breaks kept). */
export function linesIn(text: string, width: number): number {
  const room = Math.max(1, width - 1);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / room)), 0);
}

/** Points a row of `lines` lines of 11-point text needs: 14.25 a line (Excel's default row) and a margin. */
export function heightFor(lines: number): number {
  return Math.ceil((lines * 14.25 + 3) * 4) / 4;
}
