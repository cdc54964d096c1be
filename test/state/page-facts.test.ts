import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunKind } from '../../src/state/run-repo.js';
import { StateStore } from '../../src/state/state-store.js';

// What the status page reads that runs did not keep before migration 005.
describe('the status page facts in the state file', () => {
  let store: StateStore;
  beforeEach(() => {
    store = StateStore.open(join(mkdtempSync(join(tmpdir(), 'facts-')), 'state.db'));
  });
  afterEach(() => store.close());

  const run = (kind: RunKind, outcome: 'succeeded' | 'partial' | 'failed' | null) => {
    const id = store.runs.start(kind, 'cli', false, 't0');
    if (outcome) store.runs.finish(id, outcome, {}, null, 't1');
    return id;
  };

  it('lists the record errors of the last runs, the newest first, with the product code', () => {
    const old = run('full', 'partial');
    store.runs.recordErrors(old, 'k-old', 'Old', [{ code: 'A', message: 'a' }], 'OLD-1');
    const [r2, r3] = [run('incremental', 'partial'), run('incremental', 'partial')];
    store.runs.recordErrors(r2, 'k2', 'Two', [{ code: 'B', message: 'b' }], 'TWO-1');
    store.runs.recordErrors(r3, 'k3', null, [{ code: 'C', message: 'c' }]);
    expect(store.runs.recentErrors(2, 10)).toEqual([
      { runId: r3, key: 'k3', label: null, productCode: null, code: 'C', message: 'c' },
      { runId: r2, key: 'k2', label: 'Two', productCode: 'TWO-1', code: 'B', message: 'b' },
    ]);
    expect(store.runs.recentErrors(3, 1)).toHaveLength(1);
  });

  it('keeps the drift the last finished full run reported; a later full run that reported none clears it', () => {
    const full = run('full', 'partial');
    store.drift.record({ runId: full, key: 'k1', cbId: 7, label: 'One', fields: ['names'], missing: false });
    run('incremental', 'succeeded'); // reads no cleverbridge: says nothing of drift
    run('full', null); // still running
    run('full', 'failed');
    expect(store.drift.standing()).toEqual([
      { runId: full, key: 'k1', cbId: 7, label: 'One', fields: ['names'], missing: false },
    ]);
    run('full', 'succeeded');
    expect(store.drift.standing()).toEqual([]);
  });
});
