import { EXTRA_LOCALIZED_FIELDS, SCALAR_KINDS, type ScalarField, type ScalarKind } from '../core/field-catalog.js';
import type { FieldSource, MappingConfig } from '../core/mapping-config.js';
import { BASE_LOCALIZED_FIELDS } from '../core/product.js';
import type { DescribedField } from './org-binding.js';

/**
 * Which Salesforce field types (describe's `type`) can feed which kind of cleverbridge value.
 * Without a value map: texts from text-like fields and picklists, whole numbers from Number
 * fields without decimals, booleans from checkboxes. With one, any field whose values it lists.
 */
const TEXT_TYPES = new Set(['string', 'textarea', 'picklist', 'email', 'url', 'phone', 'combobox']);
const MAPPABLE_TYPES = new Set([...TEXT_TYPES, 'boolean', 'double', 'int']);

function fits(field: DescribedField, kind: ScalarKind | 'enum', mapped: boolean): string | null {
  if (mapped) return MAPPABLE_TYPES.has(field.type) ? null : `a ${field.type} field cannot go through a value map`;
  if (kind === 'text') return TEXT_TYPES.has(field.type) ? null : `a ${field.type} field cannot feed a text`;
  if (kind === 'boolean')
    return field.type === 'boolean'
      ? null
      : `a ${field.type} field cannot feed a Boolean (use a Checkbox or a value map)`;
  if (kind === 'int') {
    if (field.type === 'int') return null;
    if (field.type !== 'double') return `a ${field.type} field cannot feed an Int (use a Number field)`;
    return (field.scale ?? 0) === 0 ? null : `a Number field with ${field.scale} decimal places cannot feed an Int`;
  }
  return field.type === 'picklist' || field.type === 'string'
    ? `a ${field.type} field feeds one of cleverbridge's values only through a value map ("values")`
    : `a ${field.type} field cannot feed one of cleverbridge's values`;
}

/** Every mapped source with its setting's name and the kind of value it feeds. */
function sources(mapping: MappingConfig): Array<[setting: string, source: FieldSource, kind: ScalarKind | 'enum']> {
  const out: Array<[string, FieldSource, ScalarKind | 'enum']> = [];
  for (const [name, source] of Object.entries(mapping.fields))
    if (source) out.push([`mapping.fields.${name}`, source, SCALAR_KINDS[name as ScalarField]]);
  for (const name of [...BASE_LOCALIZED_FIELDS, ...EXTRA_LOCALIZED_FIELDS]) {
    const text = mapping.text[name];
    if (!text) continue;
    out.push([`mapping.text.${name}.field`, { field: text.field, values: null }, 'text']);
    for (const [language, field] of Object.entries(text.languageFields))
      out.push([`mapping.text.${name}.languageFields.${language}`, { field, values: null }, 'text']);
  }
  const sub = mapping.subscription;
  if (sub) {
    for (const [name, interval] of [
      ['recurringInterval', sub.recurringInterval],
      ['initialInterval', sub.initialInterval],
    ] as const) {
      if (!interval) continue;
      out.push([`mapping.subscription.${name}.value`, interval.value, 'int']);
      out.push([`mapping.subscription.${name}.intervalPeriod`, interval.intervalPeriod, 'enum']);
    }
    if (sub.recurrenceCount) out.push(['mapping.subscription.recurrenceCount', sub.recurrenceCount, 'int']);
    if (sub.allowDeactivation) out.push(['mapping.subscription.allowDeactivation', sub.allowDeactivation, 'boolean']);
    if (sub.startNewIntervalOnPayment)
      out.push(['mapping.subscription.startNewIntervalOnPayment', sub.startNewIntervalOnPayment, 'boolean']);
    if (sub.licenseType) out.push(['mapping.subscription.licenseType', sub.licenseType, 'enum']);
  }
  return out;
}

/** Why describe may not list a field: describe shows a user only what field-level security lets them read. */
export const NOT_VISIBLE = 'missing, or hidden from the integration user by field-level security';

/** Each mapped Product2 field exists and its type fits what it feeds; a problem per setting. */
export function typeProblems(mapping: MappingConfig, fields: ReadonlyMap<string, DescribedField>): string[] {
  const problems: string[] = [];
  for (const [setting, source, kind] of sources(mapping)) {
    const field = fields.get(source.field.toLowerCase());
    if (!field) {
      problems.push(`${setting}: Product2 has no field ${source.field} (${NOT_VISIBLE})`);
      continue;
    }
    const misfit = fits(field, kind, source.values !== null);
    if (misfit) problems.push(`${setting}: Product2.${field.name} is ${field.type}; ${misfit}`);
  }
  return problems;
}
