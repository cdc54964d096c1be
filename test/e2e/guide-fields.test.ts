import { afterEach, describe, expect, it } from 'vitest';
import type { CustomFieldSpec } from '../../src/sandbox/salesforce/schema/custom-schema.js';
import { clock, mutations, startWorld, type World } from '../helpers/world.js';

type Json = Record<string, any>;

/** Product2 fields an org would add for the guide's createProduct fields: [field, type, feeds]. */
const TEXTS: Array<[string, CustomFieldSpec['type'], string]> = [
  ['Backup_Name__c', 'text', 'backupCdAlternateName'],
  ['Version__c', 'text', 'version'],
  ['UI_Language__c', 'text', 'uiLanguage'],
  ['OS_Text__c', 'text', 'operatingSystemsText'],
  ['Trial_Url__c', 'url', 'trialDownloadUrl'],
  ['System_Requirements__c', 'longtextarea', 'systemRequirements'],
  ['Price_Scale_Note__c', 'longtextarea', 'priceScaleNoteHtml'],
  ['Delivery_Text__c', 'longtextarea', 'deliveryTextHtml'],
  ['Popup_Info__c', 'longtextarea', 'popupCartInformation'],
  ['Short_Description__c', 'textarea', 'shortDescriptions'],
  ['Subtitle__c', 'text', 'additionalNameInformation'],
];
const SCALARS: Array<[string, CustomFieldSpec['type'], string]> = [
  ['EAN__c', 'text', 'ean'],
  ['ISBN__c', 'text', 'isbn'],
  ['Seats__c', 'number', 'numberOfLicenses'],
  ['Min_Order__c', 'number', 'minimumOrderQuantity'],
  ['Max_Order__c', 'number', 'maximumOrderQuantity'],
  ['Support_Contact__c', 'number', 'supportContactId'],
  ['No_Tracking__c', 'checkbox', 'excludeFromTracking'],
  ['Dynamic_Price__c', 'checkbox', 'allowDynamicProductPrice'],
  ['Shipping_Set__c', 'number', 'shippingSetId'],
  ['Product_Selection__c', 'number', 'defaultProductSelectionId'],
  ['Reporting_Group__c', 'number', 'reportingGroupId'],
  ['License_Months__c', 'number', 'licensePeriodInMonths'],
];
const SUBSCRIPTION_FIELDS: CustomFieldSpec[] = [
  { object: 'Product2', name: 'Renewals__c', type: 'number' },
  { object: 'Product2', name: 'Cancellable__c', type: 'checkbox' },
  { object: 'Product2', name: 'New_Interval_On_Payment__c', type: 'checkbox' },
  { object: 'Product2', name: 'License_Type__c', type: 'picklist', values: ['New', 'Renewal', 'Upgrade'] },
  { object: 'Product2', name: 'Trial_Term__c', type: 'number' },
  { object: 'Product2', name: 'Tax_Class__c', type: 'picklist', values: ['Software download', 'Service'] },
];

const PERIODS = { Day: 'DAYS', Week: 'WEEKS', Month: 'MONTHS', Year: 'YEARS' };

async function fullWorld(c: ReturnType<typeof clock>): Promise<World> {
  return startWorld({
    sf: {
      now: c.now,
      customFields: [
        ...[...TEXTS, ...SCALARS].map(([name, type]) => ({ object: 'Product2', name, type })),
        ...SUBSCRIPTION_FIELDS,
      ],
    },
    cb: { seed: 'empty', now: c.now },
    now: c.now,
    mapping: (m: any) => {
      for (const [field, , feeds] of TEXTS) m.text[feeds] = { field, translationField: null, languageFields: {} };
      for (const [field, , feeds] of SCALARS) m.fields[feeds] = { field, values: null };
      m.fields.salesTaxCode = {
        field: 'Tax_Class__c',
        values: { 'Software download': 'DC010500', Service: 'SW050000' },
      };
      m.subscription = {
        recurringInterval: {
          value: { field: 'Subscription_Term__c', values: null },
          intervalPeriod: { field: 'Subscription_Period__c', values: PERIODS },
        },
        initialInterval: {
          value: { field: 'Trial_Term__c', values: null },
          intervalPeriod: { field: 'Subscription_Period__c', values: PERIODS },
        },
        recurrenceCount: { field: 'Renewals__c', values: null },
        allowDeactivation: { field: 'Cancellable__c', values: null },
        startNewIntervalOnPayment: { field: 'New_Interval_On_Payment__c', values: null },
        licenseType: { field: 'License_Type__c', values: { New: 'NEW', Renewal: 'RENEWAL', Upgrade: 'UPGRADE' } },
      };
    },
  });
}

