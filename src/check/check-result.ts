/**
 * One check of `catalog-sync check`: its stable name (`salesforce.writeBack`), how it went, a line
 * saying what was found, and for a warning or a failure what to change, one item each.
 */
export interface CheckResult {
  name: string;
  status: 'ok' | 'warning' | 'failed' | 'skipped';
  detail: string;
  fix: string[];
}

export const ok = (name: string, detail: string): CheckResult => ({ name, status: 'ok', detail, fix: [] });

export const failed = (name: string, detail: string, fix: string[]): CheckResult => ({
  name,
  status: 'failed',
  detail,
  fix,
});

export const warning = (name: string, detail: string, fix: string[]): CheckResult => ({
  name,
  status: 'warning',
  detail,
  fix,
});

/** A check that could not run because one it depends on failed. */
export const skipped = (name: string, because: string): CheckResult => ({
  name,
  status: 'skipped',
  detail: `not checked: ${because}`,
  fix: [],
});

export const anyFailed = (results: readonly CheckResult[]): boolean => results.some((r) => r.status === 'failed');

/** The report as a person reads it: one line per check, each thing to change indented below it. */
export function renderChecks(results: readonly CheckResult[]): string[] {
  const width = Math.max(...results.map((r) => r.name.length));
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${r.status.padEnd(8)} ${r.name.padEnd(width)}  ${r.detail}`);
    for (const fix of r.fix) lines.push(`${' '.repeat(width + 11)}- ${fix}`);
  }
  const count = (status: CheckResult['status']) => results.filter((r) => r.status === status).length;
  lines.push(
    '',
    `${count('ok')} ok, ${count('warning')} warning(s), ${count('failed')} failed, ${count('skipped')} not checked.`,
  );
  return lines;
}
