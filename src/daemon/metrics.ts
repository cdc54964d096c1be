import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { SyncReport } from '../sync/types.js';

/** The daemon's Prometheus metrics, in a registry of its own (several daemons may share a process in tests). */
export class Metrics {
  readonly registry = new Registry();
  readonly runs = new Counter({
    name: 'catalog_sync_runs_total',
    help: 'Runs by kind and outcome',
    labelNames: ['kind', 'outcome'],
    registers: [this.registry],
  });
  readonly mutations = new Counter({
    name: 'catalog_sync_mutations_total',
    help: 'cleverbridge mutations by kind (create, update, delete) and outcome (succeeded, failed, unknown, not_sent)',
    labelNames: ['kind', 'outcome'],
    registers: [this.registry],
  });
  readonly invalid = new Counter({
    name: 'catalog_sync_records_invalid_total',
    help: 'Salesforce records that could not be synced',
    registers: [this.registry],
  });
  readonly drift = new Counter({
    name: 'catalog_sync_drift_total',
    help: 'Products found edited in cleverbridge',
    registers: [this.registry],
  });
  readonly deletesHeld = new Counter({
    name: 'catalog_sync_deletes_held_total',
    help: 'Deletes held by the safety rules',
    registers: [this.registry],
  });
  readonly requests = new Counter({
    name: 'catalog_sync_api_requests_total',
    help: 'API requests by side',
    labelNames: ['side'],
    registers: [this.registry],
  });
  readonly rateLimited = new Counter({
    name: 'catalog_sync_rate_limited_total',
    help: 'HTTP 429 answers by side',
    labelNames: ['side'],
    registers: [this.registry],
  });
  readonly writeBackFailures = new Counter({
    name: 'catalog_sync_write_back_failures_total',
    help: 'Runs whose write-back of sync statuses to Salesforce failed as a whole',
    registers: [this.registry],
  });
  readonly sfApiUsed = new Gauge({
    name: 'catalog_sync_salesforce_api_usage',
    help: 'Salesforce API requests used in the last 24 hours (Sforce-Limit-Info)',
    registers: [this.registry],
  });
  readonly changeEvents = new Counter({
    name: 'catalog_sync_change_events_total',
    help: 'Salesforce change events received, by object and change type (GAP_* and GAP_OVERFLOW included)',
    labelNames: ['entity', 'type'],
    registers: [],
  });
  readonly changeEventLag = new Histogram({
    name: 'catalog_sync_change_event_lag_seconds',
    help: "From a change's commit in Salesforce to the end of the run that synced it",
    buckets: [0.5, 1, 2, 5, 10, 30, 60, 300, 900],
    registers: [],
  });
  readonly changeEventsUp = new Gauge({
    name: 'catalog_sync_change_events_up',
    help: '1 while the change event subscription is up, else 0',
    registers: [],
  });
  readonly sfApiLimit = new Gauge({
    name: 'catalog_sync_salesforce_api_limit',
    help: 'Salesforce API requests allowed per 24 hours (Sforce-Limit-Info)',
    registers: [this.registry],
  });
  readonly duration = new Histogram({
    name: 'catalog_sync_run_duration_seconds',
    help: 'Run duration by kind',
    labelNames: ['kind'],
    buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600],
    registers: [this.registry],
  });
  readonly lastSuccess = new Gauge({
    name: 'catalog_sync_last_success_timestamp_seconds',
    help: 'When a run of this kind last succeeded',
    labelNames: ['kind'],
    registers: [this.registry],
  });
  readonly lastCompleted = new Gauge({
    name: 'catalog_sync_last_completed_timestamp_seconds',
    help: 'When a run of this kind last completed, succeeded or partial (some records fell short)',
    labelNames: ['kind'],
    registers: [this.registry],
  });
  readonly running = new Gauge({
    name: 'catalog_sync_run_in_progress',
    help: '1 while a run is in progress',
    registers: [this.registry],
  });

  /** The change event metrics are exported only when the daemon follows change events. */
  constructor(options: { changeEvents: boolean } = { changeEvents: false }) {
    if (options.changeEvents)
      for (const metric of [this.changeEvents, this.changeEventLag, this.changeEventsUp])
        this.registry.registerMetric(metric);
    collectDefaultMetrics({ register: this.registry, prefix: 'catalog_sync_process_' });
  }

  /** Counts what a finished run did. */
  recordRun(report: Extract<SyncReport, { started: true }>, seconds: number, at: Date): void {
    this.runs.inc({ kind: report.kind, outcome: report.outcome });
    this.duration.observe({ kind: report.kind }, seconds);
    if (report.outcome === 'succeeded') this.lastSuccess.set({ kind: report.kind }, at.getTime() / 1000);
    if (report.outcome !== 'failed') this.lastCompleted.set({ kind: report.kind }, at.getTime() / 1000);
    this.invalid.inc(report.plan.counts.invalid);
    this.drift.inc(report.plan.counts.drift);
    this.deletesHeld.inc(report.plan.entries.filter((e) => e.action === 'delete' && e.held).length);
    this.requests.inc({ side: 'salesforce' }, report.requests.salesforce);
    this.requests.inc({ side: 'cleverbridge' }, report.requests.cleverbridge);
    if (report.requests.rateLimited > 0) this.rateLimited.inc({ side: 'cleverbridge' }, report.requests.rateLimited);
    if (report.writeBack.error !== null) this.writeBackFailures.inc();
    const a = report.apply;
    for (const kind of ['create', 'update', 'delete'] as const)
      this.mutations.inc({ kind, outcome: 'succeeded' }, a.succeeded[kind]);
    const kindOf = (key: string) => {
      const entry = report.plan.entries.find((e) => e.key === key);
      return entry?.action === 'create'
        ? 'create'
        : entry?.action === 'delete' && entry.mode === 'delete'
          ? 'delete'
          : 'update';
    };
    for (const f of a.failed) this.mutations.inc({ kind: kindOf(f.key), outcome: 'failed' });
    for (const f of a.unknown) this.mutations.inc({ kind: kindOf(f.key), outcome: 'unknown' });
    for (const key of a.notSent) this.mutations.inc({ kind: kindOf(key), outcome: 'not_sent' });
  }
}
