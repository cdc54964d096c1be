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
  /** Commits still to publish as gap events instead of change events (gapNext). */
  #gapping = 0;
  /** Commits still to publish as overflow events instead of change events (overflowNext). */
  #overflowing = 0;

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

  /**
   * The store's commit listener: one change event per record written, in the commit's order, except
   * that records of one object given the same change in the commit share one event (its recordIds
   * name them all), as Salesforce merges "the same change in multiple records of the same object".
   */
  publishCommit(changes: readonly StoreChange[]): void {
    const merged = mergeSameChanges(changes.filter((c) => this.#selected.has(c.object.name)));
    if (merged.length === 0) return;
    if (this.#overflowing > 0) {
      this.#overflowing--;
      for (const object of new Set(merged.map((m) => m.object.name))) this.publishGap(object, 'GAP_OVERFLOW', []);
      return;
    }
    const commit = this.#commit(String(changes[0]?.after.LastModifiedById ?? ''));
    const gap = this.#gapping > 0;
    if (gap) this.#gapping--;
    merged.forEach((m, i) => {
      const header = {
        recordIds: m.recordIds,
        changeType: gap ? (`GAP_${m.changeType}` as ChangeType) : m.changeType,
        changedFields: gap ? [] : m.changedFields,
        changeOrigin: m.origin,
        transactionKey: commit.transactionKey,
        sequenceNumber: i + 1,
        commitTimestamp: commit.timestamp,
        commitNumber: commit.number,
        commitUser: m.user || commit.user,
      };
      this.#publish(m.object, eventData(m.object, header, gap ? {} : m.fields));
    });
  }

  /**
   * The next `commits` commits publish gap events in place of their change events, as Salesforce
   * does when it cannot generate a change event: the header names the records and the operation
   * (GAP_CREATE, GAP_UPDATE…), the body has no fields.
   */
  gapNext(commits = 1): void {
    this.#gapping += commits;
  }

  /**
   * The next `commits` commits publish, for each object they change, one overflow event in place of
   * their change events, as Salesforce does past its limit of changes per transaction: entityName,
   * GAP_OVERFLOW, no record ids, no fields.
   */
  overflowNext(commits = 1): void {
    this.#overflowing += commits;
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

interface MergedChange {
  object: SObjectDef;
  recordIds: string[];
  changeType: 'CREATE' | 'UPDATE' | 'DELETE' | 'UNDELETE';
  changedFields: string[];
  fields: Record<string, unknown>;
  origin: string;
  user: string;
}

/** The commit's changes as events: records of one object with the same change and body share one. */
function mergeSameChanges(changes: readonly StoreChange[]): MergedChange[] {
  const byKey = new Map<string, MergedChange>();
  for (const change of changes) {
    const changeType = changeTypeOf(change);
    if (!changeType) continue;
    const { fields, changedFields } = recordEventBody(change, changeType);
    const user = String(change.after.LastModifiedById ?? '');
    const key = JSON.stringify([change.object.name, changeType, fields, changedFields, change.origin, user]);
    const id = change.after.Id as string;
    const same = byKey.get(key);
    if (same) same.recordIds.push(id);
    else
      byKey.set(key, {
        object: change.object,
        recordIds: [id],
        changeType,
        changedFields,
        fields,
        origin: change.origin,
        user,
      });
  }
  return [...byKey.values()];
}

/** Whether an event reaches a subscriber of `channel`: its own object's channel, or all of them. */
export const matches = (channel: string, event: BusEvent): boolean =>
  channel === ALL_CHANGE_EVENTS || channel === event.channel;
