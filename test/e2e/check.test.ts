import { afterEach, describe, expect, it } from 'vitest';
import { anyFailed, type CheckResult } from '../../src/check/check-result.js';
import { runChecks } from '../../src/check/run-checks.js';
import { configure } from '../../src/cli/runtime.js';
import { killDaemon, runCli, startDaemonProcess, type DaemonProcess } from '../helpers/daemon-process.js';
import { startWorld, type World } from '../helpers/world.js';

type Options = Parameters<typeof startWorld>[0];

const byNameOf = (checks: CheckResult[]) => Object.fromEntries(checks.map((c) => [c.name, c]));

/** Runs `catalog-sync check --json` against a world: its exit code and checks by name. */
async function checkCli(world: World, env: Record<string, string> = {}) {
  const run = runCli(world, ['check', '--json'], env);
  const code = await run.exit;
  const report = JSON.parse(run.output()) as { ok: boolean; checks: CheckResult[] };
  return { code, report, byName: byNameOf(report.checks) };
}

/**
 * The same checks in this process (the command's own configure and runChecks, the environment
 * the CLI would see), so that each case does not pay a process start.
 */
async function check(world: World, env: Record<string, string> = {}) {
  const checks = await runChecks(configure({ ...process.env, ...world.env, LOG_LEVEL: 'silent', ...env }));
  return { code: anyFailed(checks) ? 1 : 0, byName: byNameOf(checks) };
}

const statuses = (checks: CheckResult[]) => Object.fromEntries(checks.map((c) => [c.name, c.status]));

