import type { Logger } from 'pino';
import type { CleverbridgeClient } from '../cleverbridge/client.js';
import { CleverbridgeError } from '../cleverbridge/errors.js';
import { ConfigError } from '../config/config-error.js';
import { SalesforceError } from '../salesforce/errors.js';
import type { StateStore } from '../state/state-store.js';
import type { SyncReport } from '../sync/types.js';

type Check = { ok: boolean; detail?: string };

/** The daemon's readiness: the state file, and the last word from each side. */
export class Health {
  readonly #checks: Record<'salesforce' | 'cleverbridge', Check> = {
    salesforce: { ok: false, detail: 'not connected yet' },
    cleverbridge: { ok: false, detail: 'not checked yet' },
  };

  constructor(
    private readonly store: StateStore,
    private readonly log: Logger,
  ) {}

  #note(side: 'salesforce' | 'cleverbridge', error: unknown): void {
    this.#checks[side] = error ? { ok: false, detail: (error as Error).message } : { ok: true };
  }

  /**
   * Connects to Salesforce and pings cleverbridge; a failure to reach either is logged and shown,
   * not fatal. A mapping that does not fit the org is: it throws, and start-up stops.
   */
  async check(salesforce: () => Promise<unknown>, cleverbridge: CleverbridgeClient): Promise<void> {
    await Promise.all([
      salesforce().then(
        () => this.#note('salesforce', null),
        (e: unknown) => {
          if (e instanceof ConfigError) throw e;
          this.#note('salesforce', e);
        },
      ),
      cleverbridge.ping().then(
        () => this.#note('cleverbridge', null),
        (e: unknown) => this.#note('cleverbridge', e),
      ),
    ]);
    for (const [side, check] of Object.entries(this.#checks))
      if (!check.ok) this.log.error({ side, detail: check.detail }, 'connection check failed');
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
