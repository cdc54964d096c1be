import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import { runChecks } from '../check/run-checks.js';
import { CleverbridgeClient } from '../cleverbridge/client.js';
import type { Settings } from '../config/settings.js';
import type { MappingConfig } from '../core/mapping-config.js';
import { Releasers } from '../lib/lifecycle.js';
import type { RunningServer } from '../lib/http-server.js';
import { SalesforceChangeStream } from '../salesforce/change-stream.js';
import { connectSalesforce, logIn, type SfConnection } from '../salesforce/connection.js';
import { bindMapping } from '../salesforce/org-binding.js';
import { SalesforceReader } from '../salesforce/reader.js';
import { SalesforceStatusWriter } from '../salesforce/status-writer.js';
import { StateStore } from '../state/state-store.js';
import { planSync } from '../sync/dispatch.js';
import type { SyncDeps } from '../sync/types.js';
import { ChangeFollower, type FollowerDeps } from './change-follower.js';
import { startControlServer } from './control-server.js';
import { Health } from './health.js';
import { Metrics } from './metrics.js';
import { RunCoordinator } from './run-coordinator.js';

export interface Daemon {
  readonly control: RunningServer;
  readonly coordinator: RunCoordinator;
  readonly metrics: Metrics;
  /** Stops in the reverse order of start; resolves true when the current run settled in time. */
  stop(reason: string): Promise<boolean>;
}

type SalesforceSide = Pick<SyncDeps, 'salesforce' | 'statusWriter'> & { connection: SfConnection };

/**
 * The Salesforce side, connected at first use and again after a failed connection; `known` keeps
 * the instance URL it connected to (the status page links records there, and never connects).
 */
function salesforceSide(settings: Settings, mapping: MappingConfig, known: { instanceUrl: string | null }) {
  let side: Promise<SalesforceSide> | null = null;
  return () => {
    side ??= connectSalesforce(settings.salesforce).then(async (conn) => {
      known.instanceUrl = conn.instanceUrl || null;
      return {
        connection: conn,
        salesforce: new SalesforceReader(
          conn,
          mapping,
          await bindMapping(conn, mapping),
          undefined,
          settings.sync.overlapSeconds * 1000,
        ),
        statusWriter: new SalesforceStatusWriter(conn),
      };
    });
    side.catch(() => (side = null));
    return side;
  };
}

function schedule(settings: Settings, coordinator: RunCoordinator, log: Logger, follower: ChangeFollower | null) {
  const scheduled = (kind: 'incremental' | 'full') => async () => {
    if (kind === 'incremental' && follower && !follower.pollDue()) {
      log.debug('change events are flowing: this poll waits for the backstop');
      return;
    }
    const result = await coordinator.trigger(kind, 'schedule', { wait: kind === 'full' });
    if (!result.accepted)
      log.info({ kind, reason: result.reason, runningRunId: result.runningRunId }, 'scheduled run skipped');
  };
  const { syncSchedule, fullSyncSchedule } = settings.daemon;
  const tasks: Array<[string, ScheduledTask]> = [
    [
      'incremental',
      cron.schedule(syncSchedule, scheduled('incremental'), { name: 'incremental sync', noOverlap: true }),
    ],
    ['full', cron.schedule(fullSyncSchedule, scheduled('full'), { name: 'full resync', noOverlap: true })],
  ];
  log.info({ incremental: syncSchedule, full: fullSyncSchedule }, 'schedules set');
  return { tasks, first: scheduled('incremental') };
}

/** The change event follower, unless the settings turn events off. */
function followChanges(
  settings: Settings,
  mapping: MappingConfig,
  deps: Pick<FollowerDeps, 'coordinator' | 'store' | 'metrics' | 'log'> & { salesforce: () => Promise<SalesforceSide> },
): ChangeFollower | null {
  const { enabled, coalesceMs, backstopMinutes } = settings.sync.changeEvents;
  if (!enabled) return null;
  const stream = new SalesforceChangeStream(
    async () => (await deps.salesforce()).connection,
    (conn) => logIn(conn, settings.salesforce),
  );
  return new ChangeFollower({ ...deps, stream, mapping, coalesceMs, backstopMs: backstopMinutes * 60_000 });
}

