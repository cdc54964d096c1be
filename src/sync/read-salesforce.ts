import type { MappingConfig } from '../core/mapping-config.js';
import { mapSalesforceProduct } from '../core/map-salesforce.js';
import type { SalesforceRead } from '../core/plan-types.js';
import type { SalesforceProduct, SfRecord } from '../core/salesforce-product.js';

/**
 * Collects mapped products as the reader hands them over, and each record's write-back fields
 * (what Salesforce shows the manager now), so only what changed is written back.
 */
export class ReadCollector {
  readonly products: Array<SalesforceRead['products'][number]> = [];
  readonly invalid: Array<SalesforceRead['invalid'][number]> = [];
  readonly shown = new Map<string, SfRecord>();

  constructor(private readonly mapping: MappingConfig) {}

  readonly add = (sf: SalesforceProduct): void => {
    const mapped = mapSalesforceProduct(sf, this.mapping);
    if (mapped.ok) this.products.push({ key: mapped.key, product: mapped.product, ignore: mapped.ignore });
    else this.invalid.push({ key: mapped.key, label: mapped.label, problems: mapped.problems });
    const wb = this.mapping.writeBack;
    if (wb) {
      const fields = [wb.status, wb.productId, wb.error, wb.lastSynced];
      this.shown.set(mapped.key, Object.fromEntries(fields.map((f) => [f, sf.record[f] ?? null])));
    }
  };

  read(complete: boolean, deletedKeys: string[]): SalesforceRead {
    return { complete, products: this.products, invalid: this.invalid, deletedKeys };
  }
}
