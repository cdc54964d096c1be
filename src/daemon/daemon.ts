import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import { CleverbridgeClient } from '../cleverbridge/client.js';
import { CleverbridgeError } from '../cleverbridge/errors.js';
import { Throttle } from '../cleverbridge/throttle.js';
import type { Settings } from '../config/settings.js';
import type { MappingConfig } from '../core/mapping-config.js';
import type { RunningServer } from '../lib/http-server.js';
import { connectSalesforce } from '../salesforce/connection.js';
import { SalesforceError } from '../salesforce/errors.js';
import { SalesforceReader } from '../salesforce/reader.js';
import { StateStore } from '../state/state-store.js';
import { planFullSync } from '../sync/full-sync.js';
import type { SyncDeps } from '../sync/types.js';
import { startControlServer } from './control-server.js';
import { Metrics } from './metrics.js';
import { RunCoordinator } from './run-coordinator.js';

export interface Daemon {
  readonly control: RunningServer;
  readonly coordinator: RunCoordinator;
  readonly metrics: Metrics;
  /** Stops in the reverse order of start; resolves true when the current run settled in time. */
  stop(reason: string): Promise<boolean>;
}

type Check = { ok: boolean; detail?: string };

/**
 * The long-running catalog-sync: state database, connections, metrics, control API, then the
 * schedules, started in that order and closed in the reverse one. A first run starts at once
 * (incremental, or full when there is no cursor yet) so a new deployment syncs right away.
 */
export async function startDaemon(settings: Settings, mapping: MappingConfig, log: Logger): Promise<Daemon> {
  const releasers: Array<{ name: string; close: () => unknown }> = [];
  log.debug({ settings }, 'settings'); // secrets redacted by the logger
  const store = StateStore.open(settings.stateDb);
  releasers.push({ name: 'state database', close: () => store.close() });
  const metrics = new Metrics();
  const throttle = new Throttle(settings.cleverbridge);
  const cleverbridge = new CleverbridgeClient(settings.cleverbridge);
  const health: Record<string, Check> = {
    stateDatabase: { ok: true },
    salesforce: { ok: false, detail: 'not connected yet' },
    cleverbridge: { ok: false, detail: 'not checked yet' },
  };

  let salesforce: SalesforceReader | null = null;
  const connect = async (): Promise<SalesforceReader> => {
    if (!salesforce) salesforce = new SalesforceReader(await connectSalesforce(settings.salesforce), mapping);
    return salesforce;
  };
  const deps = async (): Promise<SyncDeps> => ({
    settings,
    mapping,
    store,
    salesforce: await connect(),
    cleverbridge,
    throttle,
    log,
  });
  const note = (side: 'salesforce' | 'cleverbridge', error: unknown) => {
    health[side] = error ? { ok: false, detail: (error as Error).message } : { ok: true };
  };

  await Promise.all([
    connect().then(
      () => note('salesforce', null),
      (e: unknown) => note('salesforce', e),
    ),
    throttle
      .run(() => cleverbridge.ping())
      .then(
        () => note('cleverbridge', null),
        (e: unknown) => note('cleverbridge', e),
      ),
  ]);
  for (const [side, check] of Object.entries(health))
    if (!check.ok) log.error({ side, detail: check.detail }, 'connection check failed');

  const coordinator = new RunCoordinator(deps, metrics, log);
  coordinator.on('run:end', (report, error) => {
    if (error instanceof SalesforceError) note('salesforce', error);
    else if (error instanceof CleverbridgeError) note('cleverbridge', error);
    else if (report?.started && report.outcome !== 'failed') {
      note('salesforce', null);
      note('cleverbridge', null);
    } else if (report?.started && report.apply?.stoppedBy) note('cleverbridge', report.apply.stoppedBy);
  });

  const control = await startControlServer({
    host: settings.daemon.controlHost,
    port: settings.daemon.controlPort,
    token: settings.daemon.controlToken,
    store,
    metrics,
    coordinator,
    log,
    readiness: () => ({ ...health, stateDatabase: store.db.open ? { ok: true } : { ok: false, detail: 'closed' } }),
    plan: async () => planFullSync({ ...(await deps()), snapshot: () => store.snapshot.all() }, false),
    schedules: () => Object.fromEntries(tasks.map(([name, task]) => [name, task.getNextRun()?.toISOString() ?? null])),
  });
  releasers.push({ name: 'control API', close: () => control.close() });
  log.info({ url: control.url }, 'control API listening');

  const scheduled = (kind: 'incremental' | 'full') => async () => {
    const result = await coordinator.trigger(kind, 'schedule', { wait: kind === 'full' });
    if (!result.accepted)
      log.info({ kind, reason: result.reason, runningRunId: result.runningRunId }, 'scheduled run skipped');
  };
  const tasks: Array<[string, ScheduledTask]> = [
    [
      'incremental',
      cron.schedule(settings.daemon.syncSchedule, scheduled('incremental'), {
        name: 'incremental sync',
        noOverlap: true,
      }),
    ],
    [
      'full',
      cron.schedule(settings.daemon.fullSyncSchedule, scheduled('full'), { name: 'full resync', noOverlap: true }),
    ],
  ];
  releasers.push({ name: 'schedules', close: () => Promise.all(tasks.map(([, t]) => t.destroy())) });
  log.info({ incremental: settings.daemon.syncSchedule, full: settings.daemon.fullSyncSchedule }, 'schedules set');
  void scheduled('incremental')();

  let stopping: Promise<boolean> | null = null;
  return {
    control,
    coordinator,
    metrics,
    stop(reason) {
      stopping ??= (async () => {
        log.info({ reason }, 'stopping');
        // The schedules and the API close first so nothing new starts; the run in flight settles.
        const [stateDb, ...rest] = releasers;
        for (const r of rest.reverse()) await r.close();
        const settled = await coordinator.stop(settings.daemon.shutdownTimeoutMs);
        if (!settled)
          log.warn(
            { timeoutMs: settings.daemon.shutdownTimeoutMs },
            'the run did not settle in time; its pending mutations are resolved by the next start',
          );
        await stateDb?.close();
        log.info('stopped');
        return settled;
      })();
      return stopping;
    },
  };
}
