import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/daemon-process.js';
import { mutations, startWorld, type World } from '../helpers/world.js';

const dataCalls = (world: World) => world.sf.log.entries().filter((e) => e.path.startsWith('/services/data'));

describe('a retired Salesforce API version (issue 14, item 7a)', () => {
  let world: World;
  afterEach(() => world.close());

  it('`sync` with SF_API_VERSION=30.0 exits 78 naming the setting, before calling Salesforce', async () => {
    world = await startWorld({ cb: { seed: 'empty' } });
    const run = runCli(world, ['sync'], { SF_API_VERSION: '30.0' });
    const code = await run.exit;
    const output = run.output();
    expect(code, output).toBe(78);
    expect(output).toContain('SF_API_VERSION: must be 31.0 or later');
    expect(world.sf.log.entries()).toEqual([]);
    expect(world.cb.log.entries()).toEqual([]);
  });

  it('a run against an org that answers 410 stops, naming SF_API_VERSION, and sends nothing', async () => {
    // A version the settings still allow that the org has since retired (as 31.0 to 40.0 will be).
    world = await startWorld({ cb: { seed: 'empty' }, settings: (s) => (s.salesforce.apiVersion = '30.0') });
    await expect(world.sync()).rejects.toMatchObject({
      code: 'SF_QUERY_REJECTED',
      message: expect.stringMatching(/GONE: .*410 for a retired version\. Set SF_API_VERSION/),
    });
    expect(dataCalls(world).map((e) => e.status)).toEqual([410]);
    expect(mutations(world)).toBe(0);
  });
});
