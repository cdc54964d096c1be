import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { MappingConfig } from '../core/mapping-config.js';
import { ConfigError } from './config-error.js';
import { parseScopeCondition } from './scope-condition.js';
import { scalarSources, sfField, subscriptionSource, textSources } from './field-sources.js';

/**
 * The mapping file (config/mapping.json): which Salesforce data feeds each cleverbridge field.
 * Validated here, once, so the core can trust it. Enum values are checked against what the
 * cleverbridge API accepts, because one bad enum in a batched mutation fails the whole batch.
 */

const CURRENCY = /^[A-Z]{3}$/;
const LANGUAGE = /^[A-Z]{2}$/;
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
    text: textSources,
    fields: scalarSources,
    subscription: subscriptionSource,
    defaults: z.object({
      productType: z.enum(['PRODUCT', 'BASE_PRODUCT', 'BUNDLE']).default('PRODUCT'),
      salesTaxCode: z.string().min(1),
      numberOfLicenses: z.number().int().positive().default(1),
    }),
    writeBack: z
      .object({ status: sfField, productId: sfField, error: sfField, lastSynced: sfField })
      .nullable()
      .default(null),
    // Defaults for the texts the default mapping has; other fields are left to cleverbridge's answer.
    limits: z
      .record(z.string(), limit)
      .default({})
      .transform((given) => ({
        names: 255,
        additionalNameInformation: 255,
        descriptions: 10_000,
        shortDescriptions: 2000,
        internalName: 255,
        internalCategory: 100,
        ...given,
      })),
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
