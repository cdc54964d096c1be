import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { killDaemon, runCli, startDaemonProcess, type DaemonProcess } from '../helpers/daemon-process.js';
import { startWorld, type World } from '../helpers/world.js';

// Values no output has any other reason to contain.
const SF_SECRET = 'sf-secret-Q7vKm2Lr9xWz';
const CB_PASSWORD = 'cb-password-T4nHs8Jd3pYe';
const CONTROL_TOKEN = 'control-token-B6gFc1Nw5uRa';

describe('secrets', () => {
  let world: World;
  let daemon: DaemonProcess | undefined;
  afterEach(async () => {
    await killDaemon(daemon);
    daemon = undefined;
    await world.close();
  });

  it('never appear in debug logs, error messages, /status, /metrics, /plan, the plan output, a plan file or the state file', async () => {
    world = await startWorld({
      sf: { clients: [{ clientId: '3MVG9SecretsTestConsumerKey', clientSecret: SF_SECRET }] },
      cb: { users: [{ username: 'secrets-api', password: CB_PASSWORD, clientIds: [864] }] },
    });
    // Every Salesforce access token the sandbox hands out is a secret too.
    const tokens: string[] = [];
    const sessions = world.sf.sessions;
    const issue = sessions.issueAccessToken.bind(sessions);
    sessions.issueAccessToken = (user, clientId) => {
      const issued = issue(user, clientId);
      tokens.push(issued.token);
      return issued;
    };

    const outputs: Record<string, string> = {};
    daemon = startDaemonProcess(world, { LOG_LEVEL: 'debug', CONTROL_TOKEN });
    await daemon.waitForLog((l) => l.msg === 'run finished');
    const auth = { Authorization: `Bearer ${CONTROL_TOKEN}` };
    // The status page, its script and its data route too.
    for (const path of ['/status', '/metrics', '/readyz', '/', '/page.js', '/page.css', '/page.json'])
      outputs[path] = await (await fetch(daemon.url + path)).text();
    outputs['/plan'] = await (await fetch(`${daemon.url}/plan`, { headers: auth })).text();
    outputs['POST /sync'] = await (
      await fetch(`${daemon.url}/sync?wait=true`, { method: 'POST', headers: auth })
    ).text();
    outputs['/page.json after POST /sync'] = await (await fetch(`${daemon.url}/page.json`)).text();
    // A refused token is answered without echoing anything back.
    outputs['wrong token'] = await (
      await fetch(`${daemon.url}/sync`, { method: 'POST', headers: { Authorization: `Bearer ${CONTROL_TOKEN}x` } })
    ).text();
    daemon.child.kill('SIGTERM');
    expect(await daemon.exit).toBe(0);
    outputs.daemon = daemon.output();

    const plan = runCli(world, ['plan', '--json', '--verbose'], { LOG_LEVEL: 'debug' });
    expect(await plan.exit).toBe(0);
    outputs.plan = plan.output();
    const sync = runCli(world, ['sync', '--full', '--verbose'], { LOG_LEVEL: 'debug' });
    expect(await sync.exit).toBe(0);
    outputs.sync = sync.output();
    // A plan saved for review (in the state file's folder, read with it below), and its apply.
    const planFile = join(dirname(world.stateDb), 'reviewed-plan.json');
    const saved = runCli(world, ['plan', '--out', planFile], { LOG_LEVEL: 'debug' });
    expect(await saved.exit).toBe(0);
    outputs.planOut = saved.output();
    const apply = runCli(world, ['apply', planFile], { LOG_LEVEL: 'debug' });
    expect(await apply.exit, apply.output()).toBe(0);
    outputs.apply = apply.output();
    // Failures: a refused Salesforce secret and a refused cleverbridge password, each reported
    // by name without the value. (One wrong cleverbridge login of the three before a lock-out.)
    const badSf = runCli(world, ['sync', '--full'], { LOG_LEVEL: 'debug', SF_CLIENT_SECRET: `${SF_SECRET}-wrong` });
    expect(await badSf.exit).not.toBe(0);
    outputs.badSf = badSf.output();
    expect(outputs.badSf).toMatch(/SF_CLIENT_SECRET/);
    const badCb = runCli(world, ['sync', '--full'], { LOG_LEVEL: 'debug', CB_PASSWORD: `${CB_PASSWORD}-wrong` });
    expect(await badCb.exit).not.toBe(0);
    outputs.badCb = badCb.output();
    expect(outputs.badCb).toMatch(/401/);

    // The state file and its WAL, as bytes.
    const stateDir = dirname(world.stateDb);
    for (const file of readdirSync(stateDir)) outputs[file] = readFileSync(join(stateDir, file)).toString('latin1');
    expect(statSync(world.stateDb).mode & 0o077).toBe(0);

    // The outputs are real: debug logs, runs, metrics.
    expect(outputs.daemon.split('\n').filter((l) => l.includes('"level":20')).length).toBeGreaterThan(0);
    expect(outputs['/metrics']).toMatch(/catalog_sync_runs_total/);
    expect(JSON.parse(outputs['/page.json']!).runs.length).toBeGreaterThan(0);
    expect(outputs['/']).toContain('/page.js');
    expect(tokens.length).toBeGreaterThan(0);
    const secrets = [SF_SECRET, CB_PASSWORD, CONTROL_TOKEN, ...tokens];
    for (const [where, text] of Object.entries(outputs))
      for (const secret of secrets) expect(text.includes(secret), `${where} contains a secret`).toBe(false);
  });
});
