// Why a package cannot be read, as data: the kind of damage and the part it is in. The words are
// the caller's (src/i18n); `detail` is technical English for `--lang en` and for logs.

export type DamageKind =
  /** The zip's directory or headers cannot be read. */
  | 'zip'
  /** A zip entry encrypted with the zip format's own (legacy) encryption. */
  | 'zip-encrypted'
  /** A compression method other than stored or deflated. */
  | 'zip-method'
  /** A part's bytes do not inflate, or do not match their CRC or size. */
  | 'crc'
  /** Two entries of the zip name the same part (names compare case-insensitively, `\` as `/`). */
  | 'duplicate'
  /** A part referenced by another (a relationship, the workbook) is not in the package. */
  | 'missing'
  /** A part is not well-formed XML; `offset` says where. */
  | 'xml'
  /** A part's bytes are not text in the encoding it declares. */
  | 'encoding'
  /** A part, or the parts together, inflate to more than the limit. */
  | 'too-large'
  /** More entries than a package may have. */
  | 'too-many-parts'
  /** A row or column past the sheet's limits (1,048,576 rows, 16,384 columns). */
  | 'limits'
  /** The content contradicts itself (a string index past the end of the shared strings …). */
  | 'content';

export class PackageError extends Error {
  constructor(
    readonly kind: DamageKind,
    /** The part (`xl/styles.xml`), or null for the package as a whole. */
    readonly part: string | null,
    /** Technical detail in English. */
    readonly detail = '',
    /** For `missing`: the part that refers to it; for `xml`: line and column. */
    readonly extra: { from?: string; line?: number; column?: number; limit?: number; cell?: string } = {},
  ) {
    super(`${kind}${part ? ` ${part}` : ''}${detail ? `: ${detail}` : ''}`);
  }
}
