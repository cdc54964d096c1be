import type { Logger } from 'pino';
import type { CheckResult } from '../check/check-result.js';
import { CleverbridgeError } from '../cleverbridge/errors.js';
import { ConfigError } from '../config/config-error.js';
import { SalesforceError } from '../salesforce/errors.js';
import type { StateStore } from '../state/state-store.js';
import type { SyncReport } from '../sync/types.js';

type Check = { ok: boolean; detail?: string };

/** The daemon's readiness: the state file, and the last word from each side (its start checks, then its runs). */
export class Health {
  readonly #checks: Record<'salesforce' | 'cleverbridge', Check> = {
    salesforce: { ok: false, detail: 'not connected yet' },
    cleverbridge: { ok: false, detail: 'not checked yet' },
  };
  #startChecks: CheckResult[] = [];

  constructor(
    private readonly store: StateStore,
    private readonly log: Logger,
  ) {}

  #note(side: 'salesforce' | 'cleverbridge', error: unknown): void {
    this.#checks[side] = error ? { ok: false, detail: (error as Error).message } : { ok: true };
  }

  /**
   * Runs `catalog-sync check` (every check but the configuration's, valid by now) and connects
   * the Salesforce side. Each check is logged, and each side starts ready when none of its checks
   * failed. A mapping that does not fit the org throws (a ConfigError), and start-up stops.
   */
  async check(salesforce: () => Promise<unknown>, checks: () => Promise<CheckResult[]>): Promise<void> {
    const [results] = await Promise.all([
      checks(),
      salesforce().catch((e: unknown) => {
        if (e instanceof ConfigError) throw e;
      }),
    ]);
    this.#startChecks = results;
    for (const side of ['salesforce', 'cleverbridge'] as const) {
      const failures = results.filter((r) => r.name.startsWith(`${side}.`) && r.status === 'failed');
      this.#checks[side] =
        failures.length === 0
          ? { ok: true }
          : { ok: false, detail: failures.map((f) => `${f.name}: ${f.detail}`).join('; ') };
    }
    for (const r of results) {
      const line = { check: r.name, status: r.status, detail: r.detail, ...(r.fix.length ? { fix: r.fix } : {}) };
      if (r.status === 'failed') this.log.error(line, 'start check failed');
      else if (r.status === 'warning') this.log.warn(line, 'start check warning');
      else this.log.info(line, `start check ${r.status}`);
    }
  }

  /** What `catalog-sync check` found when the daemon started. */
  get startChecks(): readonly CheckResult[] {
    return this.#startChecks;
  }

  afterRun(report: SyncReport | null, error: Error | null): void {
    if (error instanceof SalesforceError) this.#note('salesforce', error);
    else if (error instanceof CleverbridgeError) this.#note('cleverbridge', error);
    else if (report?.started && report.apply.stoppedBy) this.#note('cleverbridge', report.apply.stoppedBy);
    else if (report?.started && report.outcome !== 'failed') {
      this.#note('salesforce', null);
      this.#note('cleverbridge', null);
    }
  }

  readiness(): Record<string, Check> {
    return { stateDatabase: this.store.db.open ? { ok: true } : { ok: false, detail: 'closed' }, ...this.#checks };
  }
}
