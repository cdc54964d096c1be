import type { IncomingMessage } from 'node:http';
import { readBody } from '../../../lib/http-server.js';
import { sameSecret, SessionManager, type SandboxUser } from './sessions.js';

export interface OAuthAnswer {
  status: number;
  body: unknown;
  operation: { kind: string; ok: boolean };
}

const oauthError = (error: string, description: string, status = 400): OAuthAnswer => ({
  status,
  body: { error, error_description: description },
  operation: { kind: 'oauth:token', ok: false },
});

/** Client id and secret from the form, or from an `Authorization: Basic` header. */
function clientCredentials(req: IncomingMessage, form: URLSearchParams): { id: string | null; secret: string | null } {
  const header = req.headers.authorization ?? '';
  if (/^basic /i.test(header)) {
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0)
      return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  }
  return { id: form.get('client_id'), secret: form.get('client_secret') };
}

/**
 * Which host the token endpoint plays. `generic`: a shared login host (login.salesforce.com,
 * test.salesforce.com), which refuses the client credentials flow, as it names no org; the
 * other grants work there. Otherwise the org's My Domain, where every grant works.
 */
export interface LoginHost {
  readonly generic: boolean;
}

/**
 * POST /services/oauth2/token for the client_credentials, password and refresh_token grants.
 * Errors are `{error, error_description}` with HTTP 400, as Salesforce answers them.
 */
export async function handleTokenRequest(
  req: IncomingMessage,
  sessions: SessionManager,
  instanceUrl: string,
  host: LoginHost,
): Promise<OAuthAnswer> {
  if (req.method !== 'POST') return oauthError('invalid_request', 'must use HTTP POST', 405);
  const form = new URLSearchParams((await readBody(req, 64 * 1024)).toString('utf8'));
  const grant = form.get('grant_type');
  if (grant !== 'client_credentials' && grant !== 'password' && grant !== 'refresh_token') {
    return oauthError('unsupported_grant_type', 'grant type not supported');
  }
  // Before the client is looked up: a generic host cannot tell which org's app it is.
  if (grant === 'client_credentials' && host.generic)
    return oauthError('invalid_grant', 'request not supported on this domain');
  const client = clientCredentials(req, form);
  const app = client.id ? sessions.app(client.id) : undefined;
  if (!app) return oauthError('invalid_client_id', 'client identifier invalid');
  // The refresh flow may omit the secret; the other two must present the right one.
  const secretRequired = grant !== 'refresh_token' || client.secret !== null;
  if (secretRequired && !sameSecret(client.secret ?? '', app.clientSecret))
    return oauthError('invalid_client', 'invalid client credentials');

  let user: SandboxUser | null | undefined;
  if (grant === 'client_credentials') {
    if (app.runAs === null) return oauthError('invalid_grant', 'no client credentials user enabled');
    user = sessions.user(app.runAs);
  } else if (grant === 'password') {
    user = sessions.login(form.get('username') ?? '', form.get('password') ?? '');
    if (!user) return oauthError('invalid_grant', 'authentication failure');
  } else {
    user = sessions.redeemRefreshToken(form.get('refresh_token') ?? '', app.clientId);
    if (!user) return oauthError('invalid_grant', 'expired access/refresh token');
  }
  const { token, issuedAt } = sessions.issueAccessToken(user as SandboxUser, app.clientId);
  const id = `${instanceUrl}/id/${sessions.orgId}/${(user as SandboxUser).id}`;
  return {
    status: 200,
    body: {
      access_token: token,
      signature: SessionManager.signature(id, issuedAt, app.clientSecret),
      scope: 'api',
      instance_url: instanceUrl,
      id,
      token_type: 'Bearer',
      issued_at: String(issuedAt),
    },
    operation: { kind: 'oauth:token', ok: true },
  };
}

/** POST /services/oauth2/revoke: ends an access token or a refresh token. */
export async function handleRevokeRequest(req: IncomingMessage, sessions: SessionManager): Promise<OAuthAnswer> {
  if (req.method !== 'POST') return oauthError('invalid_request', 'must use HTTP POST', 405);
  const form = new URLSearchParams((await readBody(req, 64 * 1024)).toString('utf8'));
  const revoked = sessions.revoke(form.get('token') ?? '');
  return revoked
    ? { status: 200, body: undefined, operation: { kind: 'oauth:revoke', ok: true } }
    : oauthError('unsupported_token_type', 'this token type is not supported');
}
