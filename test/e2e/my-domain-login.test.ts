import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/daemon-process.js';
import { startWorld, type World } from '../helpers/world.js';

const tokenRequests = (world: World) => world.sf.log.entries().filter((e) => e.path === '/services/oauth2/token');

describe('catalog-sync sync with SF_LOGIN_URL on a generic login host', () => {
  let world: World;
  afterEach(() => world.close());

  it('issue 14 item 6: exits 1 naming SF_LOGIN_URL and My Domain, after one token request', async () => {
    world = await startWorld({ sf: { genericLoginHost: true }, cb: { seed: 'empty' } });
    const run = runCli(world, ['sync']);
    const code = await run.exit;
    const output = run.output();
    // EXIT.error: the connection failed (SF_AUTH_FAILED, which the retry table stops on).
    expect(code, output).toBe(1);
    expect(output).toContain('Salesforce refused the credentials while logging in');
    expect(output).toContain('invalid_grant: request not supported on this domain');
    expect(output).toContain("The OAuth 2.0 client credentials flow works only on the org's My Domain login URL");
    expect(output).toContain('set SF_LOGIN_URL to it, e.g. https://<your-domain>.my.salesforce.com');
    expect(tokenRequests(world).map((e) => e.status)).toEqual([400]);
    expect(world.cb.log.entries()).toEqual([]);
  });

  it('the same deployment syncs once the login URL is the org’s My Domain', async () => {
    world = await startWorld({ sf: { genericLoginHost: true }, cb: { seed: 'empty' } });
    world.sf.genericLoginHost = false;
    const run = runCli(world, ['sync', '--json']);
    expect(await run.exit, run.output()).toBe(0);
    expect(tokenRequests(world).map((e) => e.status)).toEqual([200]);
  });
});
