import {
  CONTENT_FIELDS,
  EXTRA_LOCALIZED_FIELDS,
  EXTRA_SCALAR_NAMES,
  type ExtraScalarField,
} from '../core/field-catalog.js';
import type { MappingConfig } from '../core/mapping-config.js';

/**
 * The GraphQL documents catalog-sync sends, in the current reference's spelling. The product
 * selection is what src/cleverbridge/product-shape.ts describes, limited to what the mapping
 * manages: a field nobody maps is not asked for, so a large catalog's answer stays small.
 */

const LOCALIZED = 'value language { id }';

/** Output fields that name a client-level record: the input's `supportContactId` is `supportContact { id }`. */
export const REFERENCE_OUTPUTS: Readonly<Partial<Record<ExtraScalarField, string>>> = {
  supportContactId: 'supportContact',
  shippingSetId: 'shippingSet',
  defaultProductSelectionId: 'defaultProductSelection',
  reportingGroupId: 'reportingGroup',
};

const BASE_FIELDS = `
  id
  internalId
  status { id }
  productType { id }
  salesTaxCode { code }
  numberOfLicenses
  internalName
  internalCategory
  names { ${LOCALIZED} }
  additionalNameInformation { ${LOCALIZED} }
  price {
    isGross
    baseCurrency { id }
    volumePricingMethod { id }
    priceAbsoluteValues { currency { id } quantity interval value }
  }`;

const SUBSCRIPTION = `subscriptionSettings {
    recurrenceCount startNewIntervalOnPayment allowDeactivation licenseType { id }
    initialInterval { intervalPeriod value } recurringInterval { intervalPeriod value }
  }`;

/** The product fields to select for this mapping. */
export function productFields(config: MappingConfig): string {
  const top: string[] = [];
  const content = [`description { ${LOCALIZED} }`, `shortDescription { ${LOCALIZED} }`];
  for (const field of EXTRA_LOCALIZED_FIELDS) {
    if (!config.text[field]) continue;
    (CONTENT_FIELDS.has(field) ? content : top).push(`${field} { ${LOCALIZED} }`);
  }
  for (const field of EXTRA_SCALAR_NAMES) {
    if (!config.fields[field]) continue;
    const reference = REFERENCE_OUTPUTS[field];
    top.push(reference ? `${reference} { id }` : field);
  }
  if (config.subscription) top.push(SUBSCRIPTION);
  return `${BASE_FIELDS}\n  contentSettings { ${content.join(' ')} }\n  ${top.join('\n  ')}\n`;
}

export const productsQuery = (config: MappingConfig) => `query CatalogSyncProducts($clientId: Int!) {
  products(clientId: $clientId) { ${productFields(config)} }
}`;

export const productQuery = (config: MappingConfig) => `query CatalogSyncProduct($id: Int!) {
  product(id: $id) { ${productFields(config)} }
}`;
