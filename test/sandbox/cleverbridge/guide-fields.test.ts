import { ClientError } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CleverbridgeSandbox } from '../../../src/sandbox/cleverbridge/server.js';
import {
  CREATE,
  UPDATE,
  cbClient,
  guideAnswer,
  guideFixture,
  productInput,
  withSandbox,
} from '../../helpers/cleverbridge.js';

/**
 * Every product field of the guide's complex createProduct example, over real HTTP: created in
 * the guide's spelling and the reference's, read back through product(id:) and
 * products(clientId:) under the guide's output names, changed alone by updateProduct (by id and
 * by internalId with clientId), and refused where the platform's rules say no.
 */

// The guide's output names, one line per field (untagged, so that prettier leaves it compact).
const GUIDE_FIELDS = `
  fragment L on LocalizedString { value language { id isoCode } }
  fragment GuideFields on Product {
    id
    internalId
    name { ...L }
    additionalNameInformation { ...L }
    backupCdAlternateName { ...L }
    version { ...L }
    uiLanguage { ...L }
    operatingSystemsText { ...L }
    trialDownloadUrl { ...L }
    ean
    isbn
    numberOfLicenses
    minimumOrderQuantity
    maximumOrderQuantity
    supportContact { id name }
    excludeFromTracking
    allowDynamicProductPrice
    shippingSet { id name }
    defaultProductSelection { id name }
    reportingGroup { id name }
    salesTaxCode { code id name parent { code } }
    internalName
    internalCategory
    licensePeriodInMonths
    contentSettings {
      description { ...L }
      shortDescription { ...L }
      systemRequirements { ...L }
      priceScaleNoteHtml { ...L }
      deliveryTextHtml { ...L }
      popupCartInformation { ...L }
    }
    subscriptionSettings {
      initialInterval { value intervalPeriod }
      recurringInterval { value intervalPeriod }
      recurrenceCount
      allowDeactivation
      startNewIntervalOnPayment
      licenseType { id name }
    }
  }
`;

type View = Record<string, any>;
type Entry = { languageId: string; value: string | null };

const L = (language: string, value: string) => ({ value, language: { id: language, isoCode: language.toLowerCase() } });
const EMPTY = [{ value: '', language: null }];
const en_de = (en: string, de: string): Entry[] => [
  { languageId: 'EN', value: en },
  { languageId: 'DE', value: de },
];
const de_en = (de: string, en: string): Entry[] => [
  { languageId: 'DE', value: de },
  { languageId: 'EN', value: en },
];
const CONTENT_FIELDS = [
  'description',
  'shortDescription',
  'systemRequirements',
  'priceScaleNoteHtml',
  'deliveryTextHtml',
  'popupCartInformation',
] as const;

const GUIDE_SUBSCRIPTION = {
  recurrenceCount: 1,
  startNewIntervalOnPayment: true,
  allowDeactivation: true,
  licenseType: 'UNDEFINED',
  initialInterval: { value: 13, intervalPeriod: 'MONTHS' },
  recurringInterval: { value: 13, intervalPeriod: 'MONTHS' },
};

/** What the guide's complex createProduct example stores, under the guide's output names. */
const GUIDE_PRODUCT: View = {
  internalId: 'graphql_test',
  name: [L('EN', 'graphql_test_product2')],
  additionalNameInformation: [L('EN', 'additional_name_en'), L('DE', 'additional_name_de')],
  backupCdAlternateName: [L('EN', 'backup_cd_en'), L('DE', 'backup_cd_de')],
  version: [L('EN', 'version_en'), L('DE', 'version_de')],
  // The guide sends the version texts as uiLanguage too.
  uiLanguage: [L('EN', 'version_en'), L('DE', 'version_de')],
  operatingSystemsText: [L('EN', 'operatingSystem_en'), L('DE', 'operatingSystem_de')],
  trialDownloadUrl: [L('EN', 'www.cleverbridge_trial_en'), L('DE', 'www.cleverbridge_trial_de')],
  ean: 'ean_1234',
  isbn: 'isbn_1234',
  numberOfLicenses: 100,
  minimumOrderQuantity: 1,
  maximumOrderQuantity: 12,
  supportContact: { id: 1627, name: 'Technical Support' },
  excludeFromTracking: false,
  allowDynamicProductPrice: true,
  shippingSet: { id: 1808, name: 'Worldwide' },
  defaultProductSelection: { id: 3038, name: 'Internet Security Selection' },
  // Commented out in the guide's example.
  reportingGroup: null,
  salesTaxCode: { code: 'DC010500', id: 4, name: 'Software, electronically delivered', parent: { code: 'DC010000' } },
  internalName: 'internal_name',
  internalCategory: 'internal_cat',
  licensePeriodInMonths: 12,
  contentSettings: Object.fromEntries(CONTENT_FIELDS.map((f) => [f, [L('DE', 'Text_de'), L('EN', 'Text_en')]])),
  subscriptionSettings: { ...GUIDE_SUBSCRIPTION, licenseType: { id: 'UNDEFINED', name: 'Undefined' } },
};

