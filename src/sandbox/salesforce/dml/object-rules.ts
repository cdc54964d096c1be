import { SfErrorCode, type SfErrorDetail } from '../errors.js';
import type { SObjectDef, StoredRecord } from '../schema/model.js';
import type { RecordStore } from '../store/record-store.js';

/** A record being saved: the previous version merged with the client's values. */
export type Draft = Record<string, unknown>;

/** Platform and org rules beyond single-field checks, per object. */
export interface ObjectRules {
  /** Fills values the platform derives before required fields are checked. */
  prepare?(
    draft: Draft,
    previous: StoredRecord | undefined,
    given: ReadonlySet<string>,
    store: RecordStore,
  ): SfErrorDetail | null;
  validate?(draft: Draft, previous: StoredRecord | undefined, store: RecordStore): SfErrorDetail | null;
  beforeDelete?(record: StoredRecord, store: RecordStore): SfErrorDetail | null;
}

const error = (errorCode: SfErrorDetail['errorCode'], message: string, fields: string[] = []): SfErrorDetail => ({
  errorCode,
  message,
  fields,
});

const live = (r: StoredRecord | undefined): r is StoredRecord => r !== undefined && r.IsDeleted !== true;

function entriesOfProduct(store: RecordStore, productId: string): StoredRecord[] {
  const entry = store.schema.object('PricebookEntry') as SObjectDef;
  return [...store.childIds(entry, 'Product2Id', productId)].map((id) => store.get(entry, id)).filter(live);
}

function isStandardBook(store: RecordStore, pricebookId: unknown): boolean {
  const book = store.get(store.schema.object('Pricebook2') as SObjectDef, String(pricebookId));
  return book?.IsStandard === true;
}

/** The live standard-price-book entry of a product in a currency. */
function standardEntry(store: RecordStore, productId: unknown, currency: unknown): StoredRecord | undefined {
  return entriesOfProduct(store, String(productId)).find(
    (e) => e.CurrencyIsoCode === currency && isStandardBook(store, e.Pricebook2Id),
  );
}

/**
 * PricebookEntry: a product needs its standard price (an entry in the standard price book, per
 * currency) before any other price book can list it; one entry per product, price book and
 * currency; an entry that uses the standard price takes its UnitPrice from it.
 */
const pricebookEntryRules: ObjectRules = {
  prepare(draft, previous, given, store) {
    if (draft.UseStandardPrice !== true) return null;
    if (isStandardBook(store, draft.Pricebook2Id)) {
      return error(
        SfErrorCode.FieldIntegrityException,
        'field integrity exception: UseStandardPrice (entries of the standard price book define the standard price)',
        ['UseStandardPrice'],
      );
    }
    if (given.has('UnitPrice')) {
      return error(
        SfErrorCode.FieldIntegrityException,
        'field integrity exception: UnitPrice (a list price cannot be set while Use Standard Price is checked)',
        ['UnitPrice'],
      );
    }
    const standard = standardEntry(store, draft.Product2Id, draft.CurrencyIsoCode);
    if (standard) draft.UnitPrice = standard.UnitPrice;
    else if (!previous) return error(SfErrorCode.StandardPriceNotDefined, 'No standard price defined for this product');
    return null;
  },
  validate(draft, previous, store) {
    if (previous) return null;
    if (!isStandardBook(store, draft.Pricebook2Id) && !standardEntry(store, draft.Product2Id, draft.CurrencyIsoCode)) {
      return error(SfErrorCode.StandardPriceNotDefined, 'No standard price defined for this product');
    }
    const duplicate = entriesOfProduct(store, String(draft.Product2Id)).some(
      (e) => e.Pricebook2Id === draft.Pricebook2Id && e.CurrencyIsoCode === draft.CurrencyIsoCode,
    );
    return duplicate
      ? error(SfErrorCode.DuplicateValue, 'This price definition already exists in this price book')
      : null;
  },
  beforeDelete(record, store) {
    if (!isStandardBook(store, record.Pricebook2Id)) return null;
    const used = entriesOfProduct(store, record.Product2Id as string).some(
      (e) => e.Id !== record.Id && e.CurrencyIsoCode === record.CurrencyIsoCode,
    );
    return used
      ? error(
          SfErrorCode.DeleteFailed,
          'This standard price is used by entries in other price books; delete those entries first',
        )
      : null;
  },
};

const pricebookRules: ObjectRules = {
  beforeDelete: (record) =>
    record.IsStandard === true ? error(SfErrorCode.DeleteFailed, 'The standard price book cannot be deleted') : null,
};

/** One translation per product and language. */
const translationRules: ObjectRules = {
  validate(draft, _previous, store) {
    const object = store.schema.object('Product2DataTranslation') as SObjectDef;
    const other = [...store.childIds(object, 'ParentId', String(draft.ParentId))]
      .map((id) => store.get(object, id))
      .find((t) => live(t) && t.Id !== draft.Id && t.Language === draft.Language);
    return other
      ? error(
          SfErrorCode.DuplicateValue,
          `duplicate value found: Language duplicates value on record with id: ${String(other.Id)}`,
          ['Language'],
        )
      : null;
  },
};

/** The org's validation rule on volume tiers: quantity 1 is priced by the price book entry. */
const priceTierRules: ObjectRules = {
  validate: (draft) =>
    (draft.Min_Quantity__c as number) < 2
      ? error(
          SfErrorCode.FieldCustomValidationException,
          'Tiers start at quantity 2; the quantity-1 price is the price book entry.',
          ['Min_Quantity__c'],
        )
      : null,
};

export const OBJECT_RULES: Readonly<Record<string, ObjectRules>> = {
  PricebookEntry: pricebookEntryRules,
  Pricebook2: pricebookRules,
  Product2DataTranslation: translationRules,
  Price_Tier__c: priceTierRules,
};
