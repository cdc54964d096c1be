// Reads vitest's JSON report and prints the plain closing line CI counts. Fails when the report
// is missing or no test ran, so a broken test command can never pass as green.
import { readFileSync } from 'node:fs';

const file = process.argv[2];
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  console.error(`no readable vitest report at ${file}: ${error.message}`);
  process.exit(1);
}
const passed = report.numPassedTests ?? 0;
const failed = report.numFailedTests ?? 0;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
const failedSuites = report.numFailedTestSuites ?? 0;
if (failedSuites > 0) console.error(`${failedSuites} test file(s) failed to run`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
if (passed + failed === 0) {
  console.error('no test was executed');
  process.exit(1);
}
process.exit(failed > 0 || failedSuites > 0 ? 1 : 0);
