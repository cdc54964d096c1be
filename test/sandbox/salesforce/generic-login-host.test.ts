import jsforce from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SalesforceSandbox } from '../../../src/sandbox/salesforce/server.js';
import { API_VERSION, call, clientCredentialsConnection, rejection, withSalesforce } from '../../helpers/salesforce.js';

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  body: new URLSearchParams(fields).toString(),
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
});

const NOT_ON_THIS_DOMAIN = { error: 'invalid_grant', error_description: 'request not supported on this domain' };

describe('Salesforce sandbox as a generic login host (login.salesforce.com, test.salesforce.com)', () => {
  let sf: SalesforceSandbox;
  beforeAll(async () => {
    sf = await withSalesforce({ seed: 'empty', genericLoginHost: true });
  });
  afterAll(() => sf.close());

  it('refuses the client credentials grant: invalid_grant, request not supported on this domain', async () => {
    const { clientId, clientSecret } = sf.credentials;
    const r = await call(
      sf,
      '/services/oauth2/token',
      form({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
    );
    expect({ status: r.status, body: r.json }).toEqual({ status: 400, body: NOT_ON_THIS_DOMAIN });
    const failure = await rejection(clientCredentialsConnection(sf).authorize({ grant_type: 'client_credentials' }));
    expect([failure.name, failure.message]).toEqual(['invalid_grant', 'request not supported on this domain']);
  });

  it('still answers the OAuth password flow and SOAP login, as the generic hosts do', async () => {
    const { clientId, clientSecret, username, password } = sf.credentials;
    const oauth = new jsforce.Connection({
      loginUrl: sf.loginUrl,
      version: API_VERSION,
      oauth2: { clientId, clientSecret, loginUrl: sf.loginUrl },
    });
    expect((await oauth.login(username, password)).organizationId).toBe(sf.org.orgId);
    const soap = new jsforce.Connection({ loginUrl: sf.loginUrl, version: API_VERSION });
    expect((await soap.login(username, password)).organizationId).toBe(sf.org.orgId);
    expect((await soap.query('SELECT Id FROM Pricebook2')).totalSize).toBe(1);
  });

  it('switches at run time: as My Domain the same request gets a token, and back', async () => {
    const { clientId, clientSecret } = sf.credentials;
    const request = form({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
    try {
      sf.genericLoginHost = false;
      const myDomain = await call(sf, '/services/oauth2/token', request);
      expect(myDomain.status).toBe(200);
      expect(myDomain.json.access_token).toBeTruthy();
    } finally {
      sf.genericLoginHost = true;
    }
    const generic = await call(sf, '/services/oauth2/token', request);
    expect({ status: generic.status, body: generic.json }).toEqual({ status: 400, body: NOT_ON_THIS_DOMAIN });
  });

  it('is off by default: the sandbox plays the org’s My Domain', async () => {
    const myDomain = await withSalesforce({ seed: 'empty' });
    try {
      expect(myDomain.genericLoginHost).toBe(false);
      const conn = clientCredentialsConnection(myDomain);
      await conn.authorize({ grant_type: 'client_credentials' });
      expect(conn.accessToken).toBeTruthy();
    } finally {
      await myDomain.close();
    }
  });
});
