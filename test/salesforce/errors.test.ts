import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Settings } from '../../src/config/settings.js';
import type { SalesforceSandbox } from '../../src/sandbox/salesforce/server.js';
import { connectSalesforce } from '../../src/salesforce/connection.js';
import { classifySalesforceError, SalesforceError } from '../../src/salesforce/errors.js';
import { API_VERSION, rejection, withSalesforce } from '../helpers/salesforce.js';

/** An OAuth refusal as jsforce throws it: the `error` as name, the `error_description` as message. */
const oauthRefusal = (error: string, description: string) => Object.assign(new Error(description), { name: error });

const MY_DOMAIN_ADVICE = /client credentials flow works only on the org's My Domain login URL/;

describe('classifySalesforceError: a refused login', () => {
  it('sends a client-credentials login on a generic host to SF_LOGIN_URL and My Domain', () => {
    const e = classifySalesforceError(
      oauthRefusal('invalid_grant', 'request not supported on this domain'),
      'logging in',
    );
    expect(e).toBeInstanceOf(SalesforceError);
    expect([e.kind, e.code]).toEqual(['auth', 'SF_AUTH_FAILED']);
    expect(e.message).toContain('(invalid_grant: request not supported on this domain)');
    expect(e.message).toMatch(MY_DOMAIN_ADVICE);
    expect(e.message).toContain('set SF_LOGIN_URL');
    expect(e.message).toContain('https://<your-domain>.my.salesforce.com');
    expect(e.message).not.toContain('Check SF_CLIENT_ID');
  });

  it('keeps the credentials advice for every other refusal, invalid_grant included', () => {
    const refusals = [
      oauthRefusal('invalid_grant', 'no client credentials user enabled'),
      oauthRefusal('invalid_grant', 'authentication failure'),
      oauthRefusal('invalid_client', 'invalid client credentials'),
      // The same words under another error code are not the generic host's answer.
      oauthRefusal('invalid_client_id', 'request not supported on this domain'),
    ];
    for (const refusal of refusals) {
      const e = classifySalesforceError(refusal, 'logging in');
      expect(e.code).toBe('SF_AUTH_FAILED');
      expect(e.message).toContain('Check SF_CLIENT_ID, SF_CLIENT_SECRET and the connected app.');
      expect(e.message).not.toMatch(MY_DOMAIN_ADVICE);
    }
  });
});

describe('connectSalesforce on a generic login host (the sandbox playing login.salesforce.com)', () => {
  let sf: SalesforceSandbox;
  const settings = (over: Partial<Settings['salesforce']> = {}): Settings['salesforce'] => ({
    loginUrl: sf.loginUrl,
    clientId: sf.credentials.clientId,
    clientSecret: sf.credentials.clientSecret,
    username: null,
    password: null,
    apiVersion: API_VERSION,
    ...over,
  });
  beforeAll(async () => {
    sf = await withSalesforce({ seed: 'empty', genericLoginHost: true });
  });
  afterAll(() => sf.close());

  it('fails client credentials with SF_AUTH_FAILED naming SF_LOGIN_URL, after one token request', async () => {
    sf.log.reset();
    const waits: number[] = [];
    const failure = await rejection(
      connectSalesforce(settings(), async (ms) => {
        waits.push(ms);
      }),
    );
    expect((failure as SalesforceError).code).toBe('SF_AUTH_FAILED');
    expect(failure.message).toMatch(MY_DOMAIN_ADVICE);
    expect(failure.message).toContain('SF_LOGIN_URL');
    expect(waits).toEqual([]);
    expect(sf.log.entries().filter((e) => e.path === '/services/oauth2/token')).toHaveLength(1);
  });

  it('logs in with the username-password flow there, as the generic hosts allow', async () => {
    const { username, password } = sf.credentials;
    const conn = await connectSalesforce(settings({ username, password }));
    expect(conn.accessToken).toBeTruthy();
    expect((await conn.query('SELECT Id FROM Pricebook2')).totalSize).toBe(1);
  });
});
