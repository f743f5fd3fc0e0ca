// A file that cannot be read (not found, damaged, not a workbook, no indicator table, a crash of
// ours on it): about the file, with no cell.
import type { Check } from './types.js';

export const unreadableFile: Check<'unreadable-file'> = {
  code: 'unreadable-file',
  severity: 'error',
  file: ({ file, cause }) => [{ ref: null, indicator: null, data: { file, cause } }],
};
