import {
  checkbox,
  currency,
  field,
  idField,
  lookup,
  readOnly,
  picklist,
  sobject,
  systemFields,
  text,
  textArea,
} from './field-builders.js';
import type { FieldDef, FieldDerivation, SObjectDef } from './model.js';

const fromParent =
  (reference: string, name: string): FieldDerivation =>
  (_record, parentOf) =>
    parentOf(reference)?.[name] ?? null;

const translationOutOfDate: FieldDerivation = (record, parentOf) =>
  ((parentOf('ParentId')?.LastModifiedDate as number | undefined) ?? 0) > (record.LastModifiedDate as number);

/** The org is multi-currency; USD is the corporate currency and the integration user's default. */
export const ACTIVE_CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'CHF', 'HKD', 'BRL'] as const;
export const CORPORATE_CURRENCY = 'USD';

/** Languages enabled for data translation (the org's default language, English, is not one of them). */
export const TRANSLATION_LANGUAGES = ['de', 'fr', 'es', 'it', 'ja', 'nl_NL', 'pt_BR'] as const;

export const PRODUCT_FAMILIES = ['Security', 'Privacy', 'Backup', 'Utilities', 'Support', 'Cloud'] as const;

export const currencyIsoCode = (o: Partial<FieldDef> = {}) =>
  picklist('CurrencyIsoCode', 'Currency ISO Code', ACTIVE_CURRENCIES, true, {
    length: 3,
    nillable: false,
    defaultedOnCreate: true,
    defaultValue: CORPORATE_CURRENCY,
    ...o,
  });

export function product2(): SObjectDef {
  return sobject('Product2', 'Product', 'Products', '01t', [
    idField('Product ID'),
    text('Name', 'Product Name', 255, { nillable: false, idLookup: true, nameField: true }),
    text('ProductCode', 'Product Code', 255),
    textArea('Description', 'Product Description', 4000, false),
    checkbox('IsActive', 'Active', false),
    picklist('Family', 'Product Family', PRODUCT_FAMILIES, false, { length: 40 }),
    text('StockKeepingUnit', 'Product SKU', 180),
    picklist('QuantityUnitOfMeasure', 'Quantity Unit Of Measure', ['Each', 'License', 'Seat'], false),
    currencyIsoCode(),
    ...systemFields(),
  ]);
}

export function pricebook2(): SObjectDef {
  return sobject('Pricebook2', 'Price Book', 'Price Books', '01s', [
    idField('Price Book ID'),
    text('Name', 'Price Book Name', 255, { nillable: false, idLookup: true, nameField: true }),
    checkbox('IsActive', 'Active', false),
    checkbox('IsStandard', 'Is Standard Price Book', false, readOnly),
    text('Description', 'Description', 255),
    ...systemFields(),
  ]);
}

export function pricebookEntry(): SObjectDef {
  // Deleting a product or a price book deletes its entries.
  const createOnly = { updateable: false, nillable: false, cascadeDelete: true } as const;
  return sobject('PricebookEntry', 'Price Book Entry', 'Price Book Entries', '01u', [
    idField('Price Book Entry ID'),
    text('Name', 'Product Name', 255, { ...readOnly, nameField: true, derive: fromParent('Product2Id', 'Name') }),
    lookup('Pricebook2Id', 'Price Book ID', 'Pricebook2', 'Pricebook2', 'PricebookEntries', createOnly),
    lookup('Product2Id', 'Product ID', 'Product2', 'Product2', 'PricebookEntries', createOnly),
    // Required, except that an entry using the standard price takes it from the standard entry.
    currency('UnitPrice', 'List Price', 16, 2, { nillable: false }),
    checkbox('IsActive', 'Active', false),
    checkbox('UseStandardPrice', 'Use Standard Price', false),
    currencyIsoCode({ updateable: false }),
    text('ProductCode', 'Product Code', 255, { ...readOnly, derive: fromParent('Product2Id', 'ProductCode') }),
    ...systemFields(),
  ]);
}

/**
 * Salesforce does not publish this object's key prefix or a child relationship name on Product2,
 * so the sandbox picks a prefix (0pD) and leaves the relationship unnamed: translations are
 * queried from Product2DataTranslation itself, never as a subquery.
 */
export function product2DataTranslation(): SObjectDef {
  return sobject('Product2DataTranslation', 'Product Translation', 'Product Translations', '0pD', [
    idField('Product Translation ID'),
    lookup('ParentId', 'Parent ID', 'Product2', 'Parent', null, { nillable: false, cascadeDelete: true }),
    picklist('Language', 'Language', TRANSLATION_LANGUAGES, true, { length: 40, nillable: false, updateable: false }),
    text('Name', 'Name', 255, { nillable: false, idLookup: true, nameField: true }),
    textArea('Description', 'Description', 4000, false),
    // Out of date once the product changed after the translation did; computed when read.
    field('IsOutOfDate', 'Out of Date', 'boolean', {
      ...readOnly,
      nillable: false,
      defaultedOnCreate: true,
      derive: translationOutOfDate,
    }),
    ...systemFields(),
  ]);
}

export const standardObjects = (): SObjectDef[] => [
  product2(),
  pricebook2(),
  pricebookEntry(),
  product2DataTranslation(),
];
