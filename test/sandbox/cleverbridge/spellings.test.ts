import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CleverbridgeSandbox } from '../../../src/sandbox/cleverbridge/server.js';
import { CREATE, cbClient, guideFixture, productInput, withSandbox } from '../../helpers/cleverbridge.js';

describe("cleverbridge sandbox: the guide's and the reference's spellings", () => {
  let sandbox: CleverbridgeSandbox;
  beforeAll(async () => {
    sandbox = await withSandbox({ seed: 'shieldware', rateLimit: { enabled: false } });
  });
  afterAll(() => sandbox.close());

  it('reads localized fields with languageIds as well as languageIsoCodes', async () => {
    const data = await cbClient(sandbox).request(`{
      product(id: 97771) {
        byId: names(languageIds: [DE]) { value language { id isoCode } }
        byIso: name(languageIsoCodes: ["de"]) { value language { id isoCode } }
        all: names { language { id } }
        backupCdAlternateNames { value language { id } }
      }
    }`);
    expect(data).toEqual({
      product: {
        byId: [{ value: 'Internet Security Basic Extended', language: { id: 'DE', isoCode: 'de' } }],
        byIso: [{ value: 'Internet Security Basic Extended', language: { id: 'DE', isoCode: 'de' } }],
        all: [{ language: { id: 'EN' } }, { language: { id: 'DE' } }],
        backupCdAlternateNames: [{ value: '', language: null }],
      },
    });
  });

  it('takes the reference spelling of inputs: names, versions, salesTaxCodeId', async () => {
    const { createProduct } = await cbClient(sandbox).request<any>(CREATE, {
      input: productInput({
        salesTaxCodeId: 'SW050000',
        names: [{ languageId: 'EN', value: 'Reference spelling' }],
        versions: [{ languageId: 'EN', value: '2026' }],
        uiLanguages: [{ languageId: 'EN', value: 'English' }],
      }),
    });
    const stored = sandbox.store.get(createProduct.createdProduct.id)!;
    expect(stored).toMatchObject({
      salesTaxCode: 'SW050000',
      names: [{ language: 'EN', value: 'Reference spelling' }],
      version: [{ language: 'EN', value: '2026' }],
      uiLanguage: [{ language: 'EN', value: 'English' }],
    });
  });

  it("stores what the guide's complex createProduct example sends", async () => {
    const { createProduct } = await cbClient(sandbox).request<any>(guideFixture('create-complex.request.graphql'));
    const stored = sandbox.store.get(createProduct.createdProduct.id)!;
    expect(stored).toMatchObject({
      internalId: 'graphql_test',
      status: 'FULLY_AVAILABLE',
      languageId: 'DE',
      supportContactId: 1627,
      defaultProductSelectionId: 3038,
      numberOfLicenses: 100,
      licensePeriodInMonths: 12,
      minimumOrderQuantity: 1,
      maximumOrderQuantity: 12,
      shippingSetId: 1808,
      allowDynamicProductPrice: true,
      billingType: 'RECURRING',
      price: { baseCurrency: 'EUR', isGross: false, tiers: [{ currency: 'EUR', quantity: 1, interval: 0, value: 10 }] },
      subscriptionSettings: {
        initialInterval: { value: 13, intervalPeriod: 'MONTHS' },
        recurringInterval: { value: 13, intervalPeriod: 'MONTHS' },
        allowDeactivation: true,
        licenseType: 'UNDEFINED',
        recurrenceCount: 1,
      },
    });
    expect(stored.contentSettings?.description).toEqual([
      { language: 'DE', value: 'Text_de' },
      { language: 'EN', value: 'Text_en' },
    ]);
    // The guide sends image entries without a referencedId: no image for that language.
    expect(stored.contentSettings?.bigImage).toEqual([]);
    expect(stored.deliverySettings?.productDeliveries).toEqual([
      {
        runningNo: 1,
        deliveryType: 'CLEVERBRIDGE_DELIVERS_KEY',
        availabilityInMonths: null,
        copyOnRecurringBilling: false,
        executeOnInitialPurchase: true,
        executeOnRecurringBilling: false,
        keyDeliveryOptions: {
          keyGeneratorId: null,
          keyListId: 14435,
          keyResultType: 'AUTO',
          separatePidPerQuantityUnit: false,
          useKeyTemplate: true,
        },
        downloadDeliveryOptions: null,
      },
    ]);
  });
});
