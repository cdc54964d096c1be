import type { StatusUpdate, StatusWrite, StatusWriter } from '../sync/ports.js';
import { backoffDelay, RETRY_TABLE, sleep, type Sleep } from '../sync/retry-policy.js';
import type { SfConnection } from './connection.js';
import { ReadPass } from './read-pass.js';

/** Records one sObject Collections call takes. */
const COLLECTION_SIZE = 200;
/** Collections calls in flight at once: well inside Salesforce's concurrent request limit. */
const CONCURRENCY = 4;

interface SaveResult {
  success: boolean;
  errors?: Array<{ statusCode?: string; message?: string }>;
}

/** A save another process's lock refused: worth sending again, that record alone. */
const locked = (r: SaveResult) => !r.success && r.errors?.some((e) => e.statusCode === 'UNABLE_TO_LOCK_ROW') === true;

interface Chunk {
  rows: StatusUpdate[];
  attempt: number;
}

/**
 * Writes sync outcomes to Product2 in sObject Collections of 200 (allOrNone false), a few calls
 * at a time; per-record failures are counted, except a record another process holds locked
 * (UNABLE_TO_LOCK_ROW): it alone is sent again after a backoff, a bounded number of times. A call that gets no answer is retried by the
 * retry table (it sets the same values, so a repeat is harmless); one that still fails counts
 * its records as failed and the others go on. A refusal of the credentials or a spent API limit
 * stops the write-back: it throws.
 */
export class SalesforceStatusWriter implements StatusWriter {
  #lengths: Promise<Map<string, number>> | null = null;

  constructor(
    private readonly conn: SfConnection,
    private readonly wait: Sleep = sleep,
  ) {}

  async fieldLength(field: string): Promise<{ length: number | null; requests: number }> {
    const pass = new ReadPass(this.conn, this.wait);
    if (!this.#lengths) {
      const asked = pass
        .call('describing Product2', () => this.conn.sobject('Product2').describe())
        .then((d) => new Map(d.fields.map((f) => [f.name.toLowerCase(), f.length])));
      this.#lengths = asked;
      // A failed describe is asked again next time.
      asked.catch(() => (this.#lengths = null));
    }
    const lengths = await this.#lengths;
    return { length: lengths.get(field.toLowerCase()) || null, requests: pass.requests };
  }

  async write(updates: readonly StatusUpdate[]): Promise<StatusWrite> {
    const pass = new ReadPass(this.conn, this.wait);
    let written = 0;
    const errors: string[] = [];
    const chunks: Chunk[] = [];
    for (let i = 0; i < updates.length; i += COLLECTION_SIZE)
      chunks.push({ rows: updates.slice(i, i + COLLECTION_SIZE), attempt: 1 });
    const lockRetry = RETRY_TABLE.SF_ROW_LOCKED;
    const worker = async () => {
      for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
        const { rows, attempt } = chunk;
        let results: SaveResult[];
        try {
          results = (await pass.call('writing sync status back', () =>
            this.conn.sobject('Product2').update(rows as Array<{ Id: string }>, { allOrNone: false }),
          )) as unknown as SaveResult[];
        } catch (error) {
          if ((error as { code?: string }).code !== 'SF_UNAVAILABLE') throw error;
          for (let i = 0; i < rows.length; i++) errors.push((error as Error).message);
          continue;
        }
        const again: StatusUpdate[] = [];
        results.forEach((r, i) => {
          if (r.success) written++;
          else if (locked(r) && attempt < lockRetry.maxAttempts) again.push(rows[i]!);
          else
            errors.push(
              `${rows[i]!.Id}: ${r.errors?.map((e) => `${e.statusCode ?? 'ERROR'}: ${e.message}`).join('; ') ?? 'unknown error'}`,
            );
        });
        if (again.length === 0) continue;
        // The locked records alone, after a backoff; this worker picks them up itself.
        await this.wait(backoffDelay(lockRetry, attempt));
        chunks.push({ rows: again, attempt: attempt + 1 });
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, chunks.length) }, worker));
    return { written, failed: errors.length, errors, requests: pass.requests };
  }
}
