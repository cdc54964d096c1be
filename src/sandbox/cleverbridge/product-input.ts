import { CbErrorCode, cbError } from './errors.js';
import { either, mergeLocalized, readBool, readInt, readRef, readText, type Input } from './input-readers.js';
import { productWithDefaults, type ClientAccount, type StoredProduct } from './model.js';
import { SALES_TAX_CODES } from './reference-data.js';
import { applyContent, applyDelivery, applyPrice, readBundle } from './settings-input.js';
import type { ProductStore } from './store.js';
import { applySubscription } from './subscription-input.js';

/**
 * createProduct and updateProduct inputs applied to a stored product. Update changes only the
 * fields given; an explicit null clears a field (as the platform documents), and is refused
 * where the product cannot do without one (name, price, product type, status, sales tax code).
 */

export interface ApplyContext {
  store: ProductStore;
  client: ClientAccount;
  /** ISO 8601 time of the request. */
  now: string;
}

const P = 'input';

function required<T>(value: T | null | undefined, field: string, message = `${field} is required.`): T {
  if (value === null || value === undefined) throw cbError(CbErrorCode.RequiredField, message, `${P}.${field}`);
  return value;
}

function readSalesTaxCode(input: Input, current: string | null): string | null {
  const value = either(input, 'salesTaxCode', 'salesTaxCodeId', P);
  if (value === undefined) return current;
  const code = required(value as string | null, 'salesTaxCode', 'salesTaxCode cannot be null.');
  if (!(code in SALES_TAX_CODES)) {
    throw cbError(CbErrorCode.InvalidSalesTaxCode, `Unknown sales tax code "${code}".`, `${P}.salesTaxCode`);
  }
  return code;
}

function readInternalId(input: Input, draft: StoredProduct, store: ProductStore): string | null {
  const internalId = readText(input.internalId, draft.internalId, 'internalId', `${P}.internalId`);
  if (internalId !== null && internalId !== draft.internalId && store.uniqueInternalIds) {
    const other = store.findByInternalId(draft.clientId, internalId);
    if (other && other.id !== draft.id) {
      throw cbError(
        CbErrorCode.DuplicateInternalId,
        `Product ${other.id} of client ${draft.clientId} already has internalId "${internalId}".`,
        `${P}.internalId`,
      );
    }
  }
  return internalId;
}

function readBaseProduct(input: Input, draft: StoredProduct, store: ProductStore): number | null {
  const value = input.baseProductId;
  if (value === undefined) return draft.baseProductId;
  if (value === null) return null;
  const base = store.get(value as number);
  if (!base || base.clientId !== draft.clientId || base.id === draft.id) {
    throw cbError(CbErrorCode.InvalidReference, `Unknown base product ${String(value)}.`, `${P}.baseProductId`);
  }
  return base.id;
}

/** Fields that name one of the client's records: [field, the client's table, what it is]. */
const REFERENCES = [
  ['supportContactId', 'supportContacts', 'support contact'],
  ['defaultProductSelectionId', 'productSelections', 'product selection'],
  ['shippingSetId', 'shippingSets', 'shipping set'],
  ['reportingGroupId', 'reportingGroups', 'reporting group'],
] as const;

/** Plain text fields: [stored field, input field]. */
const TEXTS = [
  ['ean', 'ean'],
  ['isbn', 'isbn'],
  ['internalName', 'internalName'],
  ['internalCategory', 'internalCategory'],
  ['defaultAffiliateId', 'affiliateId'],
] as const;

function hasText(values: Array<{ value: string }> | undefined): boolean {
  return (values ?? []).some((v) => v.value.trim() !== '');
}

/** The localized top-level texts: [stored field, the guide's input name, the reference's]. */
const LOCALIZED = [
  ['additionalNameInformation', 'additionalNameInformation', 'additionalNameInformation'],
  ['backupCdAlternateName', 'backupCdAlternateName', 'backupCdAlternateNames'],
  ['version', 'version', 'versions'],
  ['uiLanguage', 'uiLanguage', 'uiLanguages'],
  ['operatingSystemsText', 'operatingSystemsText', 'operatingSystemsTexts'],
  ['trialDownloadUrl', 'trialDownloadUrl', 'trialDownloadUrls'],
] as const;

function applyTexts(draft: StoredProduct, input: Input): void {
  draft.names = mergeLocalized(draft.names, either(input, 'name', 'names', P), 'name', `${P}.name`) ?? [];
  for (const [field, guide, current] of LOCALIZED) {
    const value = either(input, guide, current, P);
    if (value !== undefined) draft[field] = mergeLocalized(draft[field], value, field, `${P}.${guide}`);
  }
  for (const [field, inputName] of TEXTS) {
    draft[field] = readText(input[inputName], draft[field], field, `${P}.${inputName}`);
  }
}

