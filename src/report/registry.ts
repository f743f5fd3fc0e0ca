// The output formats by name, built from plain options: the main thread and every worker thread
// build the same format from the same spec.
import type { Lang } from '../model.js';
import { VERSION } from '../version.js';
import { consoleFormat } from './console.js';
import type { Format } from './format.js';
import { githubFormat } from './github.js';
import { jsonFormat } from './json.js';
import { junitFormat } from './junit.js';
import { sarifFormat } from './sarif.js';

export type FormatName = 'table' | 'json' | 'junit' | 'sarif' | 'github';

/** What a format is built from: plain data, so it can be handed to a worker thread. */
export interface FormatSpec {
  name: FormatName;
  lang: Lang;
  /** Colour (the console table on a terminal). */
  color: boolean;
  /** Terminal width in columns (the console table). */
  width: number;
}

export function formatFor(spec: FormatSpec): Format {
  switch (spec.name) {
    case 'json':
      return jsonFormat({ lang: spec.lang });
    case 'junit':
      return junitFormat({ lang: spec.lang });
    case 'sarif':
      return sarifFormat({ version: VERSION, lang: spec.lang });
    case 'github':
      return githubFormat({ lang: spec.lang });
    case 'table':
      return consoleFormat({ lang: spec.lang, color: spec.color, width: spec.width });
  }
}