/** The graceful phase of a stop: no new run, and the run in flight settles within the timeout. */
function settleRuns(coordinator: RunCoordinator, timeoutMs: number, log: Logger) {
  const state = {
    settled: true,
    release: async () => {
      state.settled = await coordinator.stop(timeoutMs);
      if (!state.settled)
        log.warn({ timeoutMs }, 'the run did not settle in time; its pending mutations are resolved by the next start');
    },
  };
  return state;
}

/** Stops once, however often asked: releases everything; true when the run in flight settled. */
function stopper(releasers: Releasers, runs: { settled: boolean }, log: Logger) {
  let stopping: Promise<boolean> | null = null;
  return (reason: string) =>
    (stopping ??= (async () => {
      log.info({ reason }, 'stopping');
      await releasers.releaseAll();
      log.info('stopped');
      return runs.settled;
    })());
}

/**
 * The long-running catalog-sync: state database, connections, run coordinator, control API,
 * then the schedules, each released in the reverse order (a failed start releases what it
 * started). Stopping is graceful first (no new run, the batch in flight settles within the
 * shutdown timeout), then forced (the state file closes; what did not settle stays pending in
 * the journal for the next start). A first run starts at once so a new deployment syncs now.
 */
export async function startDaemon(settings: Settings, mapping: MappingConfig, log: Logger): Promise<Daemon> {
  const releasers = new Releasers(log);
  try {
    log.debug({ settings }, 'settings'); // secrets redacted by the logger
    const store = StateStore.open(settings.stateDb);
    releasers.add('state database', () => store.close());
    const metrics = new Metrics({ changeEvents: settings.sync.changeEvents.enabled });
    const cleverbridge = new CleverbridgeClient(settings.cleverbridge, mapping);
    const known = { instanceUrl: null as string | null };
    const salesforce = salesforceSide(settings, mapping, known);
    const health = new Health(store, log);
    await health.check(salesforce, () => runChecks({ settings, mapping }, cleverbridge));
    const deps = async (): Promise<SyncDeps> => {
      const { salesforce: reader, statusWriter } = await salesforce();
      return { salesforce: reader, statusWriter, settings, mapping, store, cleverbridge, log };
    };

    const coordinator = new RunCoordinator(deps, metrics, log);
    coordinator.on('run:end', (report, error) => health.afterRun(report, error));
    const runs = settleRuns(coordinator, settings.daemon.shutdownTimeoutMs, log);
    releasers.add('runs', runs.release);
    const follower = followChanges(settings, mapping, { coordinator, store, metrics, log, salesforce });

    let tasks: Array<[string, ScheduledTask]> = [];
    const control = await startControlServer({
      host: settings.daemon.controlHost,
      port: settings.daemon.controlPort,
      token: settings.daemon.controlToken,
      store,
      metrics,
      coordinator,
      log,
      readiness: () => health.readiness(),
      changeEvents: () => follower?.health ?? null,
      startChecks: () => health.startChecks,
      plan: async () => (await planSync(await deps(), { kind: 'full', allowMassDelete: false })).plan,
      schedules: () =>
        Object.fromEntries(tasks.map(([name, task]) => [name, task.getNextRun()?.toISOString() ?? null])),
      instanceUrl: () => known.instanceUrl,
      defaultLanguage: mapping.defaultLanguage,
    });
    releasers.add('control API', () => control.close());
    log.info({ url: control.url }, 'control API listening');
    // Last, so that nothing is scheduled if an earlier part failed to start.
    const scheduled = schedule(settings, coordinator, log, follower);
    tasks = scheduled.tasks;
    releasers.add('schedules', () => Promise.all(tasks.map(([, t]) => t.destroy())));
    void scheduled.first();
    if (follower) {
      follower.start();
      releasers.add('change events', () => follower.stop());
    }

    return { control, coordinator, metrics, stop: stopper(releasers, runs, log) };
  } catch (error) {
    await releasers.releaseAll();
    throw error;
  }
}
