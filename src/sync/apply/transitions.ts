import type { MutationResult } from '../ports.js';
import { RETRY_TABLE } from '../retry-policy.js';

/**
 * The applier's steps as an explicit, bounded transition table. A step is what is sent for an
 * item next: `create`, `ensure` (a create whose earlier attempt may have worked, sent as an
 * update by internalId), `update`, `deactivate` (the deactivate delete policy) or `delete`.
 * Every send is an attempt, whichever step it is; an item ends after MAX_UNANSWERED attempts
 * without an answer (its outcome unknown, for the next run to settle) or MAX_ATTEMPTS in all
 * (failed alone, with every answer it got: cleverbridge keeps contradicting itself).
 */
export type Step = 'create' | 'ensure' | 'update' | 'deactivate' | 'delete';

/** What cleverbridge's answer (or its absence) says about one mutation. */
export type Answer = 'done' | 'not-found' | 'duplicate' | 'unknown' | 'refused';

export type Next =
  /** Settled: the snapshot takes the product (or forgets it). */
  | { then: 'done' }
  /** Send again as `step`; after a backoff when the last attempt got no answer. */
  | { then: 'send'; step: Step; backoff: boolean }
  /** Failed alone, with cleverbridge's reason. */
  | { then: 'fail'; code: string; message: string }
  /** Attempts spent without an answer: the outcome stays unknown for the next run to settle. */
  | { then: 'unknown'; code: 'CB_OUTCOME_UNKNOWN'; message: string };

/** Attempts of one item that got no answer, as the retry table allows for an unavailable server. */
export const MAX_UNANSWERED = RETRY_TABLE.CB_UNAVAILABLE.maxAttempts;
/** Attempts of one item in all, answered or not, create and ensure counted alike. */
export const MAX_ATTEMPTS = 2 * MAX_UNANSWERED;

/** Codes that say a mutation may or may not have happened. */
const UNKNOWN_CODES = new Set(['INTERNAL_SERVER_ERROR', 'CB_BAD_RESPONSE', 'UNKNOWN']);

export function answerOf(result: MutationResult): Answer {
  if (result.ok) return 'done';
  if (result.code === 'NOT_FOUND') return 'not-found';
  if (result.code === 'DUPLICATE_INTERNAL_ID') return 'duplicate';
  return UNKNOWN_CODES.has(result.code) ? 'unknown' : 'refused';
}

type Move = Step | 'done' | 'fail';

/** Where each step goes on each answer (`unknown` always sends the same step again, as safe). */
const TABLE: Readonly<Record<Step, Readonly<Record<Exclude<Answer, 'unknown'>, Move>>>> = {
  // It exists already (an earlier attempt made it): make it right by internalId.
  create: { done: 'done', duplicate: 'ensure', 'not-found': 'fail', refused: 'fail' },
  // The earlier attempt did not create it after all: create it now.
  ensure: { done: 'done', 'not-found': 'create', duplicate: 'fail', refused: 'fail' },
  update: { done: 'done', 'not-found': 'fail', duplicate: 'fail', refused: 'fail' },
  deactivate: { done: 'done', 'not-found': 'fail', duplicate: 'fail', refused: 'fail' },
  // A delete that finds nothing to delete got what it wanted.
  delete: { done: 'done', 'not-found': 'done', duplicate: 'fail', refused: 'fail' },
};

/** A create whose answer was lost may have worked: it is retried as an ensure, never as a create. */
const SAFE_AGAIN: Readonly<Record<Step, Step>> = {
  create: 'ensure',
  ensure: 'ensure',
  update: 'update',
  deactivate: 'deactivate',
  delete: 'delete',
};

export interface Attempted {
  step: Step;
  /** Sends so far, this one included. */
  attempts: number;
  /** Sends that got no answer, this one included if it did not. */
  unanswered: number;
  /** Every answer so far as "step: CODE message", for the reason of a failure. */
  answers: readonly string[];
}

/** The next move for an item whose attempt at `item.step` got `answer` (with `code: message`). */
export function nextMove(item: Attempted, answer: Answer, reason: { code: string; message: string }): Next {
  const move = answer === 'unknown' ? SAFE_AGAIN[item.step] : TABLE[item.step][answer];
  if (move === 'done') return { then: 'done' };
  if (move === 'fail') return { then: 'fail', ...reason };
  if (answer === 'unknown' && item.unanswered >= MAX_UNANSWERED)
    return { then: 'unknown', code: 'CB_OUTCOME_UNKNOWN', message: `no answer after ${item.unanswered} attempts` };
  if (item.attempts < MAX_ATTEMPTS) return { then: 'send', step: move, backoff: answer === 'unknown' };
  if (answer === 'unknown')
    return { then: 'unknown', code: 'CB_OUTCOME_UNKNOWN', message: `no answer after ${item.attempts} attempts` };
  const distinct = [...new Set(item.answers)];
  return {
    then: 'fail',
    code: 'CB_CREATE_UNRESOLVED',
    message: `no settled answer after ${item.attempts} attempts; cleverbridge answered ${distinct.join(', then ')}`,
  };
}
