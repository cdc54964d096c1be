import type { CleverbridgeSandbox } from './cleverbridge/server.js';
import { SHIELDWARE_CLIENT_ID } from './shieldware-ids.js';
import type { SalesforceSandbox } from './salesforce/server.js';

/** The environment that points catalog-sync at both sandboxes (their first app, user and client). */
export function sandboxEnv(sf: SalesforceSandbox, cb: CleverbridgeSandbox): Record<string, string> {
  return { ...salesforceEnv(sf), ...cleverbridgeEnv(cb) };
}

/** The Salesforce half of sandboxEnv: the sandbox's login URL and its first connected app. */
export function salesforceEnv(sf: SalesforceSandbox): Record<string, string> {
  return {
    SF_LOGIN_URL: sf.loginUrl,
    SF_CLIENT_ID: sf.credentials.clientId,
    SF_CLIENT_SECRET: sf.credentials.clientSecret,
    SF_API_VERSION: sf.apiVersion,
  };
}

/** The cleverbridge half of sandboxEnv: the sandbox's endpoint, its first user and client. */
export function cleverbridgeEnv(cb: CleverbridgeSandbox): Record<string, string> {
  const user = cb.users[0]!;
  return {
    CB_GRAPHQL_URL: cb.graphqlUrl,
    CB_USERNAME: user.username,
    CB_PASSWORD: user.password,
    CB_CLIENT_ID: String(SHIELDWARE_CLIENT_ID),
  };
}
