import type { SnapshotEntry, SnapshotSource } from './plan-types.js';

export const isSource = (s: Iterable<SnapshotEntry> | SnapshotSource): s is SnapshotSource => 'ref' in s;

/** A snapshot given whole, as a source. */
export function snapshotOf(entries: Iterable<SnapshotEntry>): SnapshotSource {
  const rows = new Map<string, SnapshotEntry>();
  for (const e of entries) rows.set(e.key, e);
  return {
    size: rows.size,
    keys: () => rows.keys(),
    ref: (key) => {
      const e = rows.get(key);
      return e && { cbId: e.cbId, hash: e.hash };
    },
    get: (key) => rows.get(key),
  };
}
