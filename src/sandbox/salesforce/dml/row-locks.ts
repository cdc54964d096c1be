import { canonicalId } from '../record-id.js';
import { SfErrorCode } from '../errors.js';
import type { SaveOutcome } from './dml-engine.js';

/**
 * Records another process holds a lock on: a save of one fails alone with UNABLE_TO_LOCK_ROW,
 * as Salesforce answers when a record stays locked by another transaction for about ten seconds
 * ("unable to obtain exclusive access to this record", Apex Developer Guide, Locking Statements;
 * Salesforce Help, UNABLE_TO_LOCK_ROW). A test holds a record for a number of saves.
 */
export class RowLocks {
  readonly #held = new Map<string, number>();

  /** The next `saves` saves of the record fail as locked. */
  hold(id: string, saves = 1): void {
    const id18 = canonicalId(id);
    if (!id18) throw new RangeError(`not a record id: ${id}`);
    this.#held.set(id18, (this.#held.get(id18) ?? 0) + saves);
  }

  /** The other process lets go of the record. */
  release(id: string): void {
    this.#held.delete(canonicalId(id) ?? id);
  }

  /** The failure for a save of a held record (one of its held saves spent), or null. */
  take(id: string): SaveOutcome | null {
    const id18 = canonicalId(id);
    const left = id18 ? (this.#held.get(id18) ?? 0) : 0;
    if (!id18 || left === 0) return null;
    if (left === 1) this.#held.delete(id18);
    else this.#held.set(id18, left - 1);
    return {
      ok: false,
      errors: [
        {
          errorCode: SfErrorCode.UnableToLockRow,
          message: `unable to obtain exclusive access to this record or 1 records: ${id18}`,
          fields: [],
        },
      ],
    };
  }
}
