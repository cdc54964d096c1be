import { ConfigError } from '../config/config-error.js';
import { parseScopeCondition } from '../config/scope-condition.js';
import type { MappingConfig } from '../core/mapping-config.js';
import { toId18 } from '../core/salesforce-id.js';
import type { SfRecord } from '../core/salesforce-product.js';
import { sleep, type Sleep } from '../sync/retry-policy.js';
import { typeProblems } from './field-types.js';
import type { SfConnection } from './connection.js';
import { ReadPass } from './read-pass.js';
import type { OrgBinding } from './soql.js';

/** What describe says of one field, as far as the mapping cares. */
export interface DescribedField {
  name: string;
  type: string;
  filterable?: boolean;
  scale?: number;
}

/** A SOQL string literal: backslashes and quotes escaped, as the SOQL reference lists them. */
export const soqlString = (text: string): string => `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;

/** The scope condition's fields, each one Product2 has and may filter on. */
export function scopeProblems(mapping: MappingConfig, fields: ReadonlyMap<string, DescribedField>): string[] {
  const where = mapping.scope.where;
  if (!where) return [];
  const parsed = parseScopeCondition(where);
  if ('problem' in parsed) return []; // the mapping's own validation reports it
  const problems: string[] = [];
  for (const name of parsed.fields) {
    const field = fields.get(name.toLowerCase());
    const at = `at character ${where.indexOf(name) + 1}`;
    if (!field) problems.push(`mapping.scope.where: Product2 has no field ${name} (${at})`);
    else if (field.filterable === false)
      problems.push(`mapping.scope.where: Product2.${field.name} cannot be filtered on (${at})`);
  }
  return problems;
}

/** The mapped price book's id; a name that names no price book, or several, is a problem. */
export async function priceBook(pass: ReadPass, conn: SfConnection, name: string): Promise<string | string[]> {
  const id = toId18(name);
  const byId = id !== null && id.startsWith('01s');
  const soql = `SELECT Id, Name, IsActive FROM Pricebook2 WHERE ${byId ? `Id = ${soqlString(id)}` : `Name = ${soqlString(name)}`}`;
  const found = await pass.call(
    'looking up the price book',
    async () => (await conn.query(soql)).records as SfRecord[],
  );
  if (found.length === 1) return toId18(String(found[0]!.Id)) as string;
  if (found.length === 0) return [`mapping.price.priceBook: the org has no price book ${JSON.stringify(name)}`];
  return [
    `mapping.price.priceBook: ${found.length} price books are named ${JSON.stringify(name)}; give the id of one (${found.map((r) => r.Id).join(', ')})`,
  ];
}

/**
 * Checks the mapping against the org before anything is read, and finds what only the org knows
 * (the price book's id). Every problem is reported at once, each naming its setting: a
 * ConfigError, so start-up stops (exit 78). Costs two API calls, one when no price book is named (describe).
 */
export async function bindMapping(
  conn: SfConnection,
  mapping: MappingConfig,
  wait: Sleep = sleep,
): Promise<OrgBinding> {
  const pass = new ReadPass(conn, wait);
  const problems: string[] = [];
  const described = await pass.call('describing Product2', () => conn.sobject('Product2').describe());
  const fields = new Map(described.fields.map((f) => [f.name.toLowerCase(), f as DescribedField]));
  problems.push(...scopeProblems(mapping, fields), ...typeProblems(mapping, fields));
  let priceBookId: string | null = null;
  if (mapping.price.priceBook !== null) {
    const book = await priceBook(pass, conn, mapping.price.priceBook);
    if (typeof book === 'string') priceBookId = book;
    else problems.push(...book);
  }
  if (problems.length > 0)
    throw new ConfigError(`the mapping does not fit the org:\n  ${problems.join('\n  ')}`, problems);
  return { priceBookId };
}
