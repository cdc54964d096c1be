import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { MappingConfig } from '../core/mapping-config.js';
import { ConfigError } from './config-error.js';
import { parseScopeCondition } from './scope-condition.js';

/**
 * The mapping file (config/mapping.json): which Salesforce data feeds each cleverbridge field.
 * Validated here, once, so the core can trust it. Enum values are checked against what the
 * cleverbridge API accepts, because one bad enum in a batched mutation fails the whole batch.
 */

const CURRENCY = /^[A-Z]{3}$/;
const LANGUAGE = /^[A-Z]{2}$/;
const SF_FIELD = /^[A-Za-z][A-Za-z0-9_]*$/;

const sfField = z.string().regex(SF_FIELD, 'must be a Salesforce field API name');
const textSource = z.object({
  field: sfField,
  translationField: sfField.nullable().default(null),
  languageFields: z
    .record(z.string().regex(LANGUAGE, 'must be a cleverbridge language id such as DE'), sfField)
    .default({}),
});

const limit = z.number().int().positive();

/** Which Product2 records are the shop's, and what becomes of a synced product that leaves. */
const scope = z
  .object({
    where: z
      .string()
      .nullable()
      .default(null)
      .superRefine((where, ctx) => {
        const parsed = where === null ? null : parseScopeCondition(where);
        if (parsed && 'problem' in parsed)
          ctx.addIssue({
            code: 'custom',
            message: `not a valid SOQL condition at character ${parsed.problem.position}: ${parsed.problem.message}`,
          });
      }),
    leavePolicy: z.enum(['deactivate', 'delete', 'keep']).default('deactivate'),
  })
  .strict()
  .default({ where: null, leavePolicy: 'deactivate' });

export const mappingSchema = z
  .object({
    defaultLanguage: z.string().regex(LANGUAGE, 'must be a cleverbridge language id such as EN'),
    translations: z
      .record(
        z.string().regex(LANGUAGE, 'must be a cleverbridge language id such as DE'),
        z.string().regex(/^[a-z]{2}(_[A-Z]{2})?$/, 'must be a Salesforce language code such as de or pt_BR'),
      )
      .default({}),
    currencies: z.array(z.string().regex(CURRENCY, 'must be an ISO 4217 code such as EUR')).min(1),
    price: z.object({
      baseCurrency: z.string().regex(CURRENCY, 'must be an ISO 4217 code such as USD'),
      isGross: z.boolean(),
      volumePricingMethod: z.enum(['PRICE_SCALE', 'PRICE_STAGGER']),
      /** The price book's name or id; null: the standard price book. */
      priceBook: z.string().trim().min(1).nullable().default(null),
    }),
    scope,
    tiers: z
      .object({
        object: sfField,
        relationship: sfField,
        productField: sfField,
        currencyField: sfField,
        minQuantityField: sfField,
        unitPriceField: sfField,
      })
      .nullable()
      .default(null),
    text: z.object({
      names: textSource,
      additionalNameInformation: textSource.optional(),
      descriptions: textSource.optional(),
      shortDescriptions: textSource.optional(),
    }),
    fields: z
      .object({
        internalName: sfField.nullable().default(null),
        internalCategory: sfField.nullable().default(null),
        salesTaxCode: sfField.nullable().default(null),
        numberOfLicenses: sfField.nullable().default(null),
      })
      .default({ internalName: null, internalCategory: null, salesTaxCode: null, numberOfLicenses: null }),
    defaults: z.object({
      productType: z.enum(['PRODUCT', 'BASE_PRODUCT', 'BUNDLE']).default('PRODUCT'),
      salesTaxCode: z.string().min(1),
      numberOfLicenses: z.number().int().positive().default(1),
    }),
    writeBack: z
      .object({ status: sfField, productId: sfField, error: sfField, lastSynced: sfField })
      .nullable()
      .default(null),
    limits: z
      .object({
        names: limit,
        additionalNameInformation: limit,
        descriptions: limit,
        shortDescriptions: limit,
        internalName: limit,
        internalCategory: limit,
      })
      .default({
        names: 255,
        additionalNameInformation: 255,
        descriptions: 10_000,
        shortDescriptions: 2000,
        internalName: 255,
        internalCategory: 100,
      }),
  })
  .strict()
  .superRefine((m, ctx) => {
    if (!m.currencies.includes(m.price.baseCurrency)) {
      ctx.addIssue({
        code: 'custom',
        path: ['price', 'baseCurrency'],
        message: `${m.price.baseCurrency} is not among currencies`,
      });
    }
    if (m.defaultLanguage in m.translations) {
      ctx.addIssue({
        code: 'custom',
        path: ['translations', m.defaultLanguage],
        message: 'the default language comes from Product2 itself',
      });
    }
  });

export function parseMapping(value: unknown, source = 'mapping'): MappingConfig {
  const result = mappingSchema.safeParse(value);
  if (!result.success) throw ConfigError.fromZod(source, result.error);
  return result.data as MappingConfig;
}

export function loadMapping(path: string): MappingConfig {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`MAPPING_FILE: cannot read ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new ConfigError(`MAPPING_FILE: ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parseMapping(json, path);
}