/** Licenses, license period and order quantities; the quantities checked against each other. */
function applyQuantities(draft: StoredProduct, input: Input): void {
  const licenses = readInt(input.numberOfLicenses, draft.numberOfLicenses, 1, `${P}.numberOfLicenses`);
  draft.numberOfLicenses = required(licenses, 'numberOfLicenses', 'numberOfLicenses cannot be null.');
  const int = (field: 'licensePeriodInMonths' | 'minimumOrderQuantity' | 'maximumOrderQuantity', min: number) =>
    readInt(input[field], draft[field], min, `${P}.${field}`);
  draft.licensePeriodInMonths = int('licensePeriodInMonths', 0);
  draft.minimumOrderQuantity = int('minimumOrderQuantity', 1);
  draft.maximumOrderQuantity = int('maximumOrderQuantity', 1);
  const { minimumOrderQuantity: min, maximumOrderQuantity: max } = draft;
  if (min !== null && max !== null && min > max) {
    throw cbError(
      CbErrorCode.InvalidValue,
      'minimumOrderQuantity exceeds maximumOrderQuantity.',
      `${P}.minimumOrderQuantity`,
    );
  }
}

/** Price, subscription, content, delivery and bundle settings. */
function applySettings(draft: StoredProduct, input: Input, ctx: ApplyContext): void {
  const { client, store } = ctx;
  draft.price = applyPrice(draft.price, input.price, () => store.allocatePriceId(), `${P}.price`);
  if (input.subscriptionSettings !== undefined) {
    draft.subscriptionSettings = applySubscription(
      draft.subscriptionSettings,
      input.subscriptionSettings,
      client,
      `${P}.subscriptionSettings`,
    );
    draft.billingType = draft.subscriptionSettings?.recurringInterval ? 'RECURRING' : 'ONE_TIME';
  }
  const content = applyContent(draft.contentSettings, input.contentSettings, client, `${P}.contentSettings`);
  if (content) draft.contentSettings = content;
  const delivery = applyDelivery(draft.deliverySettings, input.deliverySettings, client, `${P}.deliverySettings`);
  if (delivery) draft.deliverySettings = delivery;
  const bundle = readBundle(input.bundleProducts, draft.bundleProducts, draft, store, `${P}.bundleProducts`);
  if (bundle) draft.bundleProducts = bundle;
}

/** Applies every field of `input` to `draft` (mutated), checking each against the platform's rules. */
function applyFields(draft: StoredProduct, input: Input, ctx: ApplyContext): void {
  const { client, store } = ctx;
  if (input.productType !== undefined) draft.productType = required(input.productType as string | null, 'productType');
  if (input.status !== undefined) draft.status = required(input.status as string | null, 'status');
  draft.salesTaxCode = readSalesTaxCode(input, draft.salesTaxCode);
  draft.languageId = input.languageId === undefined ? draft.languageId : ((input.languageId as string | null) ?? null);
  applyTexts(draft, input);
  if (input.operatingSystemIds !== undefined) {
    draft.operatingSystems = [...new Set(((input.operatingSystemIds as string[] | null) ?? []).filter(Boolean))];
  }
  for (const [field, table, what] of REFERENCES) {
    draft[field] = readRef(input[field], draft[field], client[table], what, `${P}.${field}`);
  }
  draft.baseProductId = readBaseProduct(input, draft, store);
  draft.internalId = readInternalId(input, draft, store);
  draft.isDependentOnOriginalProduct = readBool(
    either(input, 'isDependentOnOriginalProduct', 'isDependentOnMaster', P),
    draft.isDependentOnOriginalProduct,
  );
  draft.excludeFromTracking = readBool(input.excludeFromTracking, draft.excludeFromTracking);
  draft.allowDynamicProductPrice = readBool(input.allowDynamicProductPrice, draft.allowDynamicProductPrice);
  applyQuantities(draft, input);
  applySettings(draft, input, ctx);
  if (!hasText(draft.names)) throw cbError(CbErrorCode.RequiredField, 'A product needs a name.', `${P}.name`);
}

/** New products get the client's first support contact (its "Default"), as the guide's products show. */
function defaultSupportContact(client: ClientAccount): number | null {
  const [first] = Object.keys(client.supportContacts);
  return first === undefined ? null : Number(first);
}

/** A new product from createProduct's input; its id is assigned only once the input is valid. */
export function createProduct(input: Input, ctx: ApplyContext): StoredProduct {
  const draft = productWithDefaults({
    id: 0,
    clientId: ctx.client.id,
    internalId: null,
    productType: required(input.productType as string | null | undefined, 'productType'),
    // The reference marks status required; the guide's first example omits it, and the admin
    // UI's default is "Fully available".
    status: (input.status as string | null | undefined) ?? 'FULLY_AVAILABLE',
    names: [],
    supportContactId: defaultSupportContact(ctx.client),
    creationDate: ctx.now,
    lastModifyDate: ctx.now,
  });
  if (either(input, 'name', 'names', P) == null)
    throw cbError(CbErrorCode.RequiredField, 'name is required.', `${P}.name`);
  required(input.price, 'price');
  required(either(input, 'salesTaxCode', 'salesTaxCodeId', P), 'salesTaxCode');
  applyFields(draft, input, ctx);
  draft.id = ctx.store.allocateProductId();
  return draft;
}

/** The product after updateProduct's input; the stored one is left untouched until commit. */
export function updateProduct(existing: StoredProduct, input: Input, ctx: ApplyContext): StoredProduct {
  const draft = structuredClone(existing);
  applyFields(draft, input, ctx);
  draft.lastModifyDate = ctx.now;
  return draft;
}
