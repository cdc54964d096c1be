import type { MappingConfig } from '../core/mapping-config.js';
import { LOCALIZED_FIELDS } from '../core/product.js';

/**
 * The queries the mapping needs. Every name in them comes from the validated mapping (field
 * API names and language codes checked against strict patterns), so nothing a record holds
 * ever reaches SOQL text.
 */

/** Product2 fields the mapping reads, Id and IsActive first. */
export function product2Fields(config: MappingConfig): string[] {
  const fields = new Set(['Id', 'Name', 'IsActive']);
  for (const field of LOCALIZED_FIELDS) {
    const source = config.text[field];
    if (!source) continue;
    fields.add(source.field);
    for (const languageField of Object.values(source.languageFields)) fields.add(languageField);
  }
  for (const field of Object.values(config.fields)) if (field) fields.add(field);
  return [...fields];
}

export function productsQuery(config: MappingConfig): string {
  const parts = [
    ...product2Fields(config),
    '(SELECT CurrencyIsoCode, UnitPrice, IsActive FROM PricebookEntries WHERE Pricebook2.IsStandard = true)',
  ];
  const t = config.tiers;
  if (t) parts.push(`(SELECT ${t.currencyField}, ${t.minQuantityField}, ${t.unitPriceField} FROM ${t.relationship})`);
  return `SELECT ${parts.join(', ')} FROM Product2 ORDER BY Id`;
}

/** Translations of the languages in scope, or null when no mapped text uses translations. */
export function translationsQuery(config: MappingConfig): string | null {
  const fields = new Set<string>();
  for (const field of LOCALIZED_FIELDS) {
    const translationField = config.text[field]?.translationField;
    if (translationField) fields.add(translationField);
  }
  const languages = Object.values(config.translations);
  if (fields.size === 0 || languages.length === 0) return null;
  const list = languages.map((l) => `'${l}'`).join(', ');
  return `SELECT ParentId, Language, ${[...fields].join(', ')} FROM Product2DataTranslation WHERE Language IN (${list})`;
}

export const DELETED_QUERY = 'SELECT Id FROM Product2 WHERE IsDeleted = true';
