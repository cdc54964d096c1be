// Reads vitest's JSON reports (one per Node version) and prints the plain closing line CI
// counts, summed. Fails when a report is missing or no test ran, so a broken test command can
// never pass as green.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('no vitest report given');
  process.exit(1);
}
let passed = 0;
let failed = 0;
let skipped = 0;
let failedSuites = 0;
for (const file of files) {
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    console.error(`no readable vitest report at ${file}: ${error.message}`);
    process.exit(1);
  }
  const p = report.numPassedTests ?? 0;
  const f = report.numFailedTests ?? 0;
  const s = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  const fs = report.numFailedTestSuites ?? 0;
  console.log(
    `${basename(file, '.json')}: ${p} passed, ${f} failed, ${s} skipped${fs ? `, ${fs} test file(s) failed to run` : ''}`,
  );
  if (p + f === 0) {
    console.error(`${file}: no test was executed`);
    process.exit(1);
  }
  passed += p;
  failed += f;
  skipped += s;
  failedSuites += fs;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || failedSuites > 0 ? 1 : 0);
