import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CleverbridgeClient } from '../../src/cleverbridge/client.js';
import type { CleverbridgeSandbox } from '../../src/sandbox/cleverbridge/server.js';
import type { RequestRecord } from '../../src/sandbox/shared/request-log.js';
import { withSandbox } from '../helpers/cleverbridge.js';
import { defaultMapping } from '../helpers/mapping.js';

/** The most requests the sandbox was handling at one moment. */
function mostAtOnce(log: readonly RequestRecord[]): number {
  const events = log.flatMap((r) => [
    { at: r.at, delta: 1 },
    { at: r.at + r.durationMs, delta: -1 },
  ]);
  events.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let now = 0;
  let most = 0;
  for (const e of events) most = Math.max(most, (now += e.delta));
  return most;
}

describe('the throttle in front of cleverbridge', () => {
  let sandbox: CleverbridgeSandbox;
  beforeEach(async () => {
    sandbox = await withSandbox({ seed: 'shieldware' });
  });
  afterEach(() => sandbox.close());

  const client = (password = sandbox.users[0]!.password) =>
    new CleverbridgeClient(
      {
        url: sandbox.graphqlUrl,
        username: sandbox.users[0]!.username,
        password,
        clientId: 864,
        timeoutMs: 5000,
        requestsPerSecond: 28,
        concurrency: 4,
      },
      defaultMapping(),
    );

  it('sends one request while the credentials are unproven: wrong ones cost one 401, not one per request', async () => {
    const wrong = client('wrong');
    const session = wrong.session();
    const calls = Array.from({ length: 6 }, () => session.readAll({ synced: 0 }));
    const settled = await Promise.allSettled(calls);
    expect(settled.every((s) => s.status === 'rejected')).toBe(true);
    expect(sandbox.log.stats()).toMatchObject({ requests: 1, byStatus: { '401': 1 } });
    expect(sandbox.auth.isLocked(sandbox.users[0]!.username)).toBe(false);
    expect(wrong.stoppedBy).toMatchObject({ code: 'CB_AUTH_FAILED' });
  });

  it('after a 401 sends nothing more, whichever session asks', async () => {
    const wrong = client('wrong');
    await expect(wrong.ping()).rejects.toMatchObject({ code: 'CB_AUTH_FAILED' });
    await expect(wrong.session().readAll({ synced: 0 })).rejects.toMatchObject({ code: 'CB_AUTH_FAILED' });
    await expect(wrong.session().mutate([{ kind: 'delete', cbId: 97771 }])).rejects.toMatchObject({
      code: 'CB_AUTH_FAILED',
    });
    expect(sandbox.log.stats().requests).toBe(1);
  });

  it('once a request succeeded, runs the advised four at a time', async () => {
    const good = client();
    await good.ping();
    sandbox.faults.configure({ latencyMs: 150 });
    const session = good.session();
    await Promise.all(Array.from({ length: 8 }, () => session.readByIds([97771])));
    expect(mostAtOnce(sandbox.log.entries().slice(1))).toBe(4);
    expect(session.requests).toBe(8);
  });
});
