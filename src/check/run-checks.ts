import { CleverbridgeClient } from '../cleverbridge/client.js';
import type { Settings } from '../config/settings.js';
import type { MappingConfig } from '../core/mapping-config.js';
import type { SfConnection } from '../salesforce/connection.js';
import { SalesforceError } from '../salesforce/errors.js';
import type { Sleep } from '../sync/retry-policy.js';
import { failed, skipped, type CheckResult } from './check-result.js';
import { checkCleverbridge, checkRate } from './cleverbridge-check.js';
import { checkApiUsage, checkApiVersion, checkLogin } from './salesforce-access-check.js';
import {
  byName,
  checkFields,
  checkPriceBook,
  checkTiers,
  checkTranslations,
  checkWriteBack,
  describeOrNull,
} from './salesforce-schema-check.js';

const SCHEMA_CHECKS = [
  'salesforce.fields',
  'salesforce.writeBack',
  'salesforce.translations',
  'salesforce.priceBook',
  'salesforce.tiers',
];

/** What the Salesforce checks met besides their own findings: a spent API limit, for apiUsage. */
interface Met {
  limit: SalesforceError | null;
}

const noteLimit = (met: Met, error: unknown) => {
  if (error instanceof SalesforceError && error.kind === 'limit') met.limit = error;
};

/** A check that met an error it does not judge (Salesforce unavailable mid-way) fails with it. */
async function guarded(met: Met, name: string, check: () => Promise<CheckResult>): Promise<CheckResult> {
  try {
    return await check();
  } catch (error) {
    noteLimit(met, error);
    return failed(name, (error as Error).message, []);
  }
}

async function schemaChecks(
  conn: SfConnection,
  mapping: MappingConfig,
  met: Met,
  wait?: Sleep,
): Promise<CheckResult[]> {
  let product2;
  try {
    product2 = await describeOrNull(conn, 'Product2');
  } catch (error) {
    noteLimit(met, error);
    return [
      failed('salesforce.fields', (error as Error).message, []),
      ...SCHEMA_CHECKS.slice(1).map((name) =>
        skipped(name, 'Salesforce did not answer the first question (salesforce.fields)'),
      ),
    ];
  }
  if (!product2)
    return [
      failed('salesforce.fields', 'Product2 is not available to the integration user', [
        'give the integration user read access to products (object permissions of its profile or a permission set)',
      ]),
      ...SCHEMA_CHECKS.slice(1).map((name) => skipped(name, 'needs read access to Product2')),
    ];
  const fields = byName(product2);
  return [
    checkFields(mapping, fields),
    checkWriteBack(mapping, fields),
    await guarded(met, 'salesforce.translations', () => checkTranslations(conn, mapping)),
    await guarded(met, 'salesforce.priceBook', () => checkPriceBook(conn, mapping, wait)),
    await guarded(met, 'salesforce.tiers', () => checkTiers(conn, mapping, product2)),
  ];
}

/** Login, API version, the mapping against the org's schema as this user sees it, then API usage. */
export async function checkSalesforce(
  settings: Settings,
  mapping: MappingConfig,
  wait?: Sleep,
): Promise<CheckResult[]> {
  const login = await checkLogin(settings.salesforce, wait);
  const conn = login.conn;
  if (!conn) {
    const after = ['salesforce.login', 'salesforce.apiVersion', ...SCHEMA_CHECKS, 'salesforce.apiUsage'];
    const done = new Set(login.results.map((r) => r.name));
    return [...login.results, ...after.filter((n) => !done.has(n)).map((n) => skipped(n, 'needs a Salesforce login'))];
  }
  const met: Met = { limit: null };
  return [
    ...login.results,
    await checkApiVersion(conn, settings.salesforce.apiVersion),
    ...(await schemaChecks(conn, mapping, met, wait)),
    checkApiUsage(conn, met.limit),
  ];
}

/**
 * Every check of a deployment but the configuration's own (which must pass to get here), both
 * sides at once. `cleverbridge` is the client the caller goes on with, so that a 401 met here
 * stops its later requests too.
 */
export async function runChecks(
  configured: { settings: Settings; mapping: MappingConfig },
  cleverbridge = new CleverbridgeClient(configured.settings.cleverbridge, configured.mapping),
  wait?: Sleep,
): Promise<CheckResult[]> {
  const { settings, mapping } = configured;
  const [salesforce, cb] = await Promise.all([
    checkSalesforce(settings, mapping, wait),
    checkCleverbridge(cleverbridge, settings.cleverbridge),
  ]);
  return [...salesforce, checkRate(settings.cleverbridge), ...cb];
}
