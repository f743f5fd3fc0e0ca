// `--format`'s values: the one list. Alone in its module so that the CLI can offer them as choices
// without loading a formatter.
export const FORMAT_NAMES = ['table', 'json', 'junit', 'sarif', 'github'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];
