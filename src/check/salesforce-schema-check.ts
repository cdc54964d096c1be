import type { MappingConfig } from '../core/mapping-config.js';
import type { SfConnection } from '../salesforce/connection.js';
import { classifySalesforceError } from '../salesforce/errors.js';
import { NOT_VISIBLE, typeProblems } from '../salesforce/field-types.js';
import { priceBook, scopeProblems, type DescribedField } from '../salesforce/org-binding.js';
import { ReadPass } from '../salesforce/read-pass.js';
import { sleep, type Sleep } from '../sync/retry-policy.js';
import { failed, ok, type CheckResult } from './check-result.js';

/** What describe says of an object, as far as the checks care. */
export interface Described {
  fields: Array<DescribedField & { updateable?: boolean }>;
  childRelationships?: Array<{ relationshipName: string | null; childSObject: string }>;
}

export type Fields = Map<string, Described['fields'][number]>;

export const byName = (d: Described): Fields => new Map(d.fields.map((f) => [f.name.toLowerCase(), f]));

/**
 * An object's describe, or null when the user cannot see it: Salesforce answers 404 NOT_FOUND for
 * an object that does not exist, that the user may not read, or (Product2DataTranslation) whose
 * feature is off.
 */
export async function describeOrNull(conn: SfConnection, object: string): Promise<Described | null> {
  try {
    return (await conn.sobject(object).describe()) as unknown as Described;
  } catch (error) {
    const code = (error as { errorCode?: string; name?: string }).errorCode ?? (error as Error).name;
    if (code === 'NOT_FOUND' || code === 'INVALID_TYPE') return null;
    throw classifySalesforceError(error, `describing ${object}`);
  }
}

/** Each mapped Product2 field exists, is readable and has a type that fits what it feeds. */
export function checkFields(mapping: MappingConfig, product2: Fields): CheckResult {
  const problems = [...scopeProblems(mapping, product2), ...typeProblems(mapping, product2)];
  if (problems.length > 0)
    return failed('salesforce.fields', `${problems.length} mapped field(s) do not fit Product2`, problems);
  return ok('salesforce.fields', 'every mapped Product2 field is readable and of a type that fits');
}

/** The write-back fields exist and this user may update them. */
export function checkWriteBack(mapping: MappingConfig, product2: Fields): CheckResult {
  if (!mapping.writeBack) return ok('salesforce.writeBack', 'no write-back configured');
  const problems: string[] = [];
  for (const [key, name] of Object.entries(mapping.writeBack)) {
    const field = product2.get(name.toLowerCase());
    const setting = `mapping.writeBack.${key}`;
    if (!field) problems.push(`${setting}: Product2 has no field ${name} (${NOT_VISIBLE})`);
    else if (field.updateable === false)
      problems.push(
        `${setting}: the integration user may not edit Product2.${field.name}: give it edit access (field-level security)`,
      );
  }
  if (problems.length > 0)
    return failed('salesforce.writeBack', 'the sync status cannot be written back to Product2', problems);
  return ok('salesforce.writeBack', `${Object.values(mapping.writeBack).join(', ')} are updatable`);
}

/** The translated texts' fields, when the mapping uses translations. */
export async function checkTranslations(conn: SfConnection, mapping: MappingConfig): Promise<CheckResult> {
  const fields = Object.entries(mapping.text).flatMap(([name, t]) =>
    t?.translationField ? [[`mapping.text.${name}.translationField`, t.translationField] as const] : [],
  );
  if (Object.keys(mapping.translations).length === 0 || fields.length === 0)
    return ok('salesforce.translations', 'no translations mapped');
  const described = await describeOrNull(conn, 'Product2DataTranslation');
  if (!described)
    return failed('salesforce.translations', 'Product2DataTranslation is not available to the integration user', [
      'enable data translation (Setup > Translation Settings > Enable data translation) and give the user read access to product translations',
      'or map no translations: empty mapping.translations',
    ]);
  const have = byName(described);
  const problems = fields
    .filter(([, f]) => !have.has(f.toLowerCase()))
    .map(([setting, f]) => `${setting}: Product2DataTranslation has no field ${f} (${NOT_VISIBLE})`);
  if (problems.length > 0) return failed('salesforce.translations', 'translated fields are not readable', problems);
  return ok(
    'salesforce.translations',
    `Product2DataTranslation readable for ${Object.keys(mapping.translations).join(', ')}`,
  );
}

/** The price book the prices come from, and its entries' object. */
export async function checkPriceBook(conn: SfConnection, mapping: MappingConfig, wait?: Sleep): Promise<CheckResult> {
  if (!(await describeOrNull(conn, 'PricebookEntry')))
    return failed('salesforce.priceBook', 'PricebookEntry is not available to the integration user', [
      'give the integration user read access to price books and their entries',
    ]);
  const pass = new ReadPass(conn, wait ?? sleep);
  const name = mapping.price.priceBook;
  if (name === null) {
    const found = await pass.call('looking up the standard price book', () =>
      conn.query('SELECT Id FROM Pricebook2 WHERE IsStandard = true'),
    );
    return found.records.length === 1
      ? ok('salesforce.priceBook', `the standard price book ${String(found.records[0]!.Id)}`)
      : failed('salesforce.priceBook', 'the integration user sees no standard price book', [
          'give the user read access to the standard price book, or name one in mapping.price.priceBook',
        ]);
  }
  const book = await priceBook(pass, conn, name);
  return typeof book === 'string'
    ? ok('salesforce.priceBook', `${JSON.stringify(name)} is ${book}`)
    : failed('salesforce.priceBook', `no single price book ${JSON.stringify(name)}`, book);
}

/** The tier object, its fields, and the child relationship Product2 reads it through. */
export async function checkTiers(
  conn: SfConnection,
  mapping: MappingConfig,
  product2: Described,
): Promise<CheckResult> {
  const tiers = mapping.tiers;
  if (!tiers) return ok('salesforce.tiers', 'no volume tiers mapped');
  const described = await describeOrNull(conn, tiers.object);
  if (!described)
    return failed('salesforce.tiers', `${tiers.object} is not available to the integration user`, [
      `mapping.tiers.object: create ${tiers.object} or give the user read access to it, or set mapping.tiers to null`,
    ]);
  const have = byName(described);
  const problems = (['productField', 'currencyField', 'minQuantityField', 'unitPriceField'] as const)
    .filter((key) => !have.has(tiers[key].toLowerCase()))
    .map((key) => `mapping.tiers.${key}: ${tiers.object} has no field ${tiers[key]} (${NOT_VISIBLE})`);
  const related = (product2.childRelationships ?? []).some(
    (r) => r.relationshipName?.toLowerCase() === tiers.relationship.toLowerCase(),
  );
  if (!related) problems.push(`mapping.tiers.relationship: Product2 has no child relationship ${tiers.relationship}`);
  if (problems.length > 0) return failed('salesforce.tiers', `${tiers.object} does not fit the mapping`, problems);
  return ok('salesforce.tiers', `${tiers.object} through Product2.${tiers.relationship}`);
}
