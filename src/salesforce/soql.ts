import { sourceFields, type MappingConfig } from '../core/mapping-config.js';
import { LOCALIZED_FIELDS } from '../core/product.js';
import { toId18 } from '../core/salesforce-id.js';
import { parseScopeCondition } from '../config/scope-condition.js';

/**
 * The queries the mapping needs. Every name in them comes from the validated mapping (field
 * API names and language codes checked against strict patterns), so nothing a record holds
 * ever reaches SOQL text.
 */

/**
 * Product2 fields the mapping reads, the scope condition's (so a change query can tell a move in
 * or out of scope), and the write-back fields (to write only what changed).
 */
export function product2Fields(config: MappingConfig): string[] {
  // SOQL names are case-insensitive and a field selected twice is an error: the first spelling wins.
  const fields = new Map<string, string>();
  const add = (field: string) => void (fields.has(field.toLowerCase()) || fields.set(field.toLowerCase(), field));
  for (const field of ['Id', 'Name', 'IsActive', 'SystemModstamp']) add(field);
  for (const field of LOCALIZED_FIELDS) {
    const source = config.text[field];
    if (!source) continue;
    add(source.field);
    for (const languageField of Object.values(source.languageFields)) add(languageField);
  }
  for (const field of sourceFields(config)) add(field);
  const scope = config.scope.where ? parseScopeCondition(config.scope.where) : null;
  if (scope && 'fields' in scope) for (const field of scope.fields) add(field);
  for (const field of Object.values(config.writeBack ?? {})) add(field);
  return [...fields.values()];
}

/** A SOQL date-time literal, to the second (SOQL takes no milliseconds). */
export const soqlDateTime = (date: Date): string => `${date.toISOString().slice(0, 19)}Z`;

/**
 * An IN list of ids. Only Salesforce ids (15 or 18 letters and digits) may reach the query
 * text: anything else is a bug upstream, refused here rather than quoted.
 */
function idList(ids: readonly string[]): string {
  for (const id of ids) if (toId18(id) === null) throw new TypeError(`not a Salesforce id: ${JSON.stringify(id)}`);
  return `(${ids.map((id) => `'${id}'`).join(', ')})`;
}

/**
 * What the org's answers say about the mapping: the id of the price book whose entries are the
 * prices (null: the standard price book).
 */
export interface OrgBinding {
  priceBookId: string | null;
}

/** The entries of the mapped price book. The id was read from the org and is checked again here. */
const priceBookFilter = (binding: OrgBinding): string =>
  binding.priceBookId === null ? 'Pricebook2.IsStandard = true' : `Pricebook2Id IN ${idList([binding.priceBookId])}`;

/** The products in scope (all, or those with the given ids) with the mapped prices and tiers. */
export function productsQuery(config: MappingConfig, binding: OrgBinding, ids?: readonly string[]): string {
  const parts = [
    ...product2Fields(config),
    `(SELECT Id, CurrencyIsoCode, UnitPrice, IsActive, SystemModstamp FROM PricebookEntries WHERE ${priceBookFilter(binding)})`,
  ];
  const t = config.tiers;
  if (t) {
    parts.push(
      `(SELECT Id, ${t.currencyField}, ${t.minQuantityField}, ${t.unitPriceField}, SystemModstamp FROM ${t.relationship})`,
    );
  }
  const conditions = [
    ...(ids ? [`Id IN ${idList(ids)}`] : []),
    ...(config.scope.where ? [`(${config.scope.where})`] : []),
  ];
  const where = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
  return `SELECT ${parts.join(', ')} FROM Product2${where} ORDER BY Id`;
}

/** The write-back status and error fields, if any: the status tells a product synced before from one never synced. */
const statusField = (config: MappingConfig): string[] =>
  config.writeBack ? [config.writeBack.status, config.writeBack.error] : [];

/** Every product's id (and sync status): those a scoped read did not return are out of scope. */
export const allProductsQuery = (config: MappingConfig): string =>
  `SELECT ${['Id', ...statusField(config)].join(', ')} FROM Product2 ORDER BY Id`;

/**
 * These products as they are now, in the recycle bin or not (run with queryAll): a changed product
 * a scoped read did not return is either deleted or out of scope.
 */
export const productsAmongQuery = (config: MappingConfig, ids: readonly string[]): string =>
  `SELECT ${['Id', 'IsDeleted', ...statusField(config)].join(', ')} FROM Product2 WHERE Id IN ${idList(ids)}`;

/**
 * The products of these price book entries (of the mapped price book) or tiers, deleted records
 * included (run with queryAll): change events name those records, not their product.
 */
export function parentsQuery(
  config: MappingConfig,
  binding: OrgBinding,
  what: 'priceEntries' | 'tiers',
  ids: readonly string[],
): { productField: string; soql: string } | null {
  if (what === 'priceEntries')
    return {
      productField: 'Product2Id',
      soql: `SELECT Product2Id FROM PricebookEntry WHERE Id IN ${idList(ids)} AND ${priceBookFilter(binding)}`,
    };
  const t = config.tiers;
  if (!t) return null;
  return { productField: t.productField, soql: `SELECT ${t.productField} FROM ${t.object} WHERE Id IN ${idList(ids)}` };
}

