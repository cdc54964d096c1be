import type { GraphQLError } from 'graphql';
import { CbErrorCode, cbError } from './errors.js';
import { createRandom, type Random } from '../shared/random.js';

export type MutationName = 'createProduct' | 'updateProduct' | 'deleteProduct';

/**
 * Makes chosen mutations fail on their own, inside an otherwise healthy request.
 * phase 'before': the mutation is refused and nothing changes.
 * phase 'after': the change is made, then an error is answered (the client cannot tell it worked).
 */
export interface MutationFaultRule {
  mutation?: MutationName;
  /** Only for this product (by internalId, or by cleverbridge id). */
  internalId?: string;
  productId?: number;
  /** How many matching mutations fail; then the rule is spent. Default: every one. */
  times?: number;
  phase?: 'before' | 'after';
  code?: string;
  message?: string;
}

export interface MutationTarget {
  internalId?: string | null;
  productId?: number | null;
}

export class MutationFaults {
  #rules: Array<MutationFaultRule & { left: number }> = [];
  #rate = 0;
  #random: Random;

  constructor(seed = 1) {
    this.#random = createRandom(seed);
  }

  add(rule: MutationFaultRule): void {
    this.#rules.push({ ...rule, left: rule.times ?? Infinity });
  }

  /** A share (0..1) of all mutations fail before they change anything. */
  setRate(rate: number): void {
    if (!(rate >= 0 && rate <= 1)) throw new RangeError(`mutation failure rate must be between 0 and 1, got ${rate}`);
    this.#rate = rate;
  }

  clear(): void {
    this.#rules = [];
    this.#rate = 0;
  }

  /** The error this mutation must fail with at this phase, if any (consumes one use of the rule). */
  check(mutation: MutationName, target: MutationTarget, phase: 'before' | 'after'): GraphQLError | null {
    const rule = this.#rules.find(
      (r) =>
        r.left > 0 &&
        (r.phase ?? 'before') === phase &&
        (r.mutation === undefined || r.mutation === mutation) &&
        (r.internalId === undefined || r.internalId === target.internalId) &&
        (r.productId === undefined || r.productId === target.productId),
    );
    if (rule) {
      rule.left--;
      return cbError(
        (rule.code as CbErrorCode | undefined) ?? CbErrorCode.InternalServerError,
        rule.message ?? 'An unexpected error occurred.',
      );
    }
    if (phase === 'before' && this.#random.chance(this.#rate)) {
      return cbError(CbErrorCode.InternalServerError, 'An unexpected error occurred.');
    }
    return null;
  }
}