describe('catalog-sync check', () => {
  let world: World;
  afterEach(() => world.close());
  const start = async (options: Options = {}) => (world = await startWorld({ cb: { seed: 'empty' }, ...options }));

  it('passes every check on a deployment that fits, exit 0, one line per check', async () => {
    await start();
    const { code, report } = await checkCli(world);
    expect(code).toBe(0);
    expect(report.ok).toBe(true);
    expect(statuses(report.checks)).toEqual({
      configuration: 'ok',
      'salesforce.loginUrl': 'ok',
      'salesforce.login': 'ok',
      'salesforce.apiVersion': 'ok',
      'salesforce.fields': 'ok',
      'salesforce.writeBack': 'ok',
      'salesforce.translations': 'ok',
      'salesforce.priceBook': 'ok',
      'salesforce.tiers': 'ok',
      'salesforce.apiUsage': 'ok',
      'cleverbridge.rate': 'ok',
      'cleverbridge.endpoint': 'ok',
      'cleverbridge.credentials': 'ok',
      'cleverbridge.clientId': 'ok',
    });
    const text = runCli(world, ['check']);
    expect(await text.exit).toBe(0);
    const lines = text.output().trim().split('\n');
    expect(lines.filter((l) => /^ok +(configuration|salesforce\.|cleverbridge\.)/.test(l))).toHaveLength(14);
    expect(lines.at(-1)).toBe('14 ok, 0 warning(s), 0 failed, 0 not checked.');
    // Read only: nothing was written on either side.
    expect(world.cb.log.entries().every((e) => e.operations.every((o) => !o.kind.startsWith('mutation')))).toBe(true);
    expect(world.sf.log.entries().every((e) => e.method === 'GET' || e.path.endsWith('/token'))).toBe(true);
  });

  it('names every invalid setting and checks nothing else, exit 1', async () => {
    await start();
    const { code, report, byName } = await checkCli(world, { SF_CLIENT_ID: '', CB_CLIENT_ID: 'abc' });
    expect(code).toBe(1);
    expect(report.checks.map((c) => c.name)).toEqual(['configuration']);
    expect(byName.configuration!.status).toBe('failed');
    expect(byName.configuration!.fix.join('\n')).toMatch(/SF_CLIENT_ID is required/);
    expect(byName.configuration!.fix.join('\n')).toMatch(/CB_CLIENT_ID/);
    expect(world.sf.log.entries()).toEqual([]);
    expect(world.cb.log.entries()).toEqual([]);
  });

  it('fails a missing write-back field, naming the setting', async () => {
    await start({ mapping: (m) => (m.writeBack!.status = 'CB_Status_Missing__c') });
    const { code, byName } = await check(world);
    expect(code).toBe(1);
    expect(byName['salesforce.writeBack']).toMatchObject({ status: 'failed' });
    expect(byName['salesforce.writeBack']!.fix).toEqual([
      'mapping.writeBack.status: Product2 has no field CB_Status_Missing__c (missing, or hidden from the integration user by field-level security)',
    ]);
    expect(byName['salesforce.fields']!.status).toBe('ok');
  });

  it('fails a mapped field the org lacks, a price book it lacks and a tier object it lacks', async () => {
    await start({
      mapping: (m) => {
        m.text.names!.languageFields = { DE: 'Name_DE__c' };
        m.price.priceBook = 'Online Shop 2031';
        m.tiers!.object = 'Volume_Tier__c';
      },
    });
    const { code, byName } = await check(world);
    expect(code).toBe(1);
    expect(byName['salesforce.fields']!.fix).toEqual([
      'mapping.text.names.languageFields.DE: Product2 has no field Name_DE__c (missing, or hidden from the integration user by field-level security)',
    ]);
    expect(byName['salesforce.priceBook']!.fix).toEqual([
      'mapping.price.priceBook: the org has no price book "Online Shop 2031"',
    ]);
    expect(byName['salesforce.tiers']).toMatchObject({
      status: 'failed',
      detail: 'Volume_Tier__c is not available to the integration user',
    });
  });

  it('fails tier fields, a tier relationship and a translated field the org lacks', async () => {
    await start({
      mapping: (m) => {
        m.tiers!.minQuantityField = 'Min_Qty__c';
        m.tiers!.relationship = 'Volume_Tiers__r';
        m.text.names!.translationField = 'Title__c';
      },
    });
    const { code, byName } = await check(world);
    expect(code).toBe(1);
    expect(byName['salesforce.tiers']!.fix).toEqual([
      'mapping.tiers.minQuantityField: Price_Tier__c has no field Min_Qty__c (missing, or hidden from the integration user by field-level security)',
      'mapping.tiers.relationship: Product2 has no child relationship Volume_Tiers__r',
    ]);
    expect(byName['salesforce.translations']!.fix).toEqual([
      'mapping.text.names.translationField: Product2DataTranslation has no field Title__c (missing, or hidden from the integration user by field-level security)',
    ]);
  });

  it('fails a mapped field the integration user may not read (field-level security)', async () => {
    await start();
    world.sf.permissions.setFieldAccess(world.sf.credentials.username, 'Product2.Family', { read: false });
    const { code, byName } = await check(world);
    expect(code).toBe(1);
    expect(byName['salesforce.fields']!.fix).toEqual([
      'mapping.fields.internalCategory: Product2 has no field Family (missing, or hidden from the integration user by field-level security)',
    ]);
  });

  it('fails a write-back field the integration user may read but not edit', async () => {
    await start();
    const user = world.sf.credentials.username;
    world.sf.permissions.setFieldAccess(user, 'Product2.Cleverbridge_Sync_Error__c', { edit: false });
    const { code, byName } = await check(world);
    expect(code).toBe(1);
    expect(byName['salesforce.writeBack']!.fix).toEqual([
      'mapping.writeBack.error: the integration user may not edit Product2.Cleverbridge_Sync_Error__c: give it edit access (field-level security)',
    ]);
    expect(byName['salesforce.fields']!.status).toBe('ok');
  });

  it('fails translations mapped while data translation is off', async () => {
    await start();
    world.sf.permissions.setDataTranslation(false);
    const { code, byName } = await check(world);
    expect(code).toBe(1);
    expect(byName['salesforce.translations']).toMatchObject({
      status: 'failed',
      detail: 'Product2DataTranslation is not available to the integration user',
    });
    expect(byName['salesforce.translations']!.fix[0]).toMatch(/^enable data translation/);
  });

  it('passes translations that are not mapped, whether data translation is on or not', async () => {
    await start({ mapping: (m) => (m.translations = {}) });
    world.sf.permissions.setDataTranslation(false);
    const { code, byName } = await check(world);
    expect(code).toBe(0);
    expect(byName['salesforce.translations']).toMatchObject({ status: 'ok', detail: 'no translations mapped' });
  });

  it('fails price books, tiers and products the integration user may not read', async () => {
    await start();
    const user = world.sf.credentials.username;
    world.sf.permissions.setObjectAccess(user, 'PricebookEntry', { read: false });
    world.sf.permissions.setObjectAccess(user, 'Price_Tier__c', { read: false });
    let { byName } = await check(world);
    expect(byName['salesforce.priceBook']).toMatchObject({
      status: 'failed',
      detail: 'PricebookEntry is not available to the integration user',
    });
    expect(byName['salesforce.tiers']).toMatchObject({
      status: 'failed',
      detail: 'Price_Tier__c is not available to the integration user',
    });
    world.sf.permissions.setObjectAccess(user, 'Product2', { read: false });
    ({ byName } = await check(world));
    expect(byName['salesforce.fields']).toMatchObject({
      status: 'failed',
      detail: 'Product2 is not available to the integration user',
    });
    expect(byName['salesforce.writeBack']!.status).toBe('skipped');
  });

  it('fails an API version the org does not serve, naming SF_API_VERSION and the versions it serves', async () => {
    await start();
    const { code, byName } = await check(world, { SF_API_VERSION: '67.0' });
    expect(code).toBe(1);
    expect(byName['salesforce.apiVersion']).toMatchObject({
      status: 'failed',
      detail: 'the org does not serve API version 67.0 (it serves 31.0 to 66.0)',
    });
    expect(byName['salesforce.apiVersion']!.fix[0]).toMatch(/^set SF_API_VERSION/);
  });

  it('warns when more than 80% of the daily API requests are used', async () => {
    await start();
    // Another integration has used 80 of the org's 100 calls; the check's own few tip it over.
    world.sf.usage.limit = 100;
    for (let i = 0; i < 80; i++) world.sf.usage.consume();
    const { code, byName } = await check(world);
    expect(code).toBe(0);
    expect(byName['salesforce.apiUsage']).toMatchObject({ status: 'warning' });
    expect(byName['salesforce.apiUsage']!.detail).toMatch(/^8\d of 100 daily API requests used \(8\d%\)$/);
  });

  it('fails when the daily API requests are spent, saying when they free up', async () => {
    await start();
    world.sf.usage.forceExceeded(Infinity);
    const { code, byName } = await check(world);
    expect(code).toBe(1);
    expect(byName['salesforce.fields']!.detail).toMatch(/REQUEST_LIMIT_EXCEEDED.*rolling 24 hours/);
    expect(byName['salesforce.writeBack']!.status).toBe('skipped');
    expect(byName['salesforce.apiUsage']).toMatchObject({
      status: 'failed',
      detail: 'Salesforce answered REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.',
    });
    expect(byName['salesforce.apiUsage']!.fix[0]).toMatch(/every run would stop at once/);
  });

  it('fails the login URL on a generic login host with client credentials, after one token request', async () => {
    await start({ sf: { genericLoginHost: true } });
    const { code, byName } = await check(world);
    expect(code).toBe(1);
    expect(byName['salesforce.loginUrl']).toMatchObject({ status: 'failed' });
    expect(byName['salesforce.loginUrl']!.fix[0]).toMatch(/^set SF_LOGIN_URL to the org’s My Domain login URL/);
    expect(byName['salesforce.login']).toMatchObject({ status: 'failed' });
    expect(byName['salesforce.fields']).toMatchObject({
      status: 'skipped',
      detail: 'not checked: needs a Salesforce login',
    });
    expect(world.sf.log.entries().map((e) => [e.path, e.status])).toEqual([['/services/oauth2/token', 400]]);
    // cleverbridge is checked all the same.
    expect(byName['cleverbridge.clientId']!.status).toBe('ok');
  });

  it('fails a refused Salesforce login with what to check, not retried', async () => {
    await start();
    const { code, byName } = await check(world, { SF_CLIENT_SECRET: 'not-the-secret' });
    expect(code).toBe(1);
    expect(byName['salesforce.login']).toMatchObject({ status: 'failed' });
    expect(byName['salesforce.login']!.detail).toMatch(/^SF_AUTH_FAILED: .*invalid_client/);
    expect(byName['salesforce.login']!.fix[0]).toMatch(/SF_CLIENT_ID and SF_CLIENT_SECRET/);
    expect(byName['salesforce.loginUrl']!.status).toBe('ok');
    expect(world.sf.log.entries()).toHaveLength(1);
  });

  it('fails a wrong cleverbridge password with exactly one request, never retried', async () => {
    await start();
    const { code, byName } = await checkCli(world, { CB_PASSWORD: 'wrong-password' });
    expect(code).toBe(1);
    expect(byName['cleverbridge.endpoint']!.status).toBe('ok');
    expect(byName['cleverbridge.credentials']).toMatchObject({ status: 'failed' });
    expect(byName['cleverbridge.credentials']!.fix[0]).toMatch(/CB_USERNAME and CB_PASSWORD.*three failed logins/);
    expect(byName['cleverbridge.clientId']!.status).toBe('skipped');
    expect(world.cb.log.entries().map((e) => e.status)).toEqual([401]);
    expect(byName['salesforce.fields']!.status).toBe('ok');
  });

  it('fails a client id the API user may not see', async () => {
    await start();
    const { code, byName } = await check(world, { CB_CLIENT_ID: '999' });
    expect(code).toBe(1);
    expect(byName['cleverbridge.credentials']!.status).toBe('ok');
    expect(byName['cleverbridge.clientId']).toMatchObject({ status: 'failed' });
    expect(byName['cleverbridge.clientId']!.detail).toMatch(/client 999: .*No access to client 999/);
    expect(world.cb.log.entries()).toHaveLength(2);
  });

  it('fails an endpoint that does not answer, and checks nothing behind it', async () => {
    await start();
    const { code, byName } = await check(world, { CB_GRAPHQL_URL: 'http://127.0.0.1:9/graphql' });
    expect(code).toBe(1);
    expect(byName['cleverbridge.endpoint']).toMatchObject({ status: 'failed' });
    expect(byName['cleverbridge.endpoint']!.fix[0]).toMatch(/^check CB_GRAPHQL_URL/);
    expect(byName['cleverbridge.credentials']!.status).toBe('skipped');
  });
});

