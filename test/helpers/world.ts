import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pino } from 'pino';
import { CleverbridgeClient } from '../../src/cleverbridge/client.js';
import type { Settings } from '../../src/config/settings.js';
import type { MappingConfig } from '../../src/core/mapping-config.js';
import {
  startCleverbridgeSandbox,
  type CleverbridgeSandbox,
  type CleverbridgeSandboxOptions,
} from '../../src/sandbox/cleverbridge/server.js';
import {
  startSalesforceSandbox,
  type SalesforceSandbox,
  type SalesforceSandboxOptions,
} from '../../src/sandbox/salesforce/server.js';
import { connectSalesforce } from '../../src/salesforce/connection.js';
import { bindMapping } from '../../src/salesforce/org-binding.js';
import { SalesforceReader } from '../../src/salesforce/reader.js';
import { SalesforceStatusWriter } from '../../src/salesforce/status-writer.js';
import { sandboxEnv } from '../../src/sandbox/sandbox-env.js';
import { StateStore } from '../../src/state/state-store.js';
import { planSync, runSync } from '../../src/sync/dispatch.js';
import type { PlanReport, SyncDeps, SyncRequest } from '../../src/sync/types.js';
import { defaultMapping } from './mapping.js';

/** Both sandboxes, a state file and settings pointing at them: what one catalog-sync deployment sees. */
export interface World {
  sf: SalesforceSandbox;
  cb: CleverbridgeSandbox;
  settings: Settings;
  mapping: MappingConfig;
  stateDb: string;
  /** Environment variables for running the real CLI against this world. */
  env: Record<string, string>;
  /**
   * A sync (full unless asked otherwise) with fresh connections, as one CLI invocation makes it.
   * `over.sleep` shortens every wait: the applier's backoffs and the adapters' read retries.
   */
  sync(request?: Partial<SyncRequest>, over?: Partial<SyncDeps>): ReturnType<typeof runSync>;
  /** A dry run (full unless asked otherwise) with fresh connections: writes nothing. */
  plan(request?: Partial<Pick<SyncRequest, 'kind' | 'allowMassDelete'>>): Promise<PlanReport>;
  /** Fresh connections to both sandboxes, as one CLI invocation makes them. */
  deps(store: StateStore, over?: Partial<SyncDeps>): Promise<SyncDeps>;
  close(): Promise<void>;
}