/** Translations of the languages in scope (of some products), or null when no text uses translations. */
export function translationsQuery(config: MappingConfig, parentIds?: readonly string[]): string | null {
  const fields = new Set<string>();
  for (const field of LOCALIZED_FIELDS) {
    const translationField = config.text[field]?.translationField;
    if (translationField) fields.add(translationField);
  }
  const languages = Object.values(config.translations);
  if (fields.size === 0 || languages.length === 0) return null;
  const list = languages.map((l) => `'${l}'`).join(', ');
  const parents = parentIds ? ` AND ParentId IN ${idList(parentIds)}` : '';
  return `SELECT Id, ParentId, Language, SystemModstamp, ${[...fields].join(', ')} FROM Product2DataTranslation WHERE Language IN (${list})${parents}`;
}

/**
 * What changed since `since`, as [object, field naming the product, query]: products (with the
 * `hashed` fields, to tell a change the mapping sees from one it does not), and the
 * price book entries, tiers and translations whose change changes a product (run with queryAll,
 * so a deleted price or translation counts too), and deleted products.
 */
export function changeQueries(
  config: MappingConfig,
  binding: OrgBinding,
  since: Date,
  hashed: readonly string[] = [],
): Array<{ what: string; productField: string; soql: string; deleted?: true }> {
  const at = soqlDateTime(since);
  const queries = [
    {
      what: 'products',
      productField: 'Id',
      soql: `SELECT ${['Id', 'SystemModstamp', ...hashed].join(', ')} FROM Product2 WHERE SystemModstamp >= ${at}`,
    },
    {
      what: 'prices',
      productField: 'Product2Id',
      soql: `SELECT Id, Product2Id, SystemModstamp FROM PricebookEntry WHERE SystemModstamp >= ${at} AND ${priceBookFilter(binding)}`,
    },
    {
      what: 'translations',
      productField: 'ParentId',
      soql: `SELECT Id, ParentId, SystemModstamp FROM Product2DataTranslation WHERE SystemModstamp >= ${at}`,
    },
  ];
  const t = config.tiers;
  if (t)
    queries.push({
      what: 'tiers',
      productField: t.productField,
      soql: `SELECT Id, ${t.productField}, SystemModstamp FROM ${t.object} WHERE SystemModstamp >= ${at}`,
    });
  return [
    ...queries,
    {
      what: 'deleted products',
      productField: 'Id',
      soql: `SELECT Id, SystemModstamp FROM Product2 WHERE IsDeleted = true AND SystemModstamp >= ${at}`,
      deleted: true,
    },
  ];
}

export const DELETED_QUERY = 'SELECT Id FROM Product2 WHERE IsDeleted = true';

/** The records of one object a plan is made from: which, and the fields the plan reads of them. */
export interface FingerprintFilter {
  object: string;
  /** A SOQL condition, or null for every record. */
  where: string | null;
  fields: string[];
}

/**
 * The records a plan is made from, per object: every Product2 (a product entering or leaving
 * scope changes the plan too), the mapped price book's entries, the translations of the languages
 * in scope, the tiers. Their counts and newest SystemModstamp tell cheaply whether any of them
 * changed since (a deleted record leaves the count; an edit moves the stamp, unless it falls in
 * the newest stamp's second: the fields of the records stamped then tell that).
 */
export function fingerprintFilters(config: MappingConfig, binding: OrgBinding): FingerprintFilter[] {
  const filters: FingerprintFilter[] = [
    { object: 'Product2', where: null, fields: product2Fields(config) },
    {
      object: 'PricebookEntry',
      where: priceBookFilter(binding),
      fields: ['Id', 'Product2Id', 'CurrencyIsoCode', 'UnitPrice', 'IsActive'],
    },
  ];
  const translationFields = LOCALIZED_FIELDS.flatMap((f) => config.text[f]?.translationField ?? []);
  const languages = Object.values(config.translations);
  if (translationFields.length > 0 && languages.length > 0)
    filters.push({
      object: 'Product2DataTranslation',
      where: `Language IN (${languages.map((l) => `'${l}'`).join(', ')})`,
      fields: ['Id', 'ParentId', 'Language', ...new Set(translationFields)],
    });
  const t = config.tiers;
  if (t)
    filters.push({
      object: t.object,
      where: null,
      fields: ['Id', t.productField, t.currencyField, t.minQuantityField, t.unitPriceField],
    });
  return filters;
}

const whereOf = (f: FingerprintFilter, and?: string): string => {
  const conditions = [...(f.where ? [f.where] : []), ...(and ? [and] : [])];
  return conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
};

/** How many records a filter selects (deleted ones not counted). */
export const countQuery = (f: FingerprintFilter): string => `SELECT COUNT() FROM ${f.object}${whereOf(f)}`;

/** A filter's newest record: its SystemModstamp is the newest change among them. */
export const newestQuery = (f: FingerprintFilter): string =>
  `SELECT Id, SystemModstamp FROM ${f.object}${whereOf(f)} ORDER BY SystemModstamp DESC LIMIT 1`;

/** The records stamped in the second of `newest` (or later), with the fields a plan reads of them. */
export const newestSecondQuery = (f: FingerprintFilter, newest: Date): string =>
  `SELECT ${f.fields.join(', ')} FROM ${f.object}${whereOf(f, `SystemModstamp >= ${soqlDateTime(newest)}`)} ORDER BY Id`;
