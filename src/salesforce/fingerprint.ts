import { createHash } from 'node:crypto';
import type { MappingConfig } from '../core/mapping-config.js';
import { stableStringify } from '../core/product.js';
import type { SalesforceFingerprint } from '../sync/ports.js';
import type { SfConnection } from './connection.js';
import { stampOf, type ReadPass } from './read-pass.js';
import { countQuery, fingerprintFilters, newestQuery, newestSecondQuery, type OrgBinding } from './soql.js';

/**
 * The fingerprint of the records a read would read now (a plan file's basis): per object, its
 * count, its newest SystemModstamp, and a hash of the fields a plan reads of the records stamped
 * in that second. Three queries an object.
 */
export async function readFingerprint(
  conn: SfConnection,
  pass: ReadPass,
  config: MappingConfig,
  binding: OrgBinding,
): Promise<{ fingerprint: SalesforceFingerprint; requests: number }> {
  const fingerprint: SalesforceFingerprint = {};
  for (const filter of fingerprintFilters(config, binding)) {
    const { object } = filter;
    const counted = await pass.call(`counting ${object} records`, () =>
      conn.query(countQuery(filter), { autoFetch: false }),
    );
    const found: { newest: Date | null } = { newest: null };
    await pass.pages(newestQuery(filter), false, `reading the newest ${object} record`, (r) => {
      found.newest = new Date(stampOf(r));
    });
    const hash = createHash('sha256');
    const at = found.newest;
    if (at !== null)
      await pass.pages(newestSecondQuery(filter, at), false, `reading the newest ${object} records`, (r) => {
        const { attributes: _a, ...fields } = r;
        hash.update(`${stableStringify(fields)}\n`);
      });
    fingerprint[object] = {
      count: counted.totalSize,
      newest: at?.toISOString() ?? null,
      newestSecond: hash.digest('hex'),
    };
  }
  return { fingerprint, requests: pass.requests };
}