const VALUES: Json = {
  Backup_Name__c: 'Shieldware VPN backup',
  Version__c: '2026.1',
  UI_Language__c: 'English, German',
  OS_Text__c: 'Windows 11, macOS 15',
  Trial_Url__c: 'https://shieldware.example/trial',
  System_Requirements__c: '4 GB RAM\n200 MB disk',
  Price_Scale_Note__c: '<p>Save from 5 seats</p>',
  Delivery_Text__c: '<b>Download at once</b>',
  Popup_Info__c: 'Ten devices',
  Short_Description__c: 'Unlimited VPN',
  Subtitle__c: 'for ten devices',
  EAN__c: '4006381333931',
  ISBN__c: '978-3-16-148410-0',
  Seats__c: 10,
  Min_Order__c: 1,
  Max_Order__c: 12,
  Support_Contact__c: 1627,
  No_Tracking__c: true,
  Dynamic_Price__c: true,
  Shipping_Set__c: 1808,
  Product_Selection__c: 3038,
  Reporting_Group__c: 3559,
  License_Months__c: 12,
  Tax_Class__c: 'Service',
  Subscription_Term__c: 1,
  Subscription_Period__c: 'Year',
  Trial_Term__c: 30,
  Renewals__c: 3,
  Cancellable__c: true,
  New_Interval_On_Payment__c: true,
  License_Type__c: 'Renewal',
};

const en = (value: string) => [{ language: 'EN', value }];

describe('every field of the guide createProduct example, from Salesforce to cleverbridge', () => {
  let world: World;
  afterEach(() => world.close());

  it('round-trips each field and the subscription terms; a second run sends nothing; a new term updates only that', async () => {
    const c = clock();
    world = await fullWorld(c);
    const vpn = (world.sf.db.records('Product2') as Json[]).find((p) => p.ProductCode === 'VPN-UNL')!.Id as string;
    world.sf.db.update('Product2', vpn, VALUES);
    const first = await world.sync();
    expect(first).toMatchObject({ started: true });
    const product = () => [...world.cb.store.all()].find((p) => p.internalId === vpn)! as Json;
    const p = product();
    expect(p).toMatchObject({
      backupCdAlternateName: en(VALUES.Backup_Name__c),
      version: en(VALUES.Version__c),
      uiLanguage: en(VALUES.UI_Language__c),
      operatingSystemsText: en(VALUES.OS_Text__c),
      trialDownloadUrl: en(VALUES.Trial_Url__c),
      additionalNameInformation: en(VALUES.Subtitle__c),
      ean: VALUES.EAN__c,
      isbn: VALUES.ISBN__c,
      numberOfLicenses: 10,
      minimumOrderQuantity: 1,
      maximumOrderQuantity: 12,
      supportContactId: 1627,
      excludeFromTracking: true,
      allowDynamicProductPrice: true,
      shippingSetId: 1808,
      defaultProductSelectionId: 3038,
      reportingGroupId: 3559,
      licensePeriodInMonths: 12,
      salesTaxCode: 'SW050000',
      subscriptionSettings: {
        recurringInterval: { intervalPeriod: 'YEARS', value: 1 },
        initialInterval: { intervalPeriod: 'YEARS', value: 30 },
        recurrenceCount: 3,
        allowDeactivation: true,
        startNewIntervalOnPayment: true,
        licenseType: 'RENEWAL',
      },
    });
    expect(p.contentSettings).toMatchObject({
      systemRequirements: en(VALUES.System_Requirements__c),
      priceScaleNoteHtml: en(VALUES.Price_Scale_Note__c),
      deliveryTextHtml: en(VALUES.Delivery_Text__c),
      popupCartInformation: en(VALUES.Popup_Info__c),
      shortDescription: en(VALUES.Short_Description__c),
    });

    c.advance(300);
    await world.sync({ kind: 'incremental' }); // reads the write-back once
    const sent = mutations(world);
    for (const kind of ['incremental', 'full'] as const) {
      c.advance(300);
      const again = await world.sync({ kind });
      expect(again).toMatchObject({ started: true, plan: { cost: { requests: 0 } } });
    }
    expect(mutations(world)).toBe(sent);

    c.advance(300);
    world.sf.db.update('Product2', vpn, { Subscription_Term__c: 3 });
    c.advance(60);
    const term = await world.sync({ kind: 'incremental' });
    expect(term.started && term.plan.entries).toMatchObject([
      { key: vpn, action: 'update', changes: [{ field: 'subscription' }] },
    ]);
    expect(product().subscriptionSettings).toMatchObject({ recurringInterval: { intervalPeriod: 'YEARS', value: 3 } });
    expect(product().ean).toBe(VALUES.EAN__c);

    // No term any more: a one-time product, and cleverbridge's subscription is cleared.
    c.advance(300);
    world.sf.db.update('Product2', vpn, { Subscription_Term__c: null });
    c.advance(60);
    const oneTime = await world.sync({ kind: 'incremental' });
    expect(oneTime.started && oneTime.plan.entries).toMatchObject([
      { key: vpn, action: 'update', changes: [{ field: 'subscription', to: null }] },
    ]);
    expect(product()).toMatchObject({ subscriptionSettings: null, billingType: 'ONE_TIME' });
    c.advance(300);
    await world.sync({ kind: 'incremental' });
    const rest = await world.sync({ kind: 'full' });
    expect(rest).toMatchObject({ started: true, plan: { cost: { requests: 0 } } });
  });
});
