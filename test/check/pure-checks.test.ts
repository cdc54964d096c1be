import { describe, expect, it } from 'vitest';
import { renderChecks, failed, ok, skipped, warning } from '../../src/check/check-result.js';
import { checkRate } from '../../src/check/cleverbridge-check.js';
import { genericLoginHost } from '../../src/check/salesforce-access-check.js';
import type { Settings } from '../../src/config/settings.js';

const cb = (over: Partial<Settings['cleverbridge']>): Settings['cleverbridge'] => ({
  url: 'https://graph.cleverbridge.com/graphql',
  username: 'api',
  password: 'secret',
  clientId: 864,
  batchSize: 50,
  requestsPerSecond: 25,
  concurrency: 4,
  timeoutMs: 60_000,
  ...over,
});

const sf = (loginUrl: string, username: string | null = null): Settings['salesforce'] => ({
  loginUrl,
  clientId: 'id',
  clientSecret: 'secret',
  username,
  password: username ? 'pw' : null,
  apiVersion: '62.0',
});

describe('the checks that need no network', () => {
  it('judges the cleverbridge pace against the documented 30 per second and 4 at a time', () => {
    expect(checkRate(cb({})).status).toBe('ok');
    expect(checkRate(cb({ requestsPerSecond: 29.5 })).status).toBe('ok');
    expect(checkRate(cb({ requestsPerSecond: 30 }))).toMatchObject({ status: 'warning' });
    expect(checkRate(cb({ requestsPerSecond: 31 })).fix[0]).toMatch(/cleverbridge.requestsPerSecond to at most 30/);
    expect(checkRate(cb({ concurrency: 5 })).status).toBe('failed');
  });

  it('fails client credentials on a login host all orgs share, and only then', () => {
    for (const url of ['https://login.salesforce.com', 'https://test.salesforce.com/'])
      expect(genericLoginHost(sf(url))?.fix[0]).toMatch(/^set SF_LOGIN_URL to the org’s My Domain login URL/);
    expect(genericLoginHost(sf('https://login.salesforce.com', 'integration@shieldware.com'))).toBeNull();
    expect(genericLoginHost(sf('https://shieldware.my.salesforce.com'))).toBeNull();
  });

  it('renders one line per check, the things to change under it, and the counts', () => {
    const lines = renderChecks([
      ok('configuration', 'valid'),
      warning('salesforce.apiUsage', '85%', ['wait']),
      failed('cleverbridge.credentials', '401', ['check CB_PASSWORD']),
      skipped('cleverbridge.clientId', 'needs working credentials'),
    ]);
    expect(lines).toEqual([
      'ok       configuration             valid',
      'warning  salesforce.apiUsage       85%',
      '                                   - wait',
      'failed   cleverbridge.credentials  401',
      '                                   - check CB_PASSWORD',
      'skipped  cleverbridge.clientId     not checked: needs working credentials',
      '',
      '1 ok, 1 warning(s), 1 failed, 1 not checked.',
    ]);
  });
});
