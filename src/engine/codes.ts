// Every finding code's default severity, as its check states it (src/checks/): the codes are public
// API (README, JSON, CI formats); a profile may turn any of them off or change its severity.
import { CHECKS } from '../checks/index.js';
import type { FindingCode, Severity } from '../model.js';

export const DEFAULT_SEVERITY = Object.fromEntries(CHECKS.map((c) => [c.code, c.severity])) as Record<FindingCode, Severity>;
