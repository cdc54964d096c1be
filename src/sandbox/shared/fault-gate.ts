import type { IncomingMessage, ServerResponse } from 'node:http';
import { sleep, type FaultInjector } from './faults.js';
import { send } from '../../lib/http-server.js';
import type { RequestRecord } from './request-log.js';

/** The page a gateway in front of an API answers with for a 5xx of its own. */
export const gatewayHtml = (status: number) =>
  `<html><head><title>${status}</title></head><body><h1>${status} ${
    status === 502 ? 'Bad Gateway' : status === 503 ? 'Service Unavailable' : 'Server Error'
  }</h1></body></html>`;

/**
 * Plays the injector's decision for one request before it is handled: waits the latency, then
 * drops the connection or answers the injected 5xx (a 500 with the API's own body from
 * `answer500`, other statuses with a gateway page), recording what happened. Returns null when
 * the request has been dealt with; otherwise whether its answer must be lost after handling.
 */
export async function passFaults(
  faults: FaultInjector,
  req: IncomingMessage,
  res: ServerResponse,
  answer500: () => void,
  record: (status: number, outcome: RequestRecord['outcome']) => void,
): Promise<{ dropAnswer: boolean } | null> {
  const fault = faults.decide();
  await sleep(fault.delayMs);
  if (fault.action === 'drop' && fault.phase === 'before') {
    req.socket.destroy();
    record(0, 'dropped');
    return null;
  }
  if (fault.action === 'error') {
    if (fault.status === 500) answer500();
    else send(res, fault.status, 'text/html', gatewayHtml(fault.status));
    record(fault.status, 'fault');
    return null;
  }
  return { dropAnswer: fault.action === 'drop' };
}
