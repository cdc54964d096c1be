import { SHIELDWARE_CLIENT_ID } from '../../shieldware-ids.js';
import type { ClientAccount, Interval, StoredSubscription } from '../model.js';

/** Shieldware's client account (864) as the guide shows it, and what its products share. */

export const created = '2019-03-14T09:12:00.000Z';
export const modified = '2023-11-02T16:40:00.000Z';

export const shieldwareAccount: ClientAccount = {
  id: SHIELDWARE_CLIENT_ID,
  revenueCurrency: 'USD',
  supportContacts: { 1625: 'Default', 1627: 'Technical Support' },
  productSelections: { 2516: 'Good Better Best Product Selection', 3038: 'Internet Security Selection' },
  shippingSets: { 1126: 'Europe', 1808: 'Worldwide' },
  reportingGroups: { 3558: 'B2B', 3559: 'B2C' },
  keyLists: { 14435: 'Internet Security Key List' },
  keyGenerators: { 501: { name: 'Shieldware License Server', type: 'URL' } },
  deactivationProductLists: { 77: 'Internet Security Upgrades' },
  downloadFiles: { 9101: 'ShieldwareSetup.exe' },
  webbinaries: {
    58432: { id: 58432, name: 'GenericBoxshotGreenLarge.png', bytes: 46570, size: '240 x 312' },
    58434: { id: 58434, name: 'GenericBoxshotGreenSmall.png', bytes: 6671, size: '60 x 78' },
    58435: { id: 58435, name: 'GenericBoxshotGreenMedium.png', bytes: 12659, size: '100 x 130' },
  },
};

/** A second vendor on the same platform: its products must stay invisible to Shieldware's user. */
export const othersoftAccount: ClientAccount = {
  id: 900,
  revenueCurrency: 'EUR',
  supportContacts: { 4001: 'Default' },
  productSelections: {},
  shippingSets: {},
  reportingGroups: {},
  keyLists: {},
  keyGenerators: {},
  deactivationProductLists: {},
  downloadFiles: {},
  webbinaries: {},
};

/** Fields every seeded Shieldware product shares. */
export const base = {
  clientId: SHIELDWARE_CLIENT_ID,
  supportContactId: 1625,
  creationDate: created,
  lastModifyDate: modified,
};
export const yearly: Interval = { intervalPeriod: 'MONTHS', value: 12 };
export const subscription = (initial: Interval, recurring = initial): StoredSubscription => ({
  allowDeactivation: true,
  deactivationProductListId: null,
  initialInterval: initial,
  recurringInterval: recurring,
  licenseType: 'UNDEFINED',
  recurrenceCount: null,
  startNewIntervalOnPayment: true,
});
