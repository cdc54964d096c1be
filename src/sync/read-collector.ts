import type { MappingConfig } from '../core/mapping-config.js';
import { mapSalesforceProduct } from '../core/map-salesforce.js';
import type { PlannedRecord } from '../core/plan-types.js';
import type { SalesforceProduct, SfRecord } from '../core/salesforce-product.js';
import { productHasher, type ProductHasher } from './product-hasher.js';
import { showsInStep } from './write-back.js';

/** The snapshot row's hash for a key, while records wait for the counterpart; else undefined. */
export type SyncedHash = (key: string) => string | undefined;

/**
 * Collects mapped records as the reader hands them over, in the order they were read (the
 * order they are planned and sent in, real run or dry run alike), and each record's write-back
 * fields (what Salesforce shows the manager now), so only what changed is written back. A
 * record is held only until it is planned (`take`); its key stays.
 */
export class ReadCollector {
  #waiting: PlannedRecord[] = [];
  /** How many of those hold their product (or an invalid record's reasons). */
  #whole = 0;
  readonly #keys = new Set<string>();
  readonly shown = new Map<string, SfRecord>();
  /** Each record's source hash, kept for the products this run syncs (the settle stage). */
  readonly sourceHashes = new Map<string, string>();
  /** The hash the run compares and keeps for each product (the managed fields'). */
  readonly hashOf: ProductHasher;

  /**
   * `synced`: while records wait to be planned, one whose product hashes as its snapshot row's
   * waits as its hash alone (and the fields it cannot speak for).
   */
  constructor(
    private readonly mapping: MappingConfig,
    private readonly synced: SyncedHash = () => undefined,
  ) {
    this.hashOf = productHasher(mapping);
  }

  readonly add = (sf: SalesforceProduct): void => {
    const mapped = mapSalesforceProduct(sf, this.mapping);
    this.#keys.add(mapped.key);
    this.#waiting.push(this.#toPlan(mapped));
    if (sf.sourceHash) this.sourceHashes.set(mapped.key, sf.sourceHash);
    const wb = this.mapping.writeBack;
    if (wb) {
      const fields = [wb.status, wb.productId, wb.error, wb.lastSynced];
      this.shown.set(mapped.key, Object.fromEntries(fields.map((f) => [f, sf.record[f] ?? null])));
    }
  };

  #toPlan(mapped: ReturnType<typeof mapSalesforceProduct>): PlannedRecord {
    const { key } = mapped;
    if (!mapped.ok) {
      this.#whole++;
      const code = mapped.productCode ? { productCode: mapped.productCode } : {};
      return { key, label: mapped.label, ...code, errors: mapped.errors };
    }
    const hash = this.hashOf(mapped.product);
    if (this.synced(key) === hash) {
      return mapped.ignore.length > 0
        ? { key, hash, asSynced: true, ignore: mapped.ignore }
        : { key, hash, asSynced: true };
    }
    this.#whole++;
    return { key, product: mapped.product, ignore: mapped.ignore, hash };
  }

  /**
   * A product planned in step: it has nothing to write back when Salesforce shows it so, and its
   * source hash is final; neither is held longer. Answers the source hash, if it had one.
   */
  inStep(key: string, cbId: number | null): string | undefined {
    const shown = this.shown.get(key);
    if (shown && showsInStep(shown, cbId, this.mapping)) this.shown.delete(key);
    const hash = this.sourceHashes.get(key);
    this.sourceHashes.delete(key);
    return hash;
  }

  /** The records read since the last call, in read order, handed over and let go. */
  take(): PlannedRecord[] {
    const records = this.#waiting;
    this.#waiting = [];
    this.#whole = 0;
    return records;
  }

  /** How many records wait to be planned holding their product (the read is held back by these). */
  get waitingWhole(): number {
    return this.#whole;
  }

  /** The key of every record read. */
  keys(): ReadonlySet<string> {
    return this.#keys;
  }
}