/** The guide's complex example as variables, in the current reference's spelling. */
const REFERENCE_INPUT = {
  clientId: 864,
  productType: 'PRODUCT',
  salesTaxCodeId: 'DC010500',
  names: [{ languageId: 'EN', value: 'graphql_test_product2' }],
  status: 'FULLY_AVAILABLE',
  languageId: 'DE',
  additionalNameInformation: en_de('additional_name_en', 'additional_name_de'),
  supportContactId: 1627,
  backupCdAlternateNames: en_de('backup_cd_en', 'backup_cd_de'),
  versions: en_de('version_en', 'version_de'),
  uiLanguages: en_de('version_en', 'version_de'),
  operatingSystemsTexts: en_de('operatingSystem_en', 'operatingSystem_de'),
  ean: 'ean_1234',
  isbn: 'isbn_1234',
  defaultProductSelectionId: 3038,
  numberOfLicenses: 100,
  licensePeriodInMonths: 12,
  minimumOrderQuantity: 1,
  maximumOrderQuantity: 12,
  trialDownloadUrls: en_de('www.cleverbridge_trial_en', 'www.cleverbridge_trial_de'),
  internalId: 'graphql_test_reference',
  internalCategory: 'internal_cat',
  internalName: 'internal_name',
  excludeFromTracking: false,
  price: {
    baseCurrencyId: 'EUR',
    isGross: false,
    volumePricingMethod: 'PRICE_SCALE',
    priceAbsoluteValues: [{ currencyId: 'EUR', quantity: 1, interval: 0, value: 10 }],
  },
  allowDynamicProductPrice: true,
  shippingSetId: 1808,
  subscriptionSettings: GUIDE_SUBSCRIPTION,
  contentSettings: Object.fromEntries(CONTENT_FIELDS.map((f) => [f, de_en('Text_de', 'Text_en')])),
};

/** `view` with the value at `path` replaced: what a read must answer after changing that field alone. */
function withValue(view: View, path: readonly string[], value: unknown): View {
  const copy = structuredClone(view);
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key];
  at[path.at(-1)!] = value;
  return copy;
}

const nested = (path: readonly string[], value: unknown): Record<string, unknown> =>
  path.length === 1 ? { [path[0]!]: value } : { [path[0]!]: nested(path.slice(1), value) };

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => new Error('expected the request to fail'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ClientError);
  return (error as ClientError).response.errors ?? [];
}

