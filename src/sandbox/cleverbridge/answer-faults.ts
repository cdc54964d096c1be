/**
 * Hostile answers, for tests of how a client copes with what no documentation promises: the
 * next GraphQL request is answered with a canned response instead of being handled (a proxy's
 * HTML page with 200, malformed JSON, errors without a path), or handled and its JSON answer
 * rewritten (fields missing, ids of the wrong type, unexpected products). Each scheduled fault
 * is used once, in order.
 */
export type AnswerFault =
  | { kind: 'replace'; status: number; contentType: string; body: string; headers?: Record<string, string> }
  | { kind: 'rewrite'; rewrite: (body: any) => unknown };

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
