import { z } from 'zod';
import {
  EXTRA_LOCALIZED_FIELDS,
  INTERVAL_PERIODS,
  LICENSE_TYPES,
  SCALAR_KINDS,
  type ScalarField,
} from '../core/field-catalog.js';
import type { FieldSource } from '../core/mapping-config.js';

/**
 * The mapping's sources for the fields beyond names and prices: `text` (localized texts by their
 * cleverbridge names), `fields` (plain fields) and `subscription` (the terms). A source is a
 * Product2 field's API name, or `{ "field": ..., "values": { picklist value: cleverbridge value } }`.
 */

const LANGUAGE = /^[A-Z]{2}$/;
const SF_FIELD = /^[A-Za-z][A-Za-z0-9_]*$/;
export const sfField = z.string().regex(SF_FIELD, 'must be a Salesforce field API name');

const sourceObject = z
  .object({
    field: sfField,
    values: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
      .nullable()
      .default(null),
  })
  .strict();

/** A field name, or a field with a value map; both as a FieldSource. */
export const fieldSource = z
  .union([sfField, sourceObject])
  .transform((s): FieldSource => (typeof s === 'string' ? { field: s, values: null } : s));

/** A source whose mapped values must be among `allowed` (an enum of the API). */
const enumSource = (allowed: readonly string[], what: string) =>
  fieldSource.superRefine((source, ctx) => {
    for (const [from, to] of Object.entries(source.values ?? {})) {
      if (typeof to !== 'string' || !allowed.includes(to))
        ctx.addIssue({
          code: 'custom',
          path: ['values', from],
          message: `${JSON.stringify(to)} is not a ${what} (${allowed.join(', ')})`,
        });
    }
  });

const textSource = z.object({
  field: sfField,
  translationField: sfField.nullable().default(null),
  languageFields: z
    .record(z.string().regex(LANGUAGE, 'must be a cleverbridge language id such as DE'), sfField)
    .default({}),
});

/** cleverbridge's own names for the texts whose key in the mapping predates them. */
const TEXT_ALIASES: Readonly<Record<string, string>> = {
  description: 'descriptions',
  shortDescription: 'shortDescriptions',
};

export const textSources = z.preprocess(
  (value) => {
    if (!value || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, source] of Object.entries(value)) out[TEXT_ALIASES[key] ?? key] = source;
    return out;
  },
  z
    .object({
      names: textSource,
      additionalNameInformation: textSource.optional(),
      descriptions: textSource.optional(),
      shortDescriptions: textSource.optional(),
      ...Object.fromEntries(EXTRA_LOCALIZED_FIELDS.map((f) => [f, textSource.optional()])),
    })
    .strict(),
);

export const scalarSources = z
  .object(
    Object.fromEntries((Object.keys(SCALAR_KINDS) as ScalarField[]).map((f) => [f, fieldSource.nullable().optional()])),
  )
  .strict()
  .default({});

const intervalSource = z
  .object({ value: fieldSource, intervalPeriod: enumSource(INTERVAL_PERIODS, 'interval period') })
  .strict();

export const subscriptionSource = z
  .object({
    recurringInterval: intervalSource,
    initialInterval: intervalSource.optional(),
    recurrenceCount: fieldSource.optional(),
    allowDeactivation: fieldSource.optional(),
    startNewIntervalOnPayment: fieldSource.optional(),
    licenseType: enumSource(LICENSE_TYPES, 'license type').optional(),
  })
  .strict()
  .nullable()
  .default(null);
