import type { OrgSchema } from '../schema/org-schema.js';
import type { SObjectDef } from '../schema/model.js';
import type { StoreChange } from '../store/record-store.js';
import {
  ALL_CHANGE_EVENTS,
  changeEventChannel,
  changeTypeOf,
  eventData,
  newTransactionKey,
  recordEventBody,
  type ChangeEventData,
  type ChangeType,
  type CommitInfo,
} from './change-event.js';

/** Salesforce keeps change data capture events for 72 hours. */
export const RETENTION_MS = 72 * 60 * 60 * 1000;

/** An event on the bus: its replay id, its object's channel, when it was published. */
export interface BusEvent {
  replayId: number;
  channel: string;
  publishedAt: number;
  data: ChangeEventData;
}

export type EventListener = (event: BusEvent) => void;

/** Where a subscription starts: -1 new events only, -2 all retained, or after a replay id. */
export type ReplayFrom = number;

/**
 * The org's event bus for Change Data Capture: every commit of the selected objects becomes change
 * events, in commit order, numbered with increasing replay ids. Events are kept 72 hours by the
 * org's clock; a replay id older than that (or one the bus never issued) is refused.
 */
export class ChangeEventBus {
  #events: BusEvent[] = [];
  #listeners = new Set<EventListener>();
  #lastReplayId = 0;
  #commitNumber = 0;
  #clock: () => number;
  #schema: OrgSchema;
  #selected: ReadonlySet<string>;

  /** `selected`: the objects selected for Change Data Capture (Setup's list). */
  constructor(schema: OrgSchema, clock: () => number, selected: Iterable<string>) {
    this.#schema = schema;
    this.#clock = clock;
    this.#selected = new Set(selected);
  }

  /** The channels a client may subscribe to: each selected object's and /data/ChangeEvents. */
  channelExists(channel: string): boolean {
    return channel === ALL_CHANGE_EVENTS || [...this.#selected].some((name) => changeEventChannel(name) === channel);
  }

  listen(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The store's commit listener: one change event per record written, in the commit's order. */
  publishCommit(changes: readonly StoreChange[]): void {
    const commit = this.#commit(String(changes[0]?.after.LastModifiedById ?? ''));
    let sequence = 0;
    for (const change of changes) {
      if (!this.#selected.has(change.object.name)) continue;
      const changeType = changeTypeOf(change);
      if (!changeType) continue;
      const { fields, changedFields } = recordEventBody(change, changeType);
      const header = {
        recordIds: [change.after.Id as string],
        changeType,
        changedFields,
        changeOrigin: change.origin,
        transactionKey: commit.transactionKey,
        sequenceNumber: ++sequence,
        commitTimestamp: commit.timestamp,
        commitNumber: commit.number,
        commitUser: String(change.after.LastModifiedById ?? commit.user),
      };
      this.#publish(change.object, eventData(change.object, header, fields));
    }
  }

  /** A gap event: the header names the records and what happened to them, the body has no fields. */
  publishGap(
    entityName: string,
    changeType: Exclude<ChangeType, 'GAP_OVERFLOW'> | 'GAP_OVERFLOW',
    recordIds: string[],
  ) {
    const object = this.#object(entityName);
    const commit = this.#commit('');
    const header = {
      recordIds: changeType === 'GAP_OVERFLOW' ? [] : recordIds,
      changeType,
      changedFields: [],
      changeOrigin: '',
      transactionKey: commit.transactionKey,
      sequenceNumber: 1,
      commitTimestamp: commit.timestamp,
      commitNumber: commit.number,
      commitUser: '',
    };
    return this.#publish(object, eventData(object, header, {}));
  }

  /**
   * Where a subscription starts: the retained events after `from` on `channel` (none for -1, all
   * retained for -2), or 'invalid' for a replay id the bus does not hold.
   */
  replay(channel: string, from: ReplayFrom): BusEvent[] | 'invalid' {
    this.#purgeExpired();
    if (from === -1) return [];
    if (from !== -2 && !this.#events.some((e) => e.replayId === from)) return 'invalid';
    const after = from === -2 ? 0 : from;
    return this.#events.filter((e) => e.replayId > after && matches(channel, e));
  }

  /** Forgets events published more than `ageMs` ago (all of them without an age), as the bus's purge does. */
  expire(ageMs = 0): number {
    const before = this.#events.length;
    const cutoff = this.#clock() - ageMs;
    this.#events = this.#events.filter((e) => ageMs > 0 && e.publishedAt > cutoff);
    return before - this.#events.length;
  }

  /** The retained events, oldest first (after the 72-hour purge). */
  retained(): readonly BusEvent[] {
    this.#purgeExpired();
    return this.#events;
  }

  #object(entityName: string): SObjectDef {
    const object = this.#schema.object(entityName);
    if (!object || !this.#selected.has(object.name))
      throw new RangeError(`${entityName} is not selected for Change Data Capture`);
    return object;
  }

  #commit(user: string): CommitInfo {
    return { timestamp: this.#clock(), number: ++this.#commitNumber, transactionKey: newTransactionKey(), user };
  }

  #publish(object: SObjectDef, data: ChangeEventData): BusEvent {
    this.#purgeExpired();
    data.event.replayId = ++this.#lastReplayId;
    const event = {
      replayId: data.event.replayId,
      channel: changeEventChannel(object.name),
      publishedAt: this.#clock(),
      data,
    };
    this.#events.push(event);
    for (const listener of this.#listeners) listener(event);
    return event;
  }

  #purgeExpired(): void {
    const cutoff = this.#clock() - RETENTION_MS;
    if (this.#events[0] && this.#events[0].publishedAt <= cutoff)
      this.#events = this.#events.filter((e) => e.publishedAt > cutoff);
  }
}

/** Whether an event reaches a subscriber of `channel`: its own object's channel, or all of them. */
export const matches = (channel: string, event: BusEvent): boolean =>
  channel === ALL_CHANGE_EVENTS || channel === event.channel;
