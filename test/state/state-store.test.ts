import { statSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../src/state/sqlite.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StateStore } from '../../src/state/state-store.js';
import { namedProduct } from '../helpers/products.js';

const tmpFile = () => join(mkdtempSync(join(tmpdir(), 'state-')), 'nested', 'catalog-sync.db');

const product = (name: string) => namedProduct(name, 1);

describe('state store', () => {
  let path: string;
  let store: StateStore;
  beforeEach(() => {
    path = tmpFile();
    store = StateStore.open(path);
  });
  afterEach(() => store.close());

  it('creates the file owner-only, in WAL mode, at the latest schema version; reopening is a no-op', () => {
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('user_version', { simple: true })).toBe(5);
    store.snapshot.upsert('k1', 7, product('A'), '2026-01-01T00:00:00Z');
    store.close();
    store = StateStore.open(path);
    expect(store.snapshot.count()).toBe(1);
  });

  it('refuses a database made by a newer catalog-sync', () => {
    store.close();
    const raw = new Database(path);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => StateStore.open(path)).toThrow(/schema version 99.*Upgrade catalog-sync/);
    store = StateStore.open(tmpFile());
  });

  it('keeps one snapshot row per product, with its hash and last outcome', () => {
    store.snapshot.upsert('k1', 7, product('A'), 't1');
    store.snapshot.upsert('k1', 7, product('B'), 't2');
    const row = store.snapshot.get('k1')!;
    expect(row).toMatchObject({ key: 'k1', cbId: 7, product: product('B'), syncedAt: 't2', lastOutcome: 'synced' });
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    store.snapshot.markOutcome('k1', 'failed', 'boom');
    expect(store.snapshot.get('k1')).toMatchObject({ lastOutcome: 'failed', lastError: 'boom', product: product('B') });
    store.snapshot.upsert('k1', 7, product('B'), 't3');
    expect(store.snapshot.get('k1')).toMatchObject({ lastOutcome: 'synced', lastError: null });
    store.snapshot.remove('k1');
    expect(store.snapshot.all()).toEqual([]);
  });

  it('refuses two products on one cleverbridge id', () => {
    store.snapshot.upsert('k1', 7, product('A'), 't');
    expect(() => store.snapshot.upsert('k2', 7, product('B'), 't')).toThrow(/UNIQUE/);
  });

  it('records runs, their summary and per-record errors', () => {
    const id = store.runs.start('full', 'cli', false, 't0');
    expect(store.runs.get(id)).toMatchObject({ kind: 'full', trigger: 'cli', dryRun: false, outcome: 'running' });
    store.runs.recordErrors(id, 'k1', 'Antivirus', [{ code: 'NAME_MISSING', message: 'no name' }]);
    store.runs.finish(id, 'partial', { created: 3 }, null, 't1');
    expect(store.runs.recent(5)[0]).toMatchObject({
      id,
      outcome: 'partial',
      summary: { created: 3 },
      finishedAt: 't1',
    });
    expect(store.runs.errors(id)).toEqual([
      { key: 'k1', label: 'Antivirus', code: 'NAME_MISSING', message: 'no name' },
    ]);
  });

  it('journals mutations as pending until settled', () => {
    const run = store.runs.start('full', 'cli', false, 't0');
    const a = store.journal.add(run, 'k1', 'create', null, { clientId: 864 }, 't');
    const b = store.journal.add(run, 'k2', 'delete', 9, { id: 9 }, 't');
    store.journal.settle(a, 'succeeded', null, 't2');
    expect(store.journal.pending()).toEqual([
      { id: b, runId: run, key: 'k2', mutation: 'delete', cbId: 9, payload: { id: 9 }, state: 'pending', error: null },
    ]);
  });

  it('moves cursors', () => {
    expect(store.cursors.get('salesforce')).toBeNull();
    store.cursors.set('salesforce', '2026-01-01T00:00:00.000Z', 't');
    store.cursors.set('salesforce', '2026-01-02T00:00:00.000Z', 't');
    expect(store.cursors.get('salesforce')).toBe('2026-01-02T00:00:00.000Z');
  });

  it('keeps the recent reads inside the window, forgetting older ones', () => {
    store.recentReads.keep(
      [
        { id: 'a', stamp: 100 },
        { id: 'b', stamp: 200 },
      ],
      150,
    );
    expect([...store.recentReads.keys()]).toEqual(['b@200']);
    store.recentReads.keep([{ id: 'b', stamp: 300 }], 250);
    expect([...store.recentReads.keys()]).toEqual(['b@300']);
  });

  it('commits a transaction whole or not at all', () => {
    expect(() =>
      store.transaction(() => {
        store.snapshot.upsert('k1', 7, product('A'), 't');
        throw new Error('crash between two writes');
      }),
    ).toThrow();
    expect(store.snapshot.count()).toBe(0);
  });
});

describe('run lock', () => {
  const alive = () => true;
  let path: string;
  let first: StateStore;
  let second: StateStore;
  beforeEach(() => {
    path = tmpFile();
    first = StateStore.open(path);
    second = StateStore.open(path);
  });
  afterEach(() => {
    first.close();
    second.close();
  });

  it('lets one holder in at a time, across connections, and tells the others who holds it', () => {
    expect(first.lock.acquire(1, 'host:1', { now: 1000, staleAfterMs: 60_000, ownerAlive: alive })).toEqual({
      acquired: true,
    });
    expect(second.lock.acquire(2, 'host:2', { now: 2000, staleAfterMs: 60_000, ownerAlive: alive })).toEqual({
      acquired: false,
      heldBy: { runId: 1, owner: 'host:1', acquiredAt: new Date(1000).toISOString() },
    });
    first.lock.release(1);
    expect(second.lock.acquire(2, 'host:2', { now: 3000, staleAfterMs: 60_000, ownerAlive: alive })).toEqual({
      acquired: true,
    });
  });

  it('takes over a lock whose holder stopped renewing it', () => {
    first.lock.acquire(1, 'host:1', { now: 0, staleAfterMs: 60_000, ownerAlive: alive });
    expect(first.lock.heartbeat(1, 50_000)).toBe(true);
    expect(second.lock.acquire(2, 'host:2', { now: 100_000, staleAfterMs: 60_000, ownerAlive: alive }).acquired).toBe(
      false,
    );
    expect(second.lock.acquire(2, 'host:2', { now: 110_001, staleAfterMs: 60_000, ownerAlive: alive }).acquired).toBe(
      true,
    );
    // The old holder learns it lost the lock.
    expect(first.lock.heartbeat(1, 110_002)).toBe(false);
  });

  it('takes over a lock whose holder process is gone', () => {
    first.lock.acquire(1, 'host:1', { now: 0, staleAfterMs: 60_000, ownerAlive: alive });
    expect(
      second.lock.acquire(2, 'host:2', { now: 1, staleAfterMs: 60_000, ownerAlive: (o) => o !== 'host:1' }).acquired,
    ).toBe(true);
  });

  it('release by a run that does not hold the lock changes nothing', () => {
    first.lock.acquire(1, 'host:1', { now: 0, staleAfterMs: 60_000, ownerAlive: alive });
    second.lock.release(99);
    expect(second.lock.holder()).toMatchObject({ runId: 1 });
  });
});
