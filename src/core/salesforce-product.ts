/** A Salesforce record as jsforce returns it: field name -> value. */
export type SfRecord = Readonly<Record<string, unknown>>;

/** One Product2 with the related records the mapping reads, as the Salesforce reader assembles it. */
export interface SalesforceProduct {
  /** The Product2 record with every mapped field (Id, Name, IsActive, ...). */
  record: SfRecord;
  /** Its entries in the standard price book (CurrencyIsoCode, UnitPrice, IsActive). */
  priceEntries: readonly SfRecord[];
  /** Its volume-tier records, when the mapping has tiers. */
  tiers: readonly SfRecord[];
  /** Its Product2DataTranslation records (Language and the translated fields). */
  translations: readonly SfRecord[];
  /** A hash of the Product2 fields the mapping reads, as the reader read them (see the state's source hashes). */
  sourceHash?: string;
}
