import 'jsforce/lib/api/streaming.js'; // registers conn.streaming
import type { ChangeEvent, ChangeStream, ChangeStreamHandlers, OpenStream } from '../sync/ports.js';
import type { SfConnection } from './connection.js';

type Json = Record<string, any>;
type Next = (message: Json | null) => void;

/**
 * The Change Data Capture channel of one object: `/data/<Object>ChangeEvent`, a custom object's
 * without its `__c` (Price_Tier__c: `/data/Price_Tier__ChangeEvent`).
 */
export const channelOf = (object: string): string =>
  `/data/${object.endsWith('__c') ? object.slice(0, -1) : object}ChangeEvent`;

/** A delivered change event in our terms, or null when the message is not one. */
export function parseChangeEvent(channel: string, data: Json): ChangeEvent | null {
  const header = data?.payload?.ChangeEventHeader as Json | undefined;
  const replayId = data?.event?.replayId;
  if (!header || typeof replayId !== 'number' || typeof header.entityName !== 'string') return null;
  const { ChangeEventHeader: _h, ...fields } = data.payload as Json;
  return {
    channel,
    replayId,
    entity: header.entityName,
    changeType: String(header.changeType),
    recordIds: Array.isArray(header.recordIds) ? header.recordIds.map(String) : [],
    changedFields: Array.isArray(header.changedFields) ? header.changedFields.map(String) : [],
    commitTimestamp: typeof header.commitTimestamp === 'number' ? header.commitTimestamp : null,
    fields,
  };
}

/** Why Salesforce refused a subscribe, from its Bayeux error ("400::…"). */
function refusal(error: string): 'no-channel' | 'replay-invalid' | 'other' {
  if (/channel you requested to subscribe to doesn't exist/i.test(error)) return 'no-channel';
  if (/replayId .* invalid/i.test(error)) return 'replay-invalid';
  return 'other';
}

/**
 * Watches the Bayeux meta channels for what faye does not tell its caller: a handshake again
 * (Salesforce forgot the client), a refused subscribe (first or after a reconnect, when faye
 * subscribes again by itself), and the advice to give up (the session is no longer valid).
 * Once closed, it lets nothing more out.
 */
function metaWatch(on: ChangeStreamHandlers) {
  const state = { closed: false, handshakes: 0 };
  return {
    state,
    outgoing(message: Json, next: Next) {
      next(state.closed ? null : message);
    },
    incoming(message: Json, next: Next) {
      const channel = String(message.channel ?? '');
      if (channel === '/meta/handshake' && message.successful && state.handshakes++ > 0) on.reconnected();
      if (channel === '/meta/subscribe') {
        const subscription = String(message.subscription ?? '');
        if (message.successful) on.subscribed(subscription);
        else on.refused(subscription, refusal(String(message.error ?? '')), String(message.error ?? ''));
      } else if (
        (channel === '/meta/connect' || channel === '/meta/handshake') &&
        message.advice?.reconnect === 'none'
      ) {
        state.closed = true;
        on.authFailed(String(message.ext?.sfdc?.failureReason ?? message.error ?? 'authentication failed'));
      }
      next(message);
    },
  };
}

/**
 * The replay extension for several channels of one client: each subscribe carries its own
 * channel's position (`ext.replay: {"<channel>": replayId}`), the last event received on it, so a
 * subscribe faye sends again after a reconnect asks for what was missed. jsforce's Replay
 * extension is for one channel: several of them in one client each overwrite `ext.replay`, and
 * every channel is subscribed from the last one's position.
 */
function replayFrom(from: ReadonlyMap<string, number>) {
  const positions = new Map(from);
  return {
    incoming(message: Json, next: Next) {
      const id = message.data?.event?.replayId;
      if (typeof id === 'number' && positions.has(message.channel)) positions.set(message.channel, id);
      next(message);
    },
    outgoing(message: Json, next: Next) {
      const channel = String(message.subscription ?? '');
      if (message.channel === '/meta/subscribe' && positions.has(channel))
        message.ext = { ...message.ext, replay: { [channel]: positions.get(channel) } };
      next(message);
    },
  };
}

/**
 * Salesforce's change events through jsforce's streaming client (faye, CometD long polling), with
 * the replay extension above. faye reconnects by itself after a dropped connection or
 * an unknown-client answer, and subscribes again from the last event it received; what it cannot
 * recover from (a refused subscribe, a session Salesforce no longer accepts) is handed to the
 * caller, which opens a new stream.
 */
export class SalesforceChangeStream implements ChangeStream {
  /** `logIn`: a new session for the connection (the stream's header takes its token as it is). */
  constructor(
    private readonly connection: () => Promise<SfConnection>,
    private readonly logIn: (conn: SfConnection) => Promise<unknown>,
  ) {}

  async open(from: ReadonlyMap<string, number>, on: ChangeStreamHandlers, relogin = false): Promise<OpenStream> {
    const conn = await this.connection();
    if (relogin) await this.logIn(conn);
    const watch = metaWatch(on);
    const client = conn.streaming.createClient([watch, replayFrom(from)] as never[]);
    const events = client as unknown as { on(name: string, listener: () => void): void };
    events.on('transport:down', () => on.transport(false));
    events.on('transport:up', () => on.transport(true));
    for (const channel of from.keys()) {
      // A refusal reaches `on.refused` through the watch; the promise's rejection is the same one.
      void Promise.resolve(
        client.subscribe(channel, (data: Json) => {
          const event = parseChangeEvent(channel, data);
          if (event) on.event(event);
        }),
      ).catch(() => undefined);
    }
    return {
      close() {
        const disconnect = (client as unknown as { disconnect(): unknown }).disconnect();
        watch.state.closed = true;
        // Salesforce is told, if it answers within a second; then nothing of the client is left.
        const told = Promise.resolve(disconnect).catch(() => undefined);
        const second = new Promise((resolve) => setTimeout(resolve, 1000));
        void Promise.race([told, second]).then(() => stopDispatcher(client));
      },
    };
  }
}

interface FayeEnvelope {
  timer?: NodeJS.Timeout | null;
  request?: Promise<{ abort?(): void } | undefined> | null;
}

/**
 * faye has no way to stop a client whose connection is down or held: its dispatcher resends each
 * message until answered, and times out a held connect after 132 s, each on a timer that keeps
 * the process alive. Closing the dispatcher (what jsforce reaches into too, `_dispatcher`) stops
 * the resends; its envelopes are forgotten, their timers cleared and their requests aborted.
 */
function stopDispatcher(client: unknown): void {
  const dispatcher = (client as { _dispatcher?: { close(): void; _envelopes?: Map<string, FayeEnvelope> } })
    ._dispatcher;
  if (!dispatcher) return;
  dispatcher.close();
  const envelopes = [...(dispatcher._envelopes?.values() ?? [])];
  // Forgotten first: an aborted request's error then finds nothing to resend later.
  dispatcher._envelopes?.clear();
  for (const envelope of envelopes) {
    if (envelope.timer) clearTimeout(envelope.timer);
    void envelope.request?.then((r) => r?.abort?.()).catch(() => undefined);
  }
}
