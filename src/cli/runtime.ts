import { existsSync } from 'node:fs';
import { pino, type Logger } from 'pino';
import { createLogger } from '../lib/logger.js';
import { CleverbridgeClient } from '../cleverbridge/client.js';
import { Throttle } from '../cleverbridge/throttle.js';
import { loadMapping } from '../config/mapping-schema.js';
import { loadSettings, type Settings } from '../config/settings.js';
import type { MappingConfig } from '../core/mapping-config.js';
import type { SnapshotEntry } from '../core/plan-types.js';
import { connectSalesforce } from '../salesforce/connection.js';
import { SalesforceReader } from '../salesforce/reader.js';
import { StateStore } from '../state/state-store.js';
import type { PlanDeps } from '../sync/run-sync.js';

export interface Configured {
  settings: Settings;
  mapping: MappingConfig;
}

/** Settings and mapping, validated; throws ConfigError naming what is wrong. Touches no network. */
export function configure(env: NodeJS.ProcessEnv = process.env): Configured {
  const settings = loadSettings(env, env.CATALOG_SYNC_CONFIG ?? 'config/catalog-sync.json');
  return { settings, mapping: loadMapping(settings.mappingFile) };
}

/** Logs as JSON lines on stderr, so stdout carries only the command's own output. */
export function cliLogger(env: NodeJS.ProcessEnv = process.env): Logger {
  return createLogger(env.LOG_LEVEL ?? 'warn', pino.destination(2));
}

/** The connections and clients one command needs. */
export async function connect(configured: Configured, log: Logger): Promise<Omit<PlanDeps, 'snapshot'>> {
  const { settings, mapping } = configured;
  log.debug({ settings }, 'settings'); // secrets redacted by the logger
  const conn = await connectSalesforce(settings.salesforce);
  return {
    settings,
    mapping,
    salesforce: new SalesforceReader(conn, mapping),
    cleverbridge: new CleverbridgeClient(settings.cleverbridge),
    throttle: new Throttle(settings.cleverbridge),
    log,
  };
}

/** The snapshot without writing anything: an absent state file is an empty snapshot. */
export function readSnapshot(path: string): SnapshotEntry[] {
  if (!existsSync(path)) return [];
  const store = StateStore.open(path);
  try {
    return store.snapshot.all();
  } finally {
    store.close();
  }
}
