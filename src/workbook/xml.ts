// The little XML the package parts need: character data read as a parser reads it, attributes
// found by name, text and attributes escaped for writing. The parts are read and patched as text
// (values.ts, write.ts), never as a document tree: a workbook's parts are large and regular, and
// what is not touched must come back byte for byte.

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Parsed character data: line ends normalised as an XML parser does, references resolved. */
export function xmlText(raw: string): string {
  const text = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (_all, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref]!;
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

/** The pattern of one attribute in an element's attribute text (`name="value"` or with single quotes). */
export function attrPattern(name: string): RegExp {
  return new RegExp(`(?:^|\\s)${name}\\s*=\\s*(["'])(.*?)\\1`);
}

/** An attribute's value from an element's attribute text, or undefined. */
export function attr(attrs: string, pattern: RegExp): string | undefined {
  const m = pattern.exec(attrs);
  return m ? xmlText(m[2]!) : undefined;
}

/** An element's attribute text with an attribute set (replaced where it is, else added at the end). */
export function setAttr(attrs: string, name: string, value: string | number): string {
  const re = new RegExp(`(\\s${name}\\s*=\\s*)(["'])[^"']*\\2`);
  return re.test(attrs) ? attrs.replace(re, `$1"${value}"`) : `${attrs} ${name}="${value}"`;
}

/** An element's attribute text without an attribute. */
export function removeAttr(attrs: string, name: string): string {
  return attrs.replace(new RegExp(`\\s${name}\\s*=\\s*(["'])[^"']*\\1`), '');
}

/** Characters XML 1.0 cannot hold, written the way Excel writes them (`_x0001_`). */
const INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Text as character data. */
export function escapeText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;')
    .replace(INVALID, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

/** Text as an attribute value in double quotes. */
export function escapeAttr(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}
