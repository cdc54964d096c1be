import type { IncomingMessage } from 'node:http';
import { clientAddress } from '../../lib/http-server.js';

/** What an emulator records of each request, for tests and benchmarks to read. */
export interface RequestRecord {
  /** Epoch milliseconds when the request arrived. */
  at: number;
  method: string;
  path: string;
  client: string;
  /** HTTP status sent, or 0 when the connection was dropped without an answer. */
  status: number;
  durationMs: number;
  /** How the emulator disposed of it. */
  outcome: 'handled' | 'rate-limited' | 'unauthorized' | 'fault' | 'dropped' | 'rejected';
  /** The API operations it carried, e.g. "mutation:createProduct", with their own result. */
  operations: Array<{ kind: string; ok: boolean }>;
}

export interface RequestStats {
  requests: number;
  byStatus: Record<string, number>;
  byOutcome: Record<string, number>;
  /** Operations attempted, by kind (each alias of a batched mutation counts once). */
  operations: Record<string, number>;
  /** Operations that failed, by kind. */
  failedOperations: Record<string, number>;
}

const bump = (map: Record<string, number>, key: string, by = 1) => {
  map[key] = (map[key] ?? 0) + by;
};

/**
 * Counters over the server's life plus the most recent requests in a bounded ring, so a long
 * benchmark cannot grow it without end.
 */
export class RequestLog {
  #capacity: number;
  #recent: RequestRecord[] = [];
  #stats: RequestStats = RequestLog.#empty();

  constructor(capacity = 10_000) {
    this.#capacity = capacity;
  }

  static #empty(): RequestStats {
    return { requests: 0, byStatus: {}, byOutcome: {}, operations: {}, failedOperations: {} };
  }

  record(entry: RequestRecord): void {
    const s = this.#stats;
    s.requests++;
    bump(s.byStatus, String(entry.status));
    bump(s.byOutcome, entry.outcome);
    for (const op of entry.operations) {
      bump(s.operations, op.kind);
      if (!op.ok) bump(s.failedOperations, op.kind);
    }
    this.#recent.push(entry);
    if (this.#recent.length > this.#capacity) this.#recent.splice(0, this.#recent.length - this.#capacity);
  }

  stats(): RequestStats {
    return structuredClone(this.#stats);
  }

  /** The most recent requests, oldest first. */
  entries(): RequestRecord[] {
    return [...this.#recent];
  }

  reset(): void {
    this.#recent = [];
    this.#stats = RequestLog.#empty();
  }
}

/** Records one request when it ends, timing it from when this was called. */
export function requestRecorder(log: RequestLog, req: IncomingMessage, path: string) {
  const at = Date.now();
  const client = clientAddress(req);
  return (status: number, outcome: RequestRecord['outcome'], operations: RequestRecord['operations'] = []) =>
    log.record({
      at,
      method: req.method ?? '',
      path,
      client,
      status,
      outcome,
      operations,
      durationMs: Date.now() - at,
    });
}
