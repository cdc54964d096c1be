import type { Logger } from 'pino';
import type { Settings } from '../config/settings.js';
import type { MappingConfig } from '../core/mapping-config.js';
import type { Plan } from '../core/plan-types.js';
import type { LockHolder } from '../state/run-lock.js';
import type { RunKind, RunOutcome, RunTrigger, SyncKind } from '../state/run-repo.js';
import type { StateStore } from '../state/state-store.js';
import type { ApplyResult } from './apply/applier.js';
import type { ChangeTargets, CleverbridgeCatalog, SalesforceSource, StatusWriter } from './ports.js';
import type { Sleep } from './retry-policy.js';
import type { WriteBackResult } from './write-back.js';

/** What a run needs: configuration, the state file and one adapter per side. */
export interface SyncDeps {
  settings: Settings;
  mapping: MappingConfig;
  store: StateStore;
  salesforce: SalesforceSource;
  statusWriter: StatusWriter;
  cleverbridge: CleverbridgeCatalog;
  log: Logger;
  now?: () => Date;
  /** How the applier waits out a backoff; tests shorten it. */
  sleep?: Sleep;
}

export type RunStage = 'read' | 'apply' | 'settle';

export interface SyncRequest {
  /** incremental falls back to full when there is no usable cursor. */
  kind: SyncKind;
  trigger: RunTrigger;
  allowMassDelete: boolean;
  /**
   * An incremental run reads only these products (what change events named) and moves no
   * cursor; a run that must be full (no cursor yet) ignores them.
   */
  targets?: ChangeTargets;
  /** Aborting stops sending new batches; what is in flight settles and is recorded. */
  signal?: AbortSignal;
  onProgress?: (settled: number, total: number) => void;
  /** Where the run is: reading (planning and applying as it reads), applying the rest, settling. */
  onStage?: (stage: RunStage) => void;
  /** Salesforce records read so far (products, invalid ones included). */
  onRead?: (records: number) => void;
  /** Called once the run holds the lock, with its id. */
  onStart?: (runId: number, kind: RunKind) => void;
}

export interface RunRequests {
  salesforce: number;
  cleverbridge: number;
  salesforceRows: number;
  /** cleverbridge's 429 answers the run met. */
  rateLimited: number;
}

/** What a dry run found: the plan a real run would make now. Nothing was written anywhere. */
export interface PlanReport {
  kind: RunKind;
  /** Why an incremental request was planned as a full sync, if it was. */
  fullBecause: string | null;
  plan: Plan;
  requests: RunRequests;
  /** CPU time of the pure planner, in milliseconds. */
  planCpuMs: number;
}

export type SyncReport =
  | { started: false; heldBy: LockHolder }
  | (PlanReport & {
      started: true;
      runId: number;
      outcome: Exclude<RunOutcome, 'running'>;
      apply: ApplyResult;
      writeBack: WriteBackResult;
      /**
       * Products this incremental run found gone from Salesforce, not even in its recycle bin:
       * not deleted in cleverbridge now; the next full resync finds them absent and deletes them.
       */
      purgedIds: string[];
      /** Why the run stopped or fell short (a 401, a failed write-back), or null. */
      error: string | null;
    });
