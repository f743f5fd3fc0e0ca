// Text as cells hold it, made comparable once: the full-width forms Chinese input methods type,
// the look-alike comparators, the blanks; and the placeholders that stand for nothing. Every stage
// that compares or reads cell text (the table finder, the target parser, the number reader) uses
// these, so that a character read one way in one place is read the same way everywhere.

/**
 * Characters folded to their ASCII (or usual) form: full-width digits and letters, and the
 * full-width `．－＋％，＞＜＝（）`; the look-alike comparators `﹦﹥﹤≧≦`.
 */
const FOLD = /[０-９Ａ-Ｚａ-ｚ．－＋％，＞＜＝（）﹦﹥﹤≧≦]/gu;
const LOOKALIKES: Record<string, string> = { '﹦': '=', '﹥': '>', '﹤': '<', '≧': '≥', '≦': '≤' };

/** Characters normalizeText changes: those FOLD folds, and blanks (the ideographic space `\u3000` is one). */
const NOT_NORMAL = /[０-９Ａ-Ｚａ-ｚ．－＋％，＞＜＝（）﹦﹥﹤≧≦\s]/u;

function fold(c: string): string {
  return LOOKALIKES[c] ?? String.fromCharCode(c.charCodeAt(0) - 0xfee0);
}

/**
 * Full-width digits, letters, `．－＋％，＞＜＝（）` to ASCII, look-alike comparators (`﹦`, `≧`) to
 * the usual ones; trims, and collapses every run of blanks to one space.
 */
export function normalizeText(text: string): string {
  // Most cells need nothing: checked once, instead of three replacements (a batch reads millions).
  if (!NOT_NORMAL.test(text)) return text;
  return text.replace(FOLD, fold).replace(/\s+/gu, ' ').trim();
}

/**
 * normalizeText without any blank: how headers and labels are compared (`部门（单位）\n名称` is
 * `部门(单位)名称`). Empty for null.
 */
export function compactText(text: string | null): string {
  if (text === null) return '';
  if (!NOT_NORMAL.test(text)) return text;
  return text.replace(FOLD, fold).replace(/\s+/gu, '');
}

/** Dashes, slashes, ellipses and dots: what is typed into a cell to say there is nothing. */
const PLACEHOLDER = /^[-‐–—―－/／…⋯.]+$/u;

/**
 * True for text that carries nothing: empty or blank, `-`, `—`, `－`, `/`, `／`, `……`, `…`, `--`,
 * `——`, `- -` (`无` is a word, not a placeholder).
 */
export function isPlaceholder(text: string | null | undefined): boolean {
  const t = compactText(text ?? null);
  return t === '' || PLACEHOLDER.test(t);
}
