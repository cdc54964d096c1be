import { createHmac } from 'node:crypto';
import jsforce from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SalesforceSandbox } from '../../../src/sandbox/salesforce/server.js';
import {
  API_VERSION,
  call,
  clientCredentialsConnection,
  connect,
  manualClock,
  rejection,
  withSalesforce,
} from '../../helpers/salesforce.js';

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  body: new URLSearchParams(fields).toString(),
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
});

describe('Salesforce sandbox authentication', () => {
  const clock = manualClock();
  let sf: SalesforceSandbox;
  beforeAll(async () => {
    sf = await withSalesforce({ seed: 'empty', tokenTtlMs: 60_000, now: clock.now });
  });
  afterAll(() => sf.close());

  it('answers the client credentials flow with Salesforce’s token response', async () => {
    const { clientId, clientSecret } = sf.credentials;
    const r = await call(
      sf,
      '/services/oauth2/token',
      form({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
    );
    expect(r.status).toBe(200);
    const integration = sf.sessions.user(sf.credentials.username);
    expect(r.json).toMatchObject({ instance_url: sf.instanceUrl, token_type: 'Bearer', scope: 'api' });
    expect(r.json.id).toBe(`${sf.loginUrl}/id/${sf.org.orgId}/${integration?.id}`);
    expect(r.json.issued_at).toBe(String(clock.ms));
    expect(r.json.access_token).toMatch(new RegExp(`^${sf.org.orgId.slice(0, 15)}!`));
    expect(r.json.signature).toBe(
      createHmac('sha256', clientSecret).update(`${r.json.id}${r.json.issued_at}`).digest('base64'),
    );
    expect(r.json.refresh_token).toBeUndefined();
  });

  it('refuses bad clients, secrets, grants and passwords with {error, error_description}', async () => {
    const { clientId, clientSecret, username } = sf.credentials;
    const cases: Array<[Record<string, string>, string, string]> = [
      [
        { grant_type: 'client_credentials', client_id: 'nope', client_secret: clientSecret },
        'invalid_client_id',
        'client identifier invalid',
      ],
      [
        { grant_type: 'client_credentials', client_id: clientId, client_secret: 'wrong' },
        'invalid_client',
        'invalid client credentials',
      ],
      [
        { grant_type: 'authorization_code', client_id: clientId, client_secret: clientSecret },
        'unsupported_grant_type',
        'grant type not supported',
      ],
      [
        { grant_type: 'password', client_id: clientId, client_secret: clientSecret, username, password: 'wrong' },
        'invalid_grant',
        'authentication failure',
      ],
      [
        { grant_type: 'refresh_token', client_id: clientId, refresh_token: 'forged' },
        'invalid_grant',
        'expired access/refresh token',
      ],
    ];
    for (const [fields, error, description] of cases) {
      const r = await call(sf, '/services/oauth2/token', form(fields));
      expect({ status: r.status, body: r.json }).toEqual({
        status: 400,
        body: { error, error_description: description },
      });
    }
    const conn = new jsforce.Connection({
      loginUrl: sf.loginUrl,
      oauth2: { clientId, clientSecret: 'wrong', loginUrl: sf.loginUrl },
    });
    const failure = await rejection(conn.authorize({ grant_type: 'client_credentials' }));
    expect(failure.name).toBe('invalid_client');
  });

  it('checks the bearer token on every data call', async () => {
    const missing = await call(sf, `/services/data/v${API_VERSION}/limits`);
    expect(missing.status).toBe(401);
    expect(missing.json).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    const forged = await call(sf, `/services/data/v${API_VERSION}/limits`, {
      token: `${sf.org.orgId.slice(0, 15)}!forged`,
    });
    expect(forged.status).toBe(401);
  });

  it('lets jsforce renew an expired client-credentials token through its refreshFn', async () => {
    const conn = await connect(sf);
    const first = conn.accessToken;
    await conn.query('SELECT Id FROM Pricebook2');
    clock.advance(61_000);
    const answer = await conn.query<{ Name: string }>('SELECT Name FROM Pricebook2');
    expect(answer.records.map((r) => r.Name)).toEqual(['Standard Price Book']);
    expect(conn.refreshes).toBe(1);
    expect(conn.accessToken).not.toBe(first);
    const statuses = sf.log
      .entries()
      .filter((e) => e.path.endsWith('/query'))
      .map((e) => e.status);
    expect(statuses.slice(-3)).toEqual([200, 401, 200]);
  });

  it('renews after the org expires every session, once for concurrent calls', async () => {
    const conn = await connect(sf);
    await call(sf, '/__sandbox/expire-sessions', { method: 'POST' });
    const results = await Promise.all([conn.query('SELECT Id FROM Pricebook2'), conn.query('SELECT Id FROM Product2')]);
    expect(results.map((r) => r.done)).toEqual([true, true]);
    expect(conn.refreshes).toBe(1);
  });

  it('serves the refresh_token grant through jsforce’s own OAuth refresh', async () => {
    const { clientId, clientSecret, username } = sf.credentials;
    const refreshToken = sf.sessions.issueRefreshToken(username, clientId);
    const conn = new jsforce.Connection({
      oauth2: { clientId, clientSecret, loginUrl: sf.loginUrl },
      instanceUrl: sf.instanceUrl,
      refreshToken,
      version: API_VERSION,
    });
    const answer = await conn.query('SELECT Id FROM Pricebook2');
    expect(answer.totalSize).toBe(1);
    expect(conn.accessToken).toBeTruthy();

    const revoked = new jsforce.Connection({
      oauth2: { clientId, clientSecret, loginUrl: sf.loginUrl },
      instanceUrl: sf.instanceUrl,
      refreshToken: 'forged',
      version: API_VERSION,
    });
    const failure = await rejection(revoked.query('SELECT Id FROM Pricebook2'));
    expect(failure.message).toContain('expired access/refresh token');
  });

  it('logs in with the OAuth password flow when jsforce has client settings', async () => {
    const { clientId, clientSecret, username, password } = sf.credentials;
    const conn = new jsforce.Connection({
      loginUrl: sf.loginUrl,
      version: API_VERSION,
      oauth2: { clientId, clientSecret, loginUrl: sf.loginUrl },
    });
    const info = await conn.login(username, password);
    expect(info.organizationId).toBe(sf.org.orgId);
    expect((await conn.identity()).username).toBe(username);
  });

  it('revokes an OAuth token on logout, and refuses identity to a stale token', async () => {
    const conn = await connect(sf);
    const token = conn.accessToken as string;
    const idPath = new URL(conn.userInfo?.url as string).pathname;
    expect((await call(sf, `${idPath}?format=json`, { token })).json.user_id).toBe(conn.userInfo?.id);
    await conn.logout();
    expect((await call(sf, `/services/data/v${API_VERSION}/limits`, { token })).status).toBe(401);
    const refused = await call(sf, `${idPath}?oauth_token=${encodeURIComponent(token)}`);
    expect([refused.status, refused.text]).toEqual([403, 'Bad_OAuth_Token']);
  });

  it('answers SOAP login and logout, which conn.login uses without OAuth settings', async () => {
    const { username, password } = sf.credentials;
    const conn = new jsforce.Connection({ loginUrl: sf.loginUrl, version: API_VERSION });
    const info = await conn.login(username, password);
    expect(info.organizationId).toBe(sf.org.orgId);
    expect(conn.instanceUrl).toBe(sf.instanceUrl);
    expect((await conn.query('SELECT Id FROM Pricebook2')).totalSize).toBe(1);
    const sessionId = conn.accessToken as string;
    await conn.logout();
    const stale = await call(sf, `/services/data/v${API_VERSION}/limits`, { token: sessionId });
    expect(stale.status).toBe(401);

    const wrong = new jsforce.Connection({ loginUrl: sf.loginUrl, version: API_VERSION });
    const failure = await rejection(wrong.login(username, 'wrong'));
    expect(failure.message).toBe('INVALID_LOGIN: Invalid username, password, security token; or user locked out.');
  });

  it('refuses the client credentials flow for an app without a run-as user', async () => {
    const other = await withSalesforce({
      seed: 'empty',
      clients: [{ clientId: 'no-user', clientSecret: 's', runAs: null }],
    });
    try {
      const conn = clientCredentialsConnection(other);
      conn.oauth2.clientId = 'no-user';
      conn.oauth2.clientSecret = 's';
      const failure = await rejection(conn.authorize({ grant_type: 'client_credentials' }));
      expect([failure.name, failure.message]).toEqual(['invalid_grant', 'no client credentials user enabled']);
    } finally {
      await other.close();
    }
  });
});
