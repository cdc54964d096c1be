import { CbErrorCode, cbError } from './errors.js';
import { readBool, readInt, readRef, type Input } from './input-readers.js';
import type { ClientAccount, Interval, StoredSubscription } from './model.js';

/**
 * subscriptionSettings (the reference's ProductSubscriptionSettingsInput) applied to a product.
 * Settings given replace theirs, the others stay; null removes the subscription. The rules
 * beyond the schema's enums are the sandbox's own (docs/cleverbridge-sandbox.md lists them).
 */

/** What a product gets for the settings its first subscriptionSettings input leaves out. */
const NEW_SUBSCRIPTION: StoredSubscription = {
  allowDeactivation: false,
  deactivationProductListId: null,
  initialInterval: null,
  recurringInterval: null,
  licenseType: 'UNDEFINED',
  recurrenceCount: null,
  startNewIntervalOnPayment: false,
};

/** An interval needs a positive length; intervalPeriod is checked by the schema's enum. */
function readInterval(value: unknown, current: Interval | null, path: string): Interval | null {
  if (value === undefined) return current;
  if (value === null) return null;
  const v = value as Input;
  const n = v.value as number;
  if (n < 1) throw cbError(CbErrorCode.InvalidValue, 'An interval value must be at least 1.', `${path}.value`);
  return { value: n, intervalPeriod: v.intervalPeriod as string };
}

/**
 * The reference defines the initial interval as the time to the first billing event and the
 * recurrence count as a number of billing events: both mean nothing without a recurring interval.
 */
function checkRecurring(s: StoredSubscription, path: string): void {
  if (s.recurringInterval !== null) return;
  const orphan = s.initialInterval !== null ? 'initialInterval' : s.recurrenceCount !== null ? 'recurrenceCount' : null;
  if (orphan !== null) {
    throw cbError(
      CbErrorCode.RequiredField,
      `A subscription with ${orphan} needs a recurringInterval.`,
      `${path}.recurringInterval`,
    );
  }
}

export function applySubscription(
  current: StoredSubscription | null,
  input: unknown,
  client: ClientAccount,
  path: string,
): StoredSubscription | null {
  if (input === undefined) return current;
  if (input === null) return null;
  const s = input as Input;
  const base = current ?? NEW_SUBSCRIPTION;
  const next: StoredSubscription = {
    allowDeactivation: readBool(s.allowDeactivation, base.allowDeactivation),
    deactivationProductListId: readRef(
      s.deactivationProductListId,
      base.deactivationProductListId,
      client.deactivationProductLists,
      'deactivation product list',
      `${path}.deactivationProductListId`,
    ),
    initialInterval: readInterval(s.initialInterval, base.initialInterval, `${path}.initialInterval`),
    recurringInterval: readInterval(s.recurringInterval, base.recurringInterval, `${path}.recurringInterval`),
    licenseType: (s.licenseType as string | null | undefined) ?? base.licenseType,
    recurrenceCount: readInt(s.recurrenceCount, base.recurrenceCount, 0, `${path}.recurrenceCount`),
    startNewIntervalOnPayment: readBool(s.startNewIntervalOnPayment, base.startNewIntervalOnPayment),
  };
  checkRecurring(next, path);
  return next;
}
