import type { ServerResponse } from 'node:http';

/**
 * Hostile answers, for tests of how a client copes with what no documentation promises: the
 * next GraphQL request is answered with a canned response instead of being handled (a proxy's
 * HTML page with 200, malformed JSON, errors without a path), or handled and its JSON answer
 * rewritten (fields missing, ids of the wrong type, unexpected products, `errors` after `data`:
 * the answer keeps the rewritten object's key order), or handled and its answer cut: the
 * status, the headers (with the whole answer's Content-Length) and the first `share` of its
 * bytes are sent, then the connection is closed, a body broken mid-stream. Each scheduled fault
 * is used once, in order.
 */
export type AnswerFault =
  | { kind: 'replace'; status: number; contentType: string; body: string; headers?: Record<string, string> }
  | { kind: 'rewrite'; rewrite: (body: any) => unknown }
  | { kind: 'cut'; share: number };

/** Sends the first `share` (0..1) of a JSON answer's bytes, then closes the connection. */
export function sendCut(res: ServerResponse, status: number, body: unknown, share: number): void {
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(bytes.length) });
  res.write(bytes.subarray(0, Math.floor(bytes.length * share)), () => res.destroy());
}

export class AnswerFaults {
  #scheduled: AnswerFault[] = [];

  schedule(fault: AnswerFault): void {
    this.#scheduled.push(fault);
  }

  next(): AnswerFault | undefined {
    return this.#scheduled.shift();
  }

  clear(): void {
    this.#scheduled = [];
  }
}
