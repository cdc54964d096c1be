import type { SessionManager } from '../auth/sessions.js';
import type { SalesforceOrg } from '../org.js';
import type { ChangeType } from './change-event.js';
import { ChangeEventBus, type BusEvent } from './event-bus.js';
import { StreamingServer, type StreamingOptions } from './streaming-server.js';

export interface SandboxStreamingOptions extends StreamingOptions {
  /** Objects selected for Change Data Capture; Product2, PricebookEntry and every custom object by default. */
  changeDataCapture?: string[];
}

export type GapChangeType = Exclude<Extract<ChangeType, `GAP_${string}`>, 'GAP_OVERFLOW'>;

/** The Streaming API of the sandbox and its controls for tests (also under /__sandbox/streaming/). */
export interface SandboxStreaming {
  readonly bus: ChangeEventBus;
  readonly server: StreamingServer;
  /** Publishes a gap event for the records (GAP_UPDATE by default): header only, no fields. */
  emitGap(entityName: string, recordIds: string[], changeType?: GapChangeType): BusEvent;
  /** The next `commits` commits publish gap events (header only) instead of their change events. */
  gapNext(commits?: number): void;
  /** The next `commits` commits publish one overflow event per object instead of their change events. */
  overflowNext(commits?: number): void;
  /** Publishes an overflow event for the object: GAP_OVERFLOW, no record ids, no fields. */
  emitOverflow(entityName: string): BusEvent;
  /** Forgets every streaming client and drops their held connections: the next connect gets 403::Unknown client. */
  dropClients(): number;
  /** Purges events older than `olderThanMs` (all without it), as the 72-hour retention would. */
  expireEvents(olderThanMs?: number): number;
}

const GAP_TYPES: ReadonlySet<string> = new Set(['GAP_CREATE', 'GAP_UPDATE', 'GAP_DELETE', 'GAP_UNDELETE']);

/**
 * The org's change event bus, fed by every commit of its store from now on (seeds that ran before
 * publish nothing), and the CometD endpoint that delivers it.
 */
export function startStreaming(
  org: SalesforceOrg,
  sessions: SessionManager,
  clock: () => number,
  options: SandboxStreamingOptions = {},
): SandboxStreaming {
  const selected = options.changeDataCapture ?? [
    'Product2',
    'PricebookEntry',
    ...org.schema
      .objects()
      .filter((o) => o.custom)
      .map((o) => o.name),
  ];
  const bus = new ChangeEventBus(org.schema, clock, selected);
  org.store.onCommit((changes) => bus.publishCommit(changes));
  const server = new StreamingServer(bus, sessions, options);
  return {
    bus,
    server,
    emitGap(entityName, recordIds, changeType = 'GAP_UPDATE') {
      if (!GAP_TYPES.has(changeType)) throw new RangeError(`not a gap event type: ${changeType}`);
      return bus.publishGap(entityName, changeType, recordIds);
    },
    gapNext: (commits) => bus.gapNext(commits),
    overflowNext: (commits) => bus.overflowNext(commits),
    emitOverflow: (entityName) => bus.publishGap(entityName, 'GAP_OVERFLOW', []),
    dropClients: () => server.dropClients(),
    expireEvents: (olderThanMs) => bus.expire(olderThanMs),
  };
}

/** The control routes: POST /__sandbox/streaming/{gap,gap-next,overflow,overflow-next,drop-clients,expire-events}. */
export function streamingAdminRoutes(streaming: SandboxStreaming) {
  type Body = <T>() => Promise<T>;
  return {
    'POST /__sandbox/streaming/gap': async (body: Body) => {
      const b = await body<{ entity: string; recordIds: string[]; changeType?: GapChangeType }>();
      return { replayId: streaming.emitGap(b.entity, b.recordIds ?? [], b.changeType).replayId };
    },
    'POST /__sandbox/streaming/gap-next': async (body: Body) => {
      const b = await body<{ commits?: number }>();
      streaming.gapNext(b.commits ?? 1);
      return { gapping: b.commits ?? 1 };
    },
    'POST /__sandbox/streaming/overflow-next': async (body: Body) => {
      const b = await body<{ commits?: number }>();
      streaming.overflowNext(b.commits ?? 1);
      return { overflowing: b.commits ?? 1 };
    },
    'POST /__sandbox/streaming/overflow': async (body: Body) => {
      const b = await body<{ entity: string }>();
      return { replayId: streaming.emitOverflow(b.entity).replayId };
    },
    'POST /__sandbox/streaming/drop-clients': () => ({ dropped: streaming.dropClients() }),
    'POST /__sandbox/streaming/expire-events': async (body: Body) => {
      const b = await body<{ olderThanMs?: number }>();
      return { expired: streaming.expireEvents(b.olderThanMs) };
    },
    'GET /__sandbox/streaming/events': () => streaming.bus.retained().map((e) => ({ channel: e.channel, ...e.data })),
  };
}
