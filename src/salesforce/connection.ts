import jsforce from 'jsforce';
import type { Settings } from '../config/settings.js';
import { classifySalesforceError } from './errors.js';

export type SfConnection = InstanceType<typeof jsforce.Connection>;

/**
 * A jsforce connection with the API version pinned (jsforce's default, 50.0, is old), OAuth 2.0
 * client credentials (or the username-password flow when SF_USERNAME is set), and a refreshFn
 * that logs in again: jsforce cannot refresh such a session by itself.
 */
export async function connectSalesforce(settings: Settings['salesforce']): Promise<SfConnection> {
  const login = (conn: SfConnection) =>
    settings.username
      ? conn.login(settings.username, settings.password ?? '')
      : conn.authorize({ grant_type: 'client_credentials' });
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
  try {
    await login(conn);
  } catch (error) {
    throw classifySalesforceError(error, 'logging in');
  }
  return conn;
}
