import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CleverbridgeClient } from '../../src/cleverbridge/client.js';
import { Throttle } from '../../src/cleverbridge/throttle.js';
import type { CleverbridgeSandbox } from '../../src/sandbox/cleverbridge/server.js';
import { withSandbox } from '../helpers/cleverbridge.js';

describe('the throttle in front of cleverbridge', () => {
  let sandbox: CleverbridgeSandbox;
  beforeEach(async () => {
    sandbox = await withSandbox({ seed: 'shieldware' });
  });
  afterEach(() => sandbox.close());

  const client = (password = sandbox.users[0]!.password) =>
    new CleverbridgeClient({
      url: sandbox.graphqlUrl,
      username: sandbox.users[0]!.username,
      password,
      clientId: 864,
      timeoutMs: 5000,
    });

  it('sends one request while the credentials are unproven: wrong ones cost one 401, not one per request', async () => {
    const throttle = new Throttle({ requestsPerSecond: 28, concurrency: 4 });
    const wrong = client('wrong');
    const calls = Array.from({ length: 6 }, () => throttle.run(() => wrong.readProducts()));
    const settled = await Promise.allSettled(calls);
    expect(settled.every((s) => s.status === 'rejected')).toBe(true);
    expect(sandbox.log.stats()).toMatchObject({ requests: 1, byStatus: { '401': 1 } });
    expect(sandbox.auth.isLocked(sandbox.users[0]!.username)).toBe(false);
    expect(throttle.stopped).toBe(true);
  });

  it('after a 401 runs nothing more, whoever asks', async () => {
    const throttle = new Throttle({ requestsPerSecond: 28, concurrency: 4 });
    await expect(throttle.run(() => client('wrong').ping())).rejects.toMatchObject({ code: 'CB_AUTH_FAILED' });
    let ran = false;
    const good = client();
    await expect(
      throttle.run(() => {
        ran = true;
        return good.ping();
      }),
    ).rejects.toThrow();
    expect(ran).toBe(false);
    expect(sandbox.log.stats().requests).toBe(1);
  });

  it('once a request succeeded, runs the advised four at a time', async () => {
    const throttle = new Throttle({ requestsPerSecond: 28, concurrency: 4 });
    sandbox.faults.configure({ latencyMs: 150 });
    const good = client();
    await throttle.run(() => good.ping());
    let inFlight = 0;
    let most = 0;
    const tracked = () =>
      throttle.run(async () => {
        most = Math.max(most, ++inFlight);
        try {
          return await good.ping();
        } finally {
          inFlight--;
        }
      });
    await Promise.all(Array.from({ length: 8 }, tracked));
    expect(most).toBe(4);
  });
});
