import type { ServerResponse } from 'node:http';

/**
 * Hostile answers, for tests of how a client copes with what no documentation promises: the
 * next GraphQL request is answered with a canned response instead of being handled (a proxy's
 * HTML page with 200, malformed JSON, errors without a path), or handled and its JSON answer
 * rewritten (fields missing, ids of the wrong type, unexpected products, `errors` after `data`:
 * the answer keeps the rewritten object's key order), or handled and its answer cut: the
 * status, the headers (with the whole answer's Content-Length) and the first `share` of its
 * bytes are sent, then the connection is closed, a body broken mid-stream; or handled and its
 * answer dripped: sent whole, in `parts` pieces with `pauseMs` between them (a slow network, or
 * a body that stalls when the pause outlasts the client's timeout; `until`, in-process only,
 * ends each pause early when it settles, for a test that waits on something else). Each
 * scheduled fault is used once, in order.
 */
export type AnswerFault =
  | { kind: 'replace'; status: number; contentType: string; body: string; headers?: Record<string, string> }
  | { kind: 'rewrite'; rewrite: (body: any) => unknown }
  | { kind: 'cut'; share: number }
  | { kind: 'drip'; parts: number; pauseMs: number; until?: Promise<unknown> };

/** Sends the first `share` (0..1) of a JSON answer's bytes, then closes the connection. */
export function sendCut(res: ServerResponse, status: number, body: unknown, share: number): void {
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(bytes.length) });
  res.write(bytes.subarray(0, Math.floor(bytes.length * share)), () => res.destroy());
}

/** Sends a JSON answer whole, in `parts` pieces with `pauseMs` between them (or until `until`). */
export async function sendDrip(
  res: ServerResponse,
  status: number,
  body: unknown,
  { parts, pauseMs, until }: { parts: number; pauseMs: number; until?: Promise<unknown> },
) {
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(bytes.length) });
  const size = Math.ceil(bytes.length / parts);
  for (let at = 0; at < bytes.length; at += size) {
    if (at > 0) await pause(pauseMs, until);
    if (res.destroyed) return;
    res.write(bytes.subarray(at, at + size));
  }
  res.end();
}

function pause(ms: number, until: Promise<unknown> | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    const early = () => (clearTimeout(timer), resolve());
    until?.then(early, early);
  });
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
