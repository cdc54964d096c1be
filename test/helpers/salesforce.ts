import jsforce from 'jsforce';
import { fetchAnswer } from './http.js';
import {
  startSalesforceSandbox,
  type SalesforceSandbox,
  type SalesforceSandboxOptions,
} from '../../src/sandbox/salesforce/server.js';

export type Connection = InstanceType<typeof jsforce.Connection>;

export const API_VERSION = '62.0';

export async function withSalesforce(options: SalesforceSandboxOptions = {}): Promise<SalesforceSandbox> {
  return startSalesforceSandbox(options);
}

/**
 * A real jsforce connection set up as the daemon sets it up: OAuth client credentials, and a
 * refreshFn that authorizes again (jsforce cannot refresh a client-credentials session itself).
 * `refreshes` counts how often jsforce called it.
 */
export function clientCredentialsConnection(
  sf: SalesforceSandbox,
  version = API_VERSION,
): Connection & { refreshes: number } {
  const conn = new jsforce.Connection({
    loginUrl: sf.loginUrl,
    version,
    oauth2: { clientId: sf.credentials.clientId, clientSecret: sf.credentials.clientSecret, loginUrl: sf.loginUrl },
    refreshFn: (c, callback) => {
      counted.refreshes++;
      c.authorize({ grant_type: 'client_credentials' }).then(
        () => callback(null, c.accessToken ?? undefined),
        (error: Error) => callback(error),
      );
    },
  });
  const counted = Object.assign(conn, { refreshes: 0 });
  return counted;
}

export async function connect(sf: SalesforceSandbox, version = API_VERSION) {
  const conn = clientCredentialsConnection(sf, version);
  await conn.authorize({ grant_type: 'client_credentials' });
  return conn;
}

/** A raw HTTP call with fetch, for what jsforce hides (status codes, headers, exact bodies). */
export async function call(
  sf: SalesforceSandbox,
  path: string,
  init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  if (init.body !== undefined && typeof init.body !== 'string') headers['Content-Type'] = 'application/json';
  return fetchAnswer(`${sf.instanceUrl}${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body !== undefined ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) } : {}),
  });
}

/** The error a jsforce promise rejected with (fails the test when it resolved). */
export async function rejection(promise: PromiseLike<unknown>): Promise<Error & { errorCode?: string; data?: any }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { errorCode?: string; data?: any };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** A clock tests move by hand: token expiry, SystemModstamp and cursor expiry without waiting. */
export function manualClock(start = Date.UTC(2025, 2, 3, 10, 0, 0)) {
  let now = start;
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
    get ms() {
      return now;
    },
  };
}
