import { afterEach, describe, expect, it } from 'vitest';
import { StateStore } from '../../src/state/state-store.js';
import { runCli } from '../helpers/daemon-process.js';
import { startWorld, type World } from '../helpers/world.js';

const kinds = (world: World) => {
  const store = StateStore.open(world.stateDb);
  try {
    return store.runs
      .recent(10)
      .reverse()
      .map((r) => r.kind);
  } finally {
    store.close();
  }
};

describe('catalog-sync sync', () => {
  let world: World;
  afterEach(() => world.close());

  it('defect 1: `sync` after `sync --full` is an incremental run', async () => {
    world = await startWorld({ cb: { seed: 'empty' } });
    const full = runCli(world, ['sync', '--full', '--json']);
    expect(await full.exit, full.output()).toBe(0);
    const next = runCli(world, ['sync', '--json']);
    expect(await next.exit, next.output()).toBe(0);
    expect(JSON.parse(next.output())).toMatchObject({ kind: 'incremental', outcome: 'succeeded' });
    expect(kinds(world)).toEqual(['full', 'incremental']);
  });
});
