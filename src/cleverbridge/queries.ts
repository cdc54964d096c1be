/**
 * The GraphQL documents catalog-sync sends, in the current reference's spelling. The product
 * selection is exactly what src/core/cleverbridge-product.ts describes.
 */

const LOCALIZED = 'value language { id }';

export const PRODUCT_FIELDS = `
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
  contentSettings { description { ${LOCALIZED} } shortDescription { ${LOCALIZED} } }
  price {
    isGross
    baseCurrency { id }
    volumePricingMethod { id }
    priceAbsoluteValues { currency { id } quantity interval value }
  }
  subscriptionSettings { recurringInterval { intervalPeriod value } }
`;

export const PRODUCTS_QUERY = `query CatalogSyncProducts($clientId: Int!) {
  products(clientId: $clientId) { ${PRODUCT_FIELDS} }
}`;

export const PRODUCT_QUERY = `query CatalogSyncProduct($id: Int!) {
  product(id: $id) { ${PRODUCT_FIELDS} }
}`;
