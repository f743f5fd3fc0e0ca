// Terminal text: display width of Chinese text, and wrapping that never drops a character.

/** Columns a code point takes in a terminal: 2 for East Asian wide and full-width forms, else 1. */
function charWidth(cp: number): number {
  if (cp < 0x1100) return 1;
  return (cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) || (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe6f) || (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x20000 && cp <= 0x3fffd)
    ? 2
    : 1;
}

export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch.codePointAt(0)!);
  return w;
}

/** Breaks text into lines of at most `width` columns, at spaces where it can, anywhere in Chinese text. */
export function wrapText(text: string, width: number): string {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let w = 0;
    for (const word of paragraph.split(/(?<= )/)) {
      const ww = displayWidth(word);
      if (w + ww <= width) {
        line += word;
        w += ww;
        continue;
      }
      if (ww <= width && ww === word.length && line) {
        // A Latin word that fits on a line of its own moves there whole.
        lines.push(line.trimEnd());
        line = word.trimStart();
        w = displayWidth(line);
        continue;
      }
      for (const ch of word) {
        const cw = charWidth(ch.codePointAt(0)!);
        if (w + cw > width && line) {
          lines.push(line.trimEnd());
          line = '';
          w = 0;
        }
        if (ch === ' ' && w === 0) continue;
        line += ch;
        w += cw;
      }
    }
    lines.push(line.trimEnd());
  }
  return lines.join('\n');
}

/** Text cut to at most `width` columns, `…` in place of what is cut: from the middle (`上街区/2022…（部门）.xlsx`) or the end. */
export function fitText(text: string, width: number, where: 'middle' | 'end' = 'middle'): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 1) return width === 1 ? '…' : '';
  const chars = [...text];
  const room = width - 1;
  // The end of a path (the file's name, its extension) says more than its middle: it keeps the larger half.
  const headRoom = where === 'end' ? room : Math.floor(room * 0.4);
  let head = '';
  let w = 0;
  for (const ch of chars) {
    const cw = charWidth(ch.codePointAt(0)!);
    if (w + cw > headRoom) break;
    head += ch;
    w += cw;
  }
  let tail = '';
  let tw = 0;
  if (where === 'middle') {
    for (let i = chars.length - 1; i >= 0; i--) {
      const cw = charWidth(chars[i]!.codePointAt(0)!);
      if (w + tw + cw > room) break;
      tail = chars[i]! + tail;
      tw += cw;
    }
  }
  return `${head}…${tail}`;
}

/** Text padded with spaces to `width` columns, on the right (left-aligned) or the left (right-aligned). */
export function padText(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const pad = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'left' ? text + pad : pad + text;
}
