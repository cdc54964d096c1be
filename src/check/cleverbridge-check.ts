import type { CleverbridgeClient } from '../cleverbridge/client.js';
import { CleverbridgeError } from '../cleverbridge/errors.js';
import { CLEVERBRIDGE_MAX_CONCURRENCY, CLEVERBRIDGE_RATE_LIMIT, type Settings } from '../config/settings.js';
import { failed, ok, skipped, warning, type CheckResult } from './check-result.js';

/** The configured pace against the documented limit; at the limit itself any other client on the IP tips it over. */
export function checkRate(cb: Settings['cleverbridge']): CheckResult {
  const detail = `${cb.requestsPerSecond} requests per second, ${cb.concurrency} at a time (cleverbridge allows ${CLEVERBRIDGE_RATE_LIMIT} per second per IP address, at most ${CLEVERBRIDGE_MAX_CONCURRENCY} at a time)`;
  if (cb.requestsPerSecond > CLEVERBRIDGE_RATE_LIMIT || cb.concurrency > CLEVERBRIDGE_MAX_CONCURRENCY)
    return failed('cleverbridge.rate', detail, [
      `set cleverbridge.requestsPerSecond to at most ${CLEVERBRIDGE_RATE_LIMIT} and cleverbridge.concurrency to at most ${CLEVERBRIDGE_MAX_CONCURRENCY}`,
    ]);
  if (cb.requestsPerSecond === CLEVERBRIDGE_RATE_LIMIT)
    return warning('cleverbridge.rate', detail, [
      'at the limit itself: any other API client on the same IP address pushes it into 429s, which block for a minute; 25 leaves headroom',
    ]);
  return ok('cleverbridge.rate', detail);
}

const CREDENTIALS_FIX =
  'check CB_USERNAME and CB_PASSWORD (the API user, not a login of the web interface); not retried: three failed logins lock the user out';

/**
 * The endpoint, the credentials and the client id. The credentials are tried with one request,
 * never retried after a 401; the client id is asked only once they work.
 */
export async function checkCleverbridge(
  client: CleverbridgeClient,
  cb: Settings['cleverbridge'],
): Promise<CheckResult[]> {
  try {
    await client.ping();
  } catch (error) {
    const e = error as CleverbridgeError;
    if (e instanceof CleverbridgeError && e.kind === 'auth')
      return [
        ok('cleverbridge.endpoint', `${cb.url} answers`),
        failed('cleverbridge.credentials', `${e.code}: cleverbridge refused ${cb.username} (HTTP 401)`, [
          CREDENTIALS_FIX,
        ]),
        skipped('cleverbridge.clientId', 'needs working credentials'),
      ];
    return [
      failed('cleverbridge.endpoint', `${e.code ?? 'CB_UNAVAILABLE'}: ${e.message}`, [
        'check CB_GRAPHQL_URL (https://graph.cleverbridge.com/graphql) and that this machine reaches it',
      ]),
      skipped('cleverbridge.credentials', 'needs an endpoint that answers'),
      skipped('cleverbridge.clientId', 'needs an endpoint that answers'),
    ];
  }
  const answered = [
    ok('cleverbridge.endpoint', `${cb.url} answers`),
    ok('cleverbridge.credentials', `${cb.username} accepted`),
  ];
  try {
    const count = await client.productCount();
    return [...answered, ok('cleverbridge.clientId', `client ${cb.clientId} has ${count} product(s)`)];
  } catch (error) {
    return [
      ...answered,
      failed('cleverbridge.clientId', `client ${cb.clientId}: ${(error as Error).message}`, [
        `check CB_CLIENT_ID: ${cb.username} may not see client ${cb.clientId}`,
      ]),
    ];
  }
}
