/** Why talking to Salesforce failed, with a stable code; the run stops on any of them. */
export type SfErrorKind = 'auth' | 'limit' | 'query' | 'unavailable';

export const SF_ERROR_CODES: Readonly<Record<SfErrorKind, string>> = {
  auth: 'SF_AUTH_FAILED',
  limit: 'SF_LIMIT_EXCEEDED',
  query: 'SF_QUERY_REJECTED',
  unavailable: 'SF_UNAVAILABLE',
};

export class SalesforceError extends Error {
  readonly code: string;
  constructor(
    readonly kind: SfErrorKind,
    message: string,
    /** Salesforce's own answer, `CODE: message`, when there was one. */
    readonly detail: string | null = null,
  ) {
    super(message);
    this.name = 'SalesforceError';
    this.code = SF_ERROR_CODES[kind];
  }
}

const AUTH_CODES = new Set([
  'INVALID_SESSION_ID',
  'invalid_client',
  'invalid_client_id',
  'invalid_grant',
  'unsupported_grant_type',
  'INVALID_LOGIN',
]);

/**
 * What to fix when Salesforce refused a login. A generic login host (login.salesforce.com,
 * test.salesforce.com) answers the client credentials flow so: that flow needs the org's My Domain.
 */
function authAdvice(code: string, message: string | undefined): string {
  if (code === 'invalid_grant' && message === 'request not supported on this domain') {
    return (
      "The OAuth 2.0 client credentials flow works only on the org's My Domain login URL, not on " +
      'login.salesforce.com or test.salesforce.com: set SF_LOGIN_URL to it, e.g. ' +
      'https://<your-domain>.my.salesforce.com (a sandbox org: https://<your-domain>--<sandbox>.sandbox.my.salesforce.com).'
    );
  }
  return 'Check SF_CLIENT_ID, SF_CLIENT_SECRET and the connected app.';
}

/** What to check when Salesforce refused a query: the object, or the fields, as this user sees them. */
function queryAdvice(detail: string): string {
  if (/INVALID_TYPE.*Product2DataTranslation/.test(detail))
    return 'Product2DataTranslation exists only while data translation is enabled (Setup > Translation Settings) and the integration user may read it; or map no translations (mapping.translations). `catalog-sync check` lists what else is missing.';
  return 'Does the org have every field and object config/mapping.json names, and may the integration user read them (object permissions, field-level security)? `catalog-sync check` lists each one.';
}

/** jsforce's errors (errorCode from the REST API, name from OAuth) as a SalesforceError. */
export function classifySalesforceError(error: unknown, doing: string): SalesforceError {
  if (error instanceof SalesforceError) return error;
  const e = error as { errorCode?: string; name?: string; message?: string };
  const code = e.errorCode ?? e.name ?? '';
  const detail = `${code ? `${code}: ` : ''}${e.message ?? String(error)}`;
  if (code === 'GONE') {
    return new SalesforceError(
      'query',
      `Salesforce no longer serves the API version catalog-sync calls while ${doing} (${detail}): it answers 410 for a retired version. Set SF_API_VERSION (or salesforce.apiVersion in the config file) to a version the org lists at /services/data, e.g. 62.0.`,
    );
  }
  if (AUTH_CODES.has(code)) {
    return new SalesforceError(
      'auth',
      `Salesforce refused the credentials while ${doing} (${detail}). ${authAdvice(code, e.message)}`,
    );
  }
  if (code === 'REQUEST_LIMIT_EXCEEDED') {
    return new SalesforceError(
      'limit',
      `Salesforce's daily API limit is spent (${detail}). The allocation is a rolling 24 hours: calls free up as those made a day ago age out (Setup > Company Information shows the usage). catalog-sync stops this run and tries again on its next one.`,
      detail,
    );
  }
  if (
    code === 'INVALID_FIELD' ||
    code === 'MALFORMED_QUERY' ||
    code === 'INVALID_TYPE' ||
    code === 'INVALID_QUERY_FILTER_OPERATOR'
  ) {
    return new SalesforceError(
      'query',
      `Salesforce refused the query while ${doing} (${detail}). ${queryAdvice(detail)}`,
    );
  }
  return new SalesforceError('unavailable', `cannot reach Salesforce while ${doing}: ${detail}`);
}
