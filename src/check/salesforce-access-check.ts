import type { Settings } from '../config/settings.js';
import { connectSalesforce, type SfConnection } from '../salesforce/connection.js';
import { classifySalesforceError, type SalesforceError } from '../salesforce/errors.js';
import type { Sleep } from '../sync/retry-policy.js';
import { failed, ok, warning, type CheckResult } from './check-result.js';

/** Login hosts every org shares: Salesforce refuses the client credentials flow on them. */
const GENERIC_LOGIN_HOSTS = new Set(['login.salesforce.com', 'test.salesforce.com']);

const MY_DOMAIN_FIX =
  'set SF_LOGIN_URL to the org’s My Domain login URL, e.g. https://<your-domain>.my.salesforce.com (a sandbox org: https://<your-domain>--<sandbox>.sandbox.my.salesforce.com)';

const SPENT_FIX =
  'wait until calls made a day ago age out (a rolling 24 hours), or raise the allocation: every run would stop at once';

/** API usage above this share of the daily allocation is a warning. */
const API_USAGE_WARNING_SHARE = 0.8;

/** Client credentials on a login host all orgs share: refused by Salesforce, so failed without asking. */
export function genericLoginHost(settings: Settings['salesforce']): CheckResult | null {
  const host = new URL(settings.loginUrl).hostname;
  if (settings.username || !GENERIC_LOGIN_HOSTS.has(host)) return null;
  const detail = `${host} is the login host all orgs share; the client credentials flow works only on the org’s My Domain`;
  return failed('salesforce.loginUrl', detail, [MY_DOMAIN_FIX]);
}

interface LoginOutcome {
  results: CheckResult[];
  conn: SfConnection | null;
}

/**
 * The login URL and the login itself. A generic login host with client credentials fails
 * without a request; a refused login says what to change and is not retried.
 */
export async function checkLogin(settings: Settings['salesforce'], wait?: Sleep): Promise<LoginOutcome> {
  const flow = settings.username ? 'username-password' : 'client credentials';
  const generic = genericLoginHost(settings);
  if (generic) return { results: [generic], conn: null };
  try {
    const conn = await connectSalesforce(settings, wait);
    const user = conn.userInfo?.id ?? 'the integration user';
    return {
      results: [
        ok('salesforce.loginUrl', `${settings.loginUrl} (${flow} flow)`),
        ok('salesforce.login', `logged in as ${user} at ${conn.instanceUrl}`),
      ],
      conn,
    };
  } catch (error) {
    const e = classifySalesforceError(error, 'logging in');
    const onDomain = /My Domain/.test(e.message);
    return {
      results: [
        onDomain
          ? failed('salesforce.loginUrl', `${settings.loginUrl} refused the client credentials flow`, [MY_DOMAIN_FIX])
          : ok('salesforce.loginUrl', `${settings.loginUrl} (${flow} flow)`),
        failed('salesforce.login', `${e.code}: ${e.message}`, [
          e.kind === 'auth'
            ? settings.username
              ? 'check SF_USERNAME, SF_PASSWORD (with the security token if the org asks for one) and SF_CLIENT_ID / SF_CLIENT_SECRET'
              : 'check SF_CLIENT_ID and SF_CLIENT_SECRET, and that the connected app has a Run As user for the client credentials flow'
            : 'check SF_LOGIN_URL and that this machine reaches it',
        ]),
      ],
      conn: null,
    };
  }
}

/** The configured API version is one the org serves (GET /services/data lists them). */
export async function checkApiVersion(conn: SfConnection, version: string): Promise<CheckResult> {
  let listed: Array<{ version: string }>;
  try {
    listed = await conn.request<Array<{ version: string }>>('/services/data');
  } catch (error) {
    return failed('salesforce.apiVersion', classifySalesforceError(error, 'listing API versions').message, []);
  }
  const versions = listed.map((v) => v.version);
  if (versions.includes(version)) return ok('salesforce.apiVersion', `${version} is served by the org`);
  const range = versions.length > 0 ? `${versions[0]} to ${versions.at(-1)}` : 'none';
  return failed('salesforce.apiVersion', `the org does not serve API version ${version} (it serves ${range})`, [
    `set SF_API_VERSION (or salesforce.apiVersion in the config file) to one of ${range}, e.g. ${versions.at(-1) ?? '62.0'}`,
  ]);
}

/** Headroom of the daily API allocation, from the Sforce-Limit-Info header of the calls made so far. */
export function checkApiUsage(conn: SfConnection, spent: SalesforceError | null = null): CheckResult {
  if (spent) return failed('salesforce.apiUsage', `Salesforce answered ${spent.detail ?? spent.code}`, [SPENT_FIX]);
  const usage = conn.limitInfo?.apiUsage;
  if (!usage || !(usage.limit > 0))
    return warning('salesforce.apiUsage', 'Salesforce sent no Sforce-Limit-Info header', [
      'compare the daily API requests in Setup > Company Information with what catalog-sync needs',
    ]);
  const share = usage.used / usage.limit;
  const detail = `${usage.used} of ${usage.limit} daily API requests used (${Math.round(share * 100)}%)`;
  if (share >= 1) return failed('salesforce.apiUsage', detail, [SPENT_FIX]);
  if (share > API_USAGE_WARNING_SHARE)
    return warning('salesforce.apiUsage', detail, [
      'other integrations are using most of the allocation; catalog-sync needs some 5 to 10 calls per incremental run',
    ]);
  return ok('salesforce.apiUsage', detail);
}
