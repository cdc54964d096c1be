import type { Logger } from 'pino';
import type { CleverbridgeClient } from '../cleverbridge/client.js';
import type { Throttle } from '../cleverbridge/throttle.js';
import type { Settings } from '../config/settings.js';
import type { MappingConfig } from '../core/mapping-config.js';
import type { Plan } from '../core/plan-types.js';
import type { LockHolder } from '../state/run-lock.js';
import type { RunKind, RunOutcome, RunTrigger } from '../state/run-repo.js';
import type { StateStore } from '../state/state-store.js';
import type { ApplyResult } from './apply.js';
import type { SalesforceSource } from './sources.js';
import type { WriteBackResult } from './write-back.js';

export interface SyncDeps {
  settings: Settings;
  mapping: MappingConfig;
  store: StateStore;
  salesforce: SalesforceSource;
  cleverbridge: CleverbridgeClient;
  throttle: Throttle;
  log: Logger;
  now?: () => Date;
  /** How retries wait; tests shorten it. */
  sleep?: (ms: number) => Promise<void>;
}

export interface SyncRequest {
  /** incremental falls back to full when there is no usable cursor. */
  kind: RunKind;
  trigger: RunTrigger;
  /** Plan only: nothing is written to cleverbridge, the snapshot or Salesforce. */
  dryRun: boolean;
  allowMassDelete: boolean;
  /** Aborting stops sending new batches; what is in flight settles and is recorded. */
  signal?: AbortSignal;
  onProgress?: (settled: number, total: number) => void;
  /** Called once the run holds the lock, with its id. */
  onStart?: (runId: number, kind: RunKind) => void;
}

export interface RunRequests {
  salesforce: number;
  cleverbridge: number;
  salesforceRows: number;
}

export type SyncReport =
  | { started: false; heldBy: LockHolder }
  | {
      started: true;
      runId: number;
      kind: RunKind;
      /** Why an incremental request ran as a full sync, if it did. */
      fullBecause: string | null;
      outcome: Exclude<RunOutcome, 'running'>;
      plan: Plan;
      apply: ApplyResult | null;
      writeBack: WriteBackResult | null;
      requests: RunRequests;
      /** CPU time of the pure planner, in milliseconds. */
      planCpuMs: number;
      error: string | null;
    };
