import { existsSync } from 'node:fs';
import { pino, type Logger } from 'pino';
import { createLogger } from '../lib/logger.js';
import { CleverbridgeClient } from '../cleverbridge/client.js';
import { loadMapping } from '../config/mapping-schema.js';
import { loadSettings, type Settings } from '../config/settings.js';
import type { MappingConfig } from '../core/mapping-config.js';
import { connectSalesforce } from '../salesforce/connection.js';
import { bindMapping } from '../salesforce/org-binding.js';
import { SalesforceReader } from '../salesforce/reader.js';
import { SalesforceStatusWriter } from '../salesforce/status-writer.js';
import { StateStore } from '../state/state-store.js';
import type { SyncDeps } from '../sync/types.js';

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

/** The connections and clients one command needs: one adapter per side. */
export async function connect(configured: Configured, log: Logger): Promise<Omit<SyncDeps, 'store'>> {
  const { settings, mapping } = configured;
  log.debug({ settings }, 'settings'); // secrets redacted by the logger
  const conn = await connectSalesforce(settings.salesforce);
  const binding = await bindMapping(conn, mapping);
  return {
    settings,
    mapping,
    salesforce: new SalesforceReader(conn, mapping, binding, undefined, settings.sync.overlapSeconds * 1000),
    statusWriter: new SalesforceStatusWriter(conn),
    cleverbridge: new CleverbridgeClient(settings.cleverbridge, mapping),
    log,
  };
}

/**
 * The state file for a command that writes nothing: an absent one is an empty state (in memory),
 * so a plan never creates the file.
 */
export function readOnlyState(path: string): StateStore {
  return StateStore.open(existsSync(path) ? path : ':memory:');
}