describe('the daemon at start', () => {
  let world: World;
  let daemon: DaemonProcess | undefined;
  afterEach(async () => {
    await killDaemon(daemon);
    daemon = undefined;
    await world.close();
  });

  it('runs the checks, logs each, and shows them in /readyz', async () => {
    world = await startWorld({ cb: { seed: 'empty' } });
    daemon = startDaemonProcess(world);
    await daemon.waitForLog((l) => l.msg === 'run finished');
    const checks = daemon.logs().filter((l) => typeof l.check === 'string');
    expect(checks.map((l) => [l.check, l.status])).toContainEqual(['salesforce.writeBack', 'ok']);
    expect(checks).toHaveLength(13);
    const ready = await fetch(`${daemon.url}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { startChecks: CheckResult[] };
    expect(statuses(body.startChecks)['cleverbridge.clientId']).toBe('ok');
  });

  it('with a wrong cleverbridge password: not ready, the check failed in the log, and one request in all', async () => {
    world = await startWorld({ cb: { seed: 'empty' } });
    daemon = startDaemonProcess(world, { CB_PASSWORD: 'wrong-password' });
    const line = await daemon.waitForLog((l) => l.check === 'cleverbridge.credentials');
    expect(line).toMatchObject({ status: 'failed', level: 50 });
    await daemon.waitForLog((l) => l.msg === 'run finished' || l.msg === 'run failed');
    const ready = await fetch(`${daemon.url}/readyz`);
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { checks: Record<string, { ok: boolean; detail?: string }> };
    expect(body.checks.cleverbridge).toMatchObject({ ok: false });
    // The start check's 401 stopped the client: the first run sent nothing more.
    expect(world.cb.log.entries().map((e) => e.status)).toEqual([401]);
  });
});
