import { describe, expect, it } from 'vitest';
import { ReadPass } from '../../src/salesforce/read-pass.js';
import type { SfConnection } from '../../src/salesforce/connection.js';
import { makeSalesforceId } from '../../src/core/salesforce-id.js';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 12, minute)).toISOString();
const record = (i: number, minute: number) => ({
  Id: makeSalesforceId('01t', '5g', i + 1),
  SystemModstamp: at(minute),
});

/** Only stamping is exercised: no request is made. */
const pass = (windowMs?: number) => new ReadPass({} as SfConnection, async () => undefined, windowMs);

describe('a read pass keeps its recent reads', () => {
  it('within the overlap window of the newest record, and holds few more while it reads', () => {
    const p = pass(2 * 60_000);
    // A catalog read in id order, its records stamped over ten hours, the newest ones last edited.
    const minutes = (i: number) => (i * 7919) % 600;
    for (let i = 0; i < 20_000; i++) p.stamp(record(i, minutes(i)));
    const newest = Math.max(...Array.from({ length: 20_000 }, (_, i) => minutes(i)));
    const inWindow = Array.from({ length: 20_000 }, (_, i) => i).filter((i) => minutes(i) >= newest - 2);
    expect(p.recent.map((r) => r.id)).toEqual(inWindow.map((i) => record(i, 0).Id));
    expect(p.held).toBeLessThan(2_000);
  });

  it('within an hour of the newest when no window is given', () => {
    const p = pass();
    p.stamp(record(1, 0));
    p.stamp(record(2, 59));
    p.stamp(record(3, 61));
    expect(p.recent.map((r) => r.id)).toEqual([record(2, 59).Id, record(3, 61).Id]);
  });
});