describe("cleverbridge sandbox: the guide's product fields", () => {
  let sandbox: CleverbridgeSandbox;
  beforeAll(async () => {
    sandbox = await withSandbox({ seed: 'shieldware', rateLimit: { enabled: false } });
  });
  afterAll(() => sandbox.close());

  const client = () => cbClient(sandbox);
  /** The products and the product id counter (a refused create may use up a price id, as sequences do). */
  const catalog = () => {
    const { products, nextProductId } = sandbox.store.snapshot();
    return { products, nextProductId };
  };

  /** The product through product(id:) and through products(clientId:): both must answer the same. */
  async function read(id: number): Promise<View> {
    const one = await client().request<{ product: View }>(
      `query ($id: Int!) { product(id: $id) { ...GuideFields } } ${GUIDE_FIELDS}`,
      { id },
    );
    const all = await client().request<{ products: View[] }>(
      `{ products(clientId: 864) { ...GuideFields } } ${GUIDE_FIELDS}`,
    );
    expect(all.products.filter((p) => p.id === id)).toEqual([one.product]);
    return one.product;
  }

  async function create(input: Record<string, unknown>): Promise<number> {
    const answer = await client().request<any>(CREATE, { input });
    return answer.createProduct.createdProduct.id;
  }

  const update = (input: Record<string, unknown>) => client().request(UPDATE, { input });

  it("stores and answers the guide's complex createProduct example, sent verbatim", async () => {
    const answer = await client().request<any>(guideFixture('create-complex.request.graphql'));
    const id = answer.createProduct.createdProduct.id;
    expect(await read(id)).toEqual({ id, ...GUIDE_PRODUCT });
  });

  it('stores the same product from the reference spelling (names, versions, salesTaxCodeId...)', async () => {
    const id = await create(REFERENCE_INPUT);
    expect(await read(id)).toEqual({ id, ...GUIDE_PRODUCT, internalId: 'graphql_test_reference' });
  });

  // [stored under (output path), the guide's input name, the reference's input name]
  const localized: Array<[string[], string, string]> = [
    [['additionalNameInformation'], 'additionalNameInformation', 'additionalNameInformation'],
    [['backupCdAlternateName'], 'backupCdAlternateName', 'backupCdAlternateNames'],
    [['version'], 'version', 'versions'],
    [['uiLanguage'], 'uiLanguage', 'uiLanguages'],
    [['operatingSystemsText'], 'operatingSystemsText', 'operatingSystemsTexts'],
    [['trialDownloadUrl'], 'trialDownloadUrl', 'trialDownloadUrls'],
    ...CONTENT_FIELDS.map((f): [string[], string, string] => [['contentSettings', f], f, f]),
  ];

  it.each(localized)('%s: merges per language, "" or null removes one, null removes all', async (path, guide, ref) => {
    const internalId = `localized-${path.join('.')}`;
    const at = (name: string, entries: Entry[] | null) => nested([...path.slice(0, -1), name], entries);
    const id = await create(productInput({ internalId, ...at(guide, en_de('one', 'eins')) }));
    let before = await read(id);
    expect(before).toEqual(withValue(before, path, [L('EN', 'one'), L('DE', 'eins')]));

    const steps: Array<[Record<string, unknown>, unknown[]]> = [
      [
        {
          id,
          ...at(guide, [
            { languageId: 'DE', value: 'zwei' },
            { languageId: 'FR', value: 'trois' },
          ]),
        },
        [L('EN', 'one'), L('DE', 'zwei'), L('FR', 'trois')],
      ],
      [
        { internalId, clientId: 864, ...at(ref, [{ languageId: 'EN', value: '' }]) },
        [L('DE', 'zwei'), L('FR', 'trois')],
      ],
      [{ id, ...at(guide, [{ languageId: 'FR', value: null }]) }, [L('DE', 'zwei')]],
      [{ internalId, clientId: 864, ...at(ref, null) }, EMPTY],
    ];
    for (const [input, expected] of steps) {
      await update(input);
      const after = await read(id);
      expect(after).toEqual(withValue(before, path, expected));
      before = after;
    }
  });

  // [input field, output field, [create value, answer], [update by id, answer], [update by internalId, answer]]
  type Step = [unknown, unknown];
  const TAX_DC = { code: 'DC010500', id: 4, name: 'Software, electronically delivered', parent: { code: 'DC010000' } };
  const TAX_SW = { code: 'SW050000', id: 5, name: 'Software as a service', parent: { code: 'D0000000' } };
  const TAX_SV = { code: 'SV040100', id: 8, name: 'Technical support services', parent: { code: 'SV040000' } };
  const scalars: Array<[string, string, Step, Step, Step]> = [
    ['ean', 'ean', ['ean_1234', 'ean_1234'], ['4006381333931', '4006381333931'], [null, null]],
    ['isbn', 'isbn', ['isbn_1234', 'isbn_1234'], ['978-3-16-148410-0', '978-3-16-148410-0'], ['', null]],
    ['numberOfLicenses', 'numberOfLicenses', [100, 100], [200, 200], [1, 1]],
    ['minimumOrderQuantity', 'minimumOrderQuantity', [1, 1], [3, 3], [null, null]],
    ['maximumOrderQuantity', 'maximumOrderQuantity', [12, 12], [20, 20], [null, null]],
    [
      'supportContactId',
      'supportContact',
      [1627, { id: 1627, name: 'Technical Support' }],
      [1625, { id: 1625, name: 'Default' }],
      [null, null],
    ],
    ['excludeFromTracking', 'excludeFromTracking', [true, true], [false, false], [true, true]],
    ['allowDynamicProductPrice', 'allowDynamicProductPrice', [true, true], [false, false], [true, true]],
    [
      'shippingSetId',
      'shippingSet',
      [1808, { id: 1808, name: 'Worldwide' }],
      [1126, { id: 1126, name: 'Europe' }],
      [null, null],
    ],
    [
      'defaultProductSelectionId',
      'defaultProductSelection',
      [3038, { id: 3038, name: 'Internet Security Selection' }],
      [2516, { id: 2516, name: 'Good Better Best Product Selection' }],
      [null, null],
    ],
    [
      'reportingGroupId',
      'reportingGroup',
      [3558, { id: 3558, name: 'B2B' }],
      [3559, { id: 3559, name: 'B2C' }],
      [null, null],
    ],
    ['salesTaxCode', 'salesTaxCode', ['DC010500', TAX_DC], ['SW050000', TAX_SW], ['SV040100', TAX_SV]],
    ['salesTaxCodeId', 'salesTaxCode', ['SW050000', TAX_SW], ['SV040100', TAX_SV], ['DC010500', TAX_DC]],
    [
      'internalName',
      'internalName',
      ['internal_name', 'internal_name'],
      ['Internet Security 2026', 'Internet Security 2026'],
      [null, null],
    ],
    ['internalCategory', 'internalCategory', ['internal_cat', 'internal_cat'], ['security', 'security'], [null, null]],
    ['licensePeriodInMonths', 'licensePeriodInMonths', [12, 12], [24, 24], [null, null]],
  ];

  it.each(scalars)(
    '%s: stored, answered as %s, and updated alone',
    async (field, output, created, byId, byInternalId) => {
      const internalId = `scalar-${field}`;
      const { salesTaxCodeId: _tax, ...base } = productInput({ internalId });
      const tax = field.startsWith('salesTaxCode') ? {} : { salesTaxCodeId: 'DC010500' };
      const id = await create({ ...base, ...tax, [field]: created[0] });
      let before = await read(id);
      expect(before[output]).toEqual(created[1]);
      for (const [input, [value, answer]] of [
        [{ id }, byId],
        [{ internalId, clientId: 864 }, byInternalId],
      ] as const) {
        await update({ ...input, [field]: value });
        const after = await read(id);
        expect(after).toEqual(withValue(before, [output], answer));
        before = after;
      }
    },
  );

  // [what is sent in subscriptionSettings, the answer's field, its new value]
  const subscriptionChanges: Array<[Record<string, unknown>, string, unknown]> = [
    [{ recurrenceCount: 5 }, 'recurrenceCount', 5],
    [{ recurrenceCount: null }, 'recurrenceCount', null],
    [
      { initialInterval: { value: 1, intervalPeriod: 'YEARS' } },
      'initialInterval',
      { value: 1, intervalPeriod: 'YEARS' },
    ],
    [{ initialInterval: null }, 'initialInterval', null],
    [
      { recurringInterval: { value: 30, intervalPeriod: 'DAYS' } },
      'recurringInterval',
      { value: 30, intervalPeriod: 'DAYS' },
    ],
    [{ allowDeactivation: false }, 'allowDeactivation', false],
    [{ startNewIntervalOnPayment: false }, 'startNewIntervalOnPayment', false],
    [{ licenseType: 'RENEWAL' }, 'licenseType', { id: 'RENEWAL', name: 'Renewal' }],
  ];

  it.each(subscriptionChanges.flatMap(([s, f, v]) => [['id', s, f, v] as const, ['internalId', s, f, v] as const]))(
    'subscriptionSettings by %s: %j changes %s alone',
    async (by, settings, field, value) => {
      const internalId = `subscription-${by}-${JSON.stringify(settings)}`;
      const id = await create(productInput({ internalId, subscriptionSettings: GUIDE_SUBSCRIPTION }));
      const before = await read(id);
      expect(before.subscriptionSettings).toEqual(GUIDE_PRODUCT.subscriptionSettings);
      const target = by === 'id' ? { id } : { internalId, clientId: 864 };
      await update({ ...target, subscriptionSettings: settings });
      expect(await read(id)).toEqual(withValue(before, ['subscriptionSettings', field], value));
    },
  );

  it("takes subscription settings in variables of the reference's input types", async () => {
    const internalId = 'subscription-typed-variables';
    const id = await create(productInput({ internalId, subscriptionSettings: GUIDE_SUBSCRIPTION }));
    const document = `mutation ($id: Int, $s: ProductSubscriptionSettingsInput, $i: UpdateSubscriptionIntervalInput) {
      a: updateProduct(input: {id: $id, subscriptionSettings: $s}) { updatedProduct { id } }
      b: updateProduct(input: {id: $id, subscriptionSettings: {initialInterval: $i}}) { updatedProduct { id } }
    }`;
    await client().request(document, {
      id,
      s: { recurrenceCount: 3 },
      i: { value: 2, intervalPeriod: 'WEEKS' },
    });
    expect((await read(id)).subscriptionSettings).toMatchObject({
      recurrenceCount: 3,
      initialInterval: { value: 2, intervalPeriod: 'WEEKS' },
    });
  });

  it('subscriptionSettings: null removes the subscription and the product leaves the RECURRING list', async () => {
    const internalId = 'subscription-cleared';
    const id = await create(productInput({ internalId, subscriptionSettings: GUIDE_SUBSCRIPTION }));
    const listed = async (billingType: string) =>
      (
        await client().request<{ products: View[] }>(`{ products(clientId: 864, billingType: ${billingType}) { id } }`)
      ).products
        .map((p) => p.id)
        .includes(id);
    expect([await listed('RECURRING'), await listed('ONE_TIME')]).toEqual([true, false]);
    const before = await read(id);
    await update({ internalId, clientId: 864, subscriptionSettings: null });
    expect(await read(id)).toEqual({ ...before, subscriptionSettings: null });
    expect([await listed('RECURRING'), await listed('ONE_TIME')]).toEqual([false, true]);
    await update({ id, subscriptionSettings: { recurringInterval: { value: 1, intervalPeriod: 'MONTHS' } } });
    expect((await read(id)).subscriptionSettings).toEqual({
      initialInterval: null,
      recurringInterval: { value: 1, intervalPeriod: 'MONTHS' },
      recurrenceCount: null,
      allowDeactivation: false,
      startNewIntervalOnPayment: false,
      licenseType: { id: 'UNDEFINED', name: 'Undefined' },
    });
    expect(await listed('RECURRING')).toBe(true);
  });

  it('contentSettings: null removes every content text and the delivery image', async () => {
    const content = { deliveryImageId: 58432, ...Object.fromEntries(CONTENT_FIELDS.map((f) => [f, en_de('a', 'b')])) };
    const id = await create(productInput({ internalId: 'content-cleared', contentSettings: content }));
    const query = `query ($id: Int!) { product(id: $id) { contentSettings { deliveryImage { id } description { value } } } }`;
    expect(await client().request(query, { id })).toEqual({
      product: { contentSettings: { deliveryImage: { id: 58432 }, description: [{ value: 'a' }, { value: 'b' }] } },
    });
    const before = await read(id);
    await update({ id, contentSettings: null });
    expect(await read(id)).toEqual({
      ...before,
      contentSettings: Object.fromEntries(CONTENT_FIELDS.map((f) => [f, EMPTY])),
    });
    expect(await client().request(query, { id })).toEqual({
      product: { contentSettings: { deliveryImage: null, description: [{ value: '' }] } },
    });
  });

  it("keeps the Shieldware seed's subscription products as the guide shows them", async () => {
    const selection = `subscriptionSettings { allowDeactivation deactivationProductList { id name }
      initialInterval { intervalPeriod value } licenseType { id name } recurrenceCount
      recurringInterval { intervalPeriod value } startNewIntervalOnPayment }`;
    const guide = (guideAnswer('product.response.json') as any).data.product.subscriptionSettings;
    const one = await client().request<any>(`{ product(id: 97771) { ${selection} } }`);
    expect(one.product.subscriptionSettings).toEqual(guide);
    const recurring = await client().request<{ products: View[] }>(
      `{ products(clientId: 864, billingType: RECURRING) { id ${selection} } }`,
    );
    const seeded = recurring.products.filter((p) => p.id < 221755);
    expect(seeded.length).toBeGreaterThan(0);
    for (const p of seeded) {
      const { initialInterval, recurringInterval, ...rest } = p.subscriptionSettings;
      const { initialInterval: _i, recurringInterval: _r, ...guideRest } = guide;
      expect(rest).toEqual(guideRest);
      expect(recurringInterval).toEqual(initialInterval);
      expect(recurringInterval.value).toBeGreaterThan(0);
    }
  });

  describe('refusals', () => {
    let id: number;
    beforeAll(async () => {
      id = await create(
        productInput({ internalId: 'refusals', maximumOrderQuantity: 10, subscriptionSettings: GUIDE_SUBSCRIPTION }),
      );
    });

    // [case, input given to createProduct (over a valid one) and to updateProduct, code, field]
    const cases: Array<[string, Record<string, unknown>, string, string]> = [
      [
        'interval value 0',
        { subscriptionSettings: { initialInterval: { value: 0, intervalPeriod: 'MONTHS' } } },
        'INVALID_VALUE',
        'input.subscriptionSettings.initialInterval.value',
      ],
      [
        'negative interval value',
        { subscriptionSettings: { recurringInterval: { value: -1, intervalPeriod: 'DAYS' } } },
        'INVALID_VALUE',
        'input.subscriptionSettings.recurringInterval.value',
      ],
      [
        'negative recurrenceCount',
        { subscriptionSettings: { recurrenceCount: -1 } },
        'INVALID_VALUE',
        'input.subscriptionSettings.recurrenceCount',
      ],
      [
        'an initial interval without a recurring one',
        { subscriptionSettings: { recurringInterval: null, initialInterval: { value: 1, intervalPeriod: 'MONTHS' } } },
        'REQUIRED_FIELD',
        'input.subscriptionSettings.recurringInterval',
      ],
      [
        'a recurrence count without a recurring interval',
        { subscriptionSettings: { recurringInterval: null, initialInterval: null, recurrenceCount: 2 } },
        'REQUIRED_FIELD',
        'input.subscriptionSettings.recurringInterval',
      ],
      [
        'unknown deactivation product list',
        { subscriptionSettings: { deactivationProductListId: 1 } },
        'INVALID_REFERENCE',
        'input.subscriptionSettings.deactivationProductListId',
      ],
      ['numberOfLicenses 0', { numberOfLicenses: 0 }, 'INVALID_VALUE', 'input.numberOfLicenses'],
      ['negative numberOfLicenses', { numberOfLicenses: -5 }, 'INVALID_VALUE', 'input.numberOfLicenses'],
      ['minimumOrderQuantity 0', { minimumOrderQuantity: 0 }, 'INVALID_VALUE', 'input.minimumOrderQuantity'],
      ['maximumOrderQuantity 0', { maximumOrderQuantity: 0 }, 'INVALID_VALUE', 'input.maximumOrderQuantity'],
      [
        'minimum above the maximum',
        { minimumOrderQuantity: 12, maximumOrderQuantity: 11 },
        'INVALID_VALUE',
        'input.minimumOrderQuantity',
      ],
      ['negative licensePeriodInMonths', { licensePeriodInMonths: -1 }, 'INVALID_VALUE', 'input.licensePeriodInMonths'],
      ['unknown shipping set', { shippingSetId: 1 }, 'INVALID_REFERENCE', 'input.shippingSetId'],
      [
        'unknown product selection',
        { defaultProductSelectionId: 1 },
        'INVALID_REFERENCE',
        'input.defaultProductSelectionId',
      ],
      ['unknown reporting group', { reportingGroupId: 1 }, 'INVALID_REFERENCE', 'input.reportingGroupId'],
      ['unknown support contact', { supportContactId: 4001 }, 'INVALID_REFERENCE', 'input.supportContactId'],
      [
        'one language twice',
        {
          version: [
            { languageId: 'DE', value: 'a' },
            { languageId: 'DE', value: 'b' },
          ],
        },
        'DUPLICATE_LANGUAGE',
        'input.version[1].languageId',
      ],
      [
        'a version over 100 characters',
        { versions: [{ languageId: 'EN', value: 'v'.repeat(101) }] },
        'VALUE_TOO_LONG',
        'input.version[0].value',
      ],
      [
        'a content text over its limit',
        { contentSettings: { shortDescription: [{ languageId: 'EN', value: 's'.repeat(2001) }] } },
        'VALUE_TOO_LONG',
        'input.contentSettings.shortDescription[0].value',
      ],
      [
        'both spellings, different values',
        { uiLanguage: en_de('a', 'b'), uiLanguages: en_de('a', 'c') },
        'CONFLICTING_FIELDS',
        'input.uiLanguage',
      ],
      ['an ean over 50 characters', { ean: '1'.repeat(51) }, 'VALUE_TOO_LONG', 'input.ean'],
    ];

    it.each(cases)('createProduct and updateProduct refuse %s', async (_case, fields, code, field) => {
      const before = catalog();
      const created = await refusal(client().request(CREATE, { input: productInput(fields) }));
      const updated = await refusal(update({ id, ...fields }));
      for (const [errors, path] of [
        [created, 'createProduct'],
        [updated, 'updateProduct'],
      ] as const) {
        expect(errors).toHaveLength(1);
        expect(errors[0]).toMatchObject({ path: [path], extensions: { code, field } });
      }
      expect(catalog()).toEqual(before);
    });

    it('updateProduct refuses a minimum above the stored maximum, and null for numberOfLicenses or the tax code', async () => {
      const before = catalog();
      for (const [fields, code, field] of [
        [{ minimumOrderQuantity: 11 }, 'INVALID_VALUE', 'input.minimumOrderQuantity'],
        [{ numberOfLicenses: null }, 'REQUIRED_FIELD', 'input.numberOfLicenses'],
        [{ salesTaxCodeId: null }, 'REQUIRED_FIELD', 'input.salesTaxCode'],
        [{ salesTaxCode: 'XX000000' }, 'INVALID_SALES_TAX_CODE', 'input.salesTaxCode'],
      ] as const) {
        const errors = await refusal(update({ internalId: 'refusals', clientId: 864, ...fields }));
        expect(errors[0]).toMatchObject({ path: ['updateProduct'], extensions: { code, field } });
      }
      expect(catalog()).toEqual(before);
    });

    const enumCases: Array<[string, string, Record<string, unknown>]> = [
      [
        'an initialInterval period',
        'initialInterval: {value: 1, intervalPeriod: FORTNIGHTS}',
        { initialInterval: { value: 1, intervalPeriod: 'FORTNIGHTS' } },
      ],
      [
        'a recurringInterval period',
        'recurringInterval: {value: 1, intervalPeriod: QUARTERS}',
        { recurringInterval: { value: 1, intervalPeriod: 'QUARTERS' } },
      ],
      ['an interval without its period', 'recurringInterval: {value: 1}', { recurringInterval: { value: 1 } }],
      ['a license type', 'licenseType: PERPETUAL', { licenseType: 'PERPETUAL' }],
    ];

    it.each(enumCases)(
      '%s outside the schema fails validation, inline or in variables',
      async (_case, literal, settings) => {
        const before = catalog();
        const inline = await refusal(
          client().request(
            `mutation { updateProduct(input: {id: ${id}, subscriptionSettings: {${literal}}}) { updatedProduct { id } } }`,
          ),
        );
        expect(inline[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
        const variables = await refusal(update({ id, subscriptionSettings: settings }));
        expect(variables[0]?.extensions?.code).toBe('BAD_USER_INPUT');
        const created = await refusal(
          client().request(CREATE, { input: productInput({ subscriptionSettings: settings }) }),
        );
        expect(created[0]?.extensions?.code).toBe('BAD_USER_INPUT');
        expect(catalog()).toEqual(before);
      },
    );

    it('an unknown salesTaxCodeId fails validation', async () => {
      const errors = await refusal(update({ id, salesTaxCodeId: 'XX000000' }));
      expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });
});
