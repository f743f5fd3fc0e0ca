/** perf-score's version, as `--version` and the SARIF log's tool.driver.version give it. */
export const VERSION = '0.1.0';
