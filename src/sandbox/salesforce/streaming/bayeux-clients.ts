import { randomBytes } from 'node:crypto';
import type { SandboxUser } from '../auth/sessions.js';
import { matches, type BusEvent } from './event-bus.js';

/** A message the server delivers on a subscribed channel. */
export interface DeliveredMessage {
  channel: string;
  data: BusEvent['data'];
}

interface HeldConnect {
  answer: (messages: DeliveredMessage[]) => void;
  drop: () => void;
  timer: NodeJS.Timeout;
}

/** One handshaken Bayeux client: who it is, what it subscribed to, what waits for its next connect. */
export class BayeuxClient {
  readonly id: string;
  readonly user: SandboxUser;
  readonly subscriptions = new Set<string>();
  /** The BAYEUX_BROWSER cookie its handshake set, which every later request must carry. */
  readonly browser = randomBytes(12).toString('base64url');
  /** When its last /meta/connect was answered (real time): it must come back within the reconnect timeout. */
  answeredAt: number;
  #queue: DeliveredMessage[] = [];
  #held: HeldConnect | null = null;

  constructor(id: string, user: SandboxUser, now: number) {
    this.id = id;
    this.user = user;
    this.answeredAt = now;
  }

  get holding(): boolean {
    return this.#held !== null;
  }

  /** Queues an event for every subscription it matches (once), and answers a held connect with it. */
  offer(event: BusEvent): void {
    for (const channel of this.subscriptions) {
      if (!matches(channel, event)) continue;
      this.#queue.push({ channel, data: event.data });
    }
    this.#release();
  }

  /** Queues replayed events of one channel, as a subscribe with the replay extension asks. */
  enqueue(messages: DeliveredMessage[]): void {
    this.#queue.push(...messages);
    this.#release();
  }

  /**
   * A /meta/connect: answered at once when messages wait, otherwise held until one arrives or
   * `holdMs` passes. A second connect while one is held answers the first empty.
   */
  connect(holdMs: number): Promise<DeliveredMessage[]> {
    if (this.#held) this.#answer([]);
    if (this.#queue.length > 0) return Promise.resolve(this.#take());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.#answer([]), holdMs);
      this.#held = { answer: resolve, drop: () => reject(new DroppedConnection()), timer };
    });
  }

  /** Ends a held connect without an answer: its connection is dropped. */
  drop(): void {
    const held = this.#held;
    if (!held) return;
    this.#held = null;
    clearTimeout(held.timer);
    held.drop();
  }

  #release(): void {
    if (this.#held && this.#queue.length > 0) this.#answer(this.#take());
  }

  #take(): DeliveredMessage[] {
    const out = this.#queue;
    this.#queue = [];
    return out;
  }

  #answer(messages: DeliveredMessage[]): void {
    const held = this.#held;
    if (!held) return;
    this.#held = null;
    clearTimeout(held.timer);
    held.answer(messages);
  }
}

/** A held connect whose connection the sandbox dropped (fault injection). */
export class DroppedConnection extends Error {
  constructor() {
    super('the streaming connection was dropped');
  }
}

/** The server's clients by clientId; a client it forgot answers 403::Unknown client. */
export class BayeuxClients {
  #clients = new Map<string, BayeuxClient>();
  #reconnectTimeoutMs: number;

  constructor(reconnectTimeoutMs: number) {
    this.#reconnectTimeoutMs = reconnectTimeoutMs;
  }

  get size(): number {
    return this.#clients.size;
  }

  create(user: SandboxUser): BayeuxClient {
    const client = new BayeuxClient(randomBytes(16).toString('base64url').toLowerCase(), user, Date.now());
    this.#clients.set(client.id, client);
    return client;
  }

  /**
   * The client, or undefined when unknown: never handshaken, disconnected, dropped, or silent past
   * the reconnect timeout after its last connect was answered.
   */
  get(id: unknown): BayeuxClient | undefined {
    const client = typeof id === 'string' ? this.#clients.get(id) : undefined;
    if (client && !client.holding && Date.now() - client.answeredAt > this.#reconnectTimeoutMs) {
      this.remove(client.id);
      return undefined;
    }
    return client;
  }

  remove(id: string): void {
    this.#clients.get(id)?.drop();
    this.#clients.delete(id);
  }

  /** Every live client, for delivering an event. */
  all(): BayeuxClient[] {
    return [...this.#clients.values()];
  }

  /** Forgets every client and drops their held connections; answers how many there were. */
  dropAll(): number {
    const n = this.#clients.size;
    for (const id of [...this.#clients.keys()]) this.remove(id);
    return n;
  }
}
