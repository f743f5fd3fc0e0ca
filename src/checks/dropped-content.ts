// Retired: content the scored copy could not keep. The copy keeps everything now, so nothing raises
// it; it stays a code so that profiles naming it load.
import type { Check } from './types.js';

export const droppedContent: Check<'dropped-content'> = {
  code: 'dropped-content',
  severity: 'warning',
};
