import jsforce from 'jsforce';
import type { Settings } from '../config/settings.js';
import { sleep, withRetries, type Sleep } from '../sync/retry-policy.js';
import { classifySalesforceError } from './errors.js';

export type SfConnection = InstanceType<typeof jsforce.Connection>;

/**
 * A jsforce connection with the API version pinned (jsforce's default, 50.0, is old), OAuth 2.0
 * client credentials (or the username-password flow when SF_USERNAME is set), and a refreshFn
 * that logs in again: jsforce cannot refresh such a session by itself. A login Salesforce does
 * not answer is retried per the retry table; a refused one is not.
 */
export async function connectSalesforce(settings: Settings['salesforce'], wait: Sleep = sleep): Promise<SfConnection> {
  const login = (conn: SfConnection) => logIn(conn, settings);
  const conn = new jsforce.Connection({
    loginUrl: settings.loginUrl,
    version: settings.apiVersion,
    oauth2: { clientId: settings.clientId, clientSecret: settings.clientSecret, loginUrl: settings.loginUrl },
    refreshFn: (c, callback) => {
      login(c).then(
        () => callback(null, c.accessToken ?? undefined),
        (error: Error) => callback(error),
      );
    },
  });
  await withRetries(
    () => login(conn).catch((error: unknown) => Promise.reject(classifySalesforceError(error, 'logging in'))),
    wait,
  );
  return conn;
}

/**
 * A new session for `conn`, as its refreshFn gets one: the streaming client, which takes the
 * token as it is when it is made, needs one when Salesforce refuses the session it had.
 */
export const logIn = (conn: SfConnection, settings: Settings['salesforce']): Promise<unknown> =>
  settings.username
    ? conn.login(settings.username, settings.password ?? '')
    : conn.authorize({ grant_type: 'client_credentials' });
