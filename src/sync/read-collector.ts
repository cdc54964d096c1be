import type { MappingConfig } from '../core/mapping-config.js';
import { mapSalesforceProduct } from '../core/map-salesforce.js';
import type { SalesforceRead as PlannedRead } from '../core/plan-types.js';
import type { SalesforceProduct, SfRecord } from '../core/salesforce-product.js';

/** A Salesforce record mapped for the planner: a canonical product, or an invalid record's reasons. */
export type MappedRead = PlannedRead['products'][number] | PlannedRead['invalid'][number];

/**
 * Collects mapped records as the reader hands them over, in the order they were read (the
 * order they are planned and sent in, real run or dry run alike), and each record's write-back
 * fields (what Salesforce shows the manager now), so only what changed is written back.
 */
export class ReadCollector {
  readonly records: MappedRead[] = [];
  readonly shown = new Map<string, SfRecord>();
  /** Each record's source hash, kept for the products this run syncs (the settle stage). */
  readonly sourceHashes = new Map<string, string>();

  constructor(private readonly mapping: MappingConfig) {}

  readonly add = (sf: SalesforceProduct): void => {
    const mapped = mapSalesforceProduct(sf, this.mapping);
    this.records.push(
      mapped.ok
        ? { key: mapped.key, product: mapped.product, ignore: mapped.ignore }
        : { key: mapped.key, label: mapped.label, errors: mapped.errors },
    );
    if (sf.sourceHash) this.sourceHashes.set(mapped.key, sf.sourceHash);
    const wb = this.mapping.writeBack;
    if (wb) {
      const fields = [wb.status, wb.productId, wb.error, wb.lastSynced];
      this.shown.set(mapped.key, Object.fromEntries(fields.map((f) => [f, sf.record[f] ?? null])));
    }
  };

  keys(): Set<string> {
    return new Set(this.records.map((r) => r.key));
  }
}