export async function startWorld(
  options: {
    sf?: SalesforceSandboxOptions;
    cb?: CleverbridgeSandboxOptions;
    settings?: (s: Settings) => void;
    /** Changes to the default mapping (config/mapping.json) this deployment uses. */
    mapping?: (m: MappingConfig) => void;
    /** The daemon's clock (the sandboxes take theirs in `sf` and `cb`). */
    now?: () => Date;
  } = {},
): Promise<World> {
  const sf = await startSalesforceSandbox({ seed: 'shieldware', ...options.sf });
  const cb = await startCleverbridgeSandbox({ seed: 'empty', ...options.cb });
  const stateDb = join(mkdtempSync(join(tmpdir(), 'world-')), 'catalog-sync.db');
  const user = cb.users[0]!;
  const settings: Settings = {
    mappingFile: new URL('../../config/mapping.json', import.meta.url).pathname,
    stateDb,
    salesforce: {
      loginUrl: sf.loginUrl,
      clientId: sf.credentials.clientId,
      clientSecret: sf.credentials.clientSecret,
      username: null,
      password: null,
      apiVersion: sf.apiVersion,
    },
    cleverbridge: {
      url: cb.graphqlUrl,
      username: user.username,
      password: user.password,
      clientId: 864,
      batchSize: 50,
      requestsPerSecond: 28,
      concurrency: 4,
      timeoutMs: 10_000,
    },
    sync: {
      driftPolicy: 'overwrite',
      deletePolicy: 'delete',
      massDelete: { maxCount: 25, maxShare: 0.5 },
      overlapSeconds: 120,
      changeEvents: { enabled: true, coalesceMs: 500, backstopMinutes: 15 },
    },
    daemon: {
      syncSchedule: '*/5 * * * *',
      fullSyncSchedule: '0 3 * * *',
      controlHost: '127.0.0.1',
      controlPort: 0,
      controlToken: null,
      logLevel: 'silent',
      shutdownTimeoutMs: 10_000,
    },
  };
  options.settings?.(settings);
  const mapping = defaultMapping();
  options.mapping?.(mapping);
  // The CLI and the daemon read the same mapping from a file.
  const mappingFile = join(dirname(stateDb), 'mapping.json');
  writeFileSync(mappingFile, JSON.stringify(mapping));
  settings.mappingFile = mappingFile;
  const env = { ...sandboxEnv(sf, cb), STATE_DB: stateDb, MAPPING_FILE: mappingFile };
  const deps = async (store: StateStore, over: Partial<SyncDeps> = {}): Promise<SyncDeps> => {
    const conn = await connectSalesforce(settings.salesforce, over.sleep);
    const wait = over.sleep ? { sleep: over.sleep } : {};
    return {
      settings,
      mapping,
      store,
      salesforce: new SalesforceReader(conn, mapping, await bindMapping(conn, mapping), over.sleep),
      statusWriter: new SalesforceStatusWriter(conn, over.sleep),
      cleverbridge: new CleverbridgeClient(settings.cleverbridge, mapping, wait),
      log: pino({ level: 'silent' }),
      ...(options.now ? { now: options.now } : {}),
      ...over,
    };
  };
  return {
    sf,
    cb,
    settings,
    mapping,
    stateDb,
    env,
    deps,
    async sync(request = {}, over = {}) {
      const store = StateStore.open(stateDb);
      try {
        return await runSync(await deps(store, over), {
          kind: 'full',
          trigger: 'cli',
          allowMassDelete: false,
          ...request,
        });
      } finally {
        store.close();
      }
    },
    async plan(request = {}) {
      const store = StateStore.open(stateDb);
      try {
        return await planSync(await deps(store), { kind: 'full', allowMassDelete: false, ...request });
      } finally {
        store.close();
      }
    },
    async close() {
      await Promise.all([sf.close(), cb.close()]);
    },
  };
}

/**
 * The active Salesforce products' ids and the cleverbridge products' internalIds, both sorted:
 * equal when every product is in cleverbridge exactly once (nothing lost, nothing duplicated).
 */
export function catalogIds(world: World): { active: string[]; inCleverbridge: Array<string | null> } {
  const active = (world.sf.db.records('Product2') as Array<{ Id: string; IsActive: boolean }>)
    .filter((p) => p.IsActive)
    .map((p) => p.Id)
    .sort();
  const inCleverbridge = [...world.cb.store.all()].map((p) => p.internalId).sort();
  return { active, inCleverbridge };
}

/** Mutations cleverbridge has received so far (creates, updates, deletes). */
export function mutations(world: World): number {
  const ops = world.cb.log.stats().operations;
  return (
    (ops['mutation:createProduct'] ?? 0) + (ops['mutation:updateProduct'] ?? 0) + (ops['mutation:deleteProduct'] ?? 0)
  );
}

/** A clock both sandboxes and catalog-sync share, moved by the test. */
export function clock(start = Date.parse('2026-03-01T10:00:00Z')) {
  let t = start;
  return { now: () => new Date(t), advance: (seconds: number) => (t += seconds * 1000) };
}

/** A world on `c`'s time: both sandboxes and catalog-sync; cleverbridge starts empty. */
export const startClockedWorld = (c: ReturnType<typeof clock>, sf: SalesforceSandboxOptions = {}): Promise<World> =>
  startWorld({ sf: { ...sf, now: c.now }, cb: { seed: 'empty', now: c.now }, now: c.now });
