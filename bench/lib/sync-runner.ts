import { execFileSync, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { connect } from '../../src/cli/runtime.js';
import { loadMapping } from '../../src/config/mapping-schema.js';
import { loadSettings, type Settings } from '../../src/config/settings.js';
import { StateStore } from '../../src/state/state-store.js';
import { runSync } from '../../src/sync/dispatch.js';
import type { SyncReport } from '../../src/sync/types.js';

/** The project's root; a child compiled to .bench-build is told it (its own place is elsewhere). */
const root = process.env.CATALOG_SYNC_ROOT ?? fileURLToPath(new URL('../..', import.meta.url));

export interface RunFigures {
  seconds: number;
  /** The apply phase alone: first batch sent to last answer. */
  applySeconds: number;
  outcome: string;
  kind: string;
  created: number;
  updated: number;
  deleted: number;
  /** Requests per side as the daemon counted them (every attempt, the token request aside). */
  sfRequests: number;
  sfRows: number;
  cbRequests: number;
  rateLimited: number;
  planCpuMs: number;
  /** Sync statuses written back to Salesforce (records), and what went wrong there. */
  writeBack: { written: number; failed: number; error: string | null };
  /** Peak RSS of this process during the run, sampled every 20 ms. */
  peakRssMb: number;
  /** Peak V8 heap in use (live and garbage) during the run, sampled every 20 ms. */
  peakHeapMb: number;
  /** RSS when the run began: the process with its code loaded, before any product. */
  startRssMb: number;
}

/**
 * catalog-sync as the daemon runs it, in this process: the real jsforce and graphql-request
 * clients, the throttle, the SQLite state file. One instance per state file.
 */
export class SyncRunner {
  readonly settings: Settings;
  readonly #store: StateStore;
  readonly #mapping = loadMapping(`${root}config/mapping.json`);

  constructor(
    env: Record<string, string>,
    stateDb: string,
    over: { batchSize?: number; requestsPerSecond?: number } = {},
  ) {
    this.settings = loadSettings(
      {
        ...env,
        STATE_DB: stateDb,
        ...(over.batchSize ? { CB_BATCH_SIZE: String(over.batchSize) } : {}),
        ...(over.requestsPerSecond ? { CB_REQUESTS_PER_SECOND: String(over.requestsPerSecond) } : {}),
      },
      `${root}config/catalog-sync.json`,
    );
    this.#store = StateStore.open(stateDb);
  }

  async run(kind: 'full' | 'incremental'): Promise<RunFigures> {
    // The connections and clients one CLI command makes.
    const deps = await connect({ settings: this.settings, mapping: this.#mapping }, pino({ level: 'silent' }));
    const start = process.memoryUsage.rss();
    let peak = start;
    let heap = process.memoryUsage().heapUsed;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage.rss());
      heap = Math.max(heap, process.memoryUsage().heapUsed);
    }, 20);
    const started = performance.now();
    let report: SyncReport;
    try {
      report = await runSync({ ...deps, store: this.#store }, { kind, trigger: 'cli', allowMassDelete: false });
    } finally {
      clearInterval(sampler);
    }
    const seconds = (performance.now() - started) / 1000;
    if (!report.started) throw new Error('the run lock is held');
    if (report.outcome !== 'succeeded') throw new Error(`the ${kind} run ended ${report.outcome}: ${report.error}`);
    const done = report.apply.succeeded;
    return {
      seconds,
      applySeconds: report.apply.ms / 1000,
      outcome: report.outcome,
      kind: report.kind,
      created: done.create,
      updated: done.update,
      deleted: done.delete,
      sfRequests: report.requests.salesforce,
      sfRows: report.requests.salesforceRows,
      cbRequests: report.requests.cleverbridge,
      rateLimited: report.requests.rateLimited,
      planCpuMs: report.planCpuMs,
      writeBack: {
        written: report.writeBack.written,
        failed: report.writeBack.failed,
        error: report.writeBack.error,
      },
      peakRssMb: Math.max(peak, process.memoryUsage.rss()) / 2 ** 20,
      peakHeapMb: heap / 2 ** 20,
      startRssMb: start / 2 ** 20,
    };
  }

  close(): void {
    this.#store.close();
  }
}

let compiled: string | null = null;

/**
 * The child's code compiled to JavaScript once, so that it runs on plain node as the daemon
 * does: tsx's loader runs in a thread of its own, about 45 MB of RSS that is not catalog-sync's.
 */
function childScript(): string {
  if (!compiled) {
    const tsc = `${root}node_modules/typescript/bin/tsc`;
    execFileSync(process.execPath, [tsc, '-p', `${root}bench/tsconfig.child.json`], { stdio: 'inherit' });
    compiled = `${root}.bench-build/bench/lib/run-child.js`;
  }
  return compiled;
}

/** A run of `kind` in a child process of plain node; its peak RSS is the child's high-water mark. */
export function runInChild(
  env: Record<string, string>,
  stateDb: string,
  kind: 'full' | 'incremental',
  batchSize: number,
): Promise<RunFigures> {
  const child = fork(childScript(), [], {
    execArgv: [],
    env: { ...process.env, CATALOG_SYNC_ROOT: root },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  child.send({ env, stateDb, kind, batchSize });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { figures?: RunFigures; error?: string }) =>
      m.figures ? resolve(m.figures) : reject(new Error(`the ${kind} run failed: ${m.error}`)),
    );
    child.once('exit', (code) => reject(new Error(`the run's process exited (${code}) without an answer`)));
  });
}
