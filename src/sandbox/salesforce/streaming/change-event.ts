import { createHash, randomUUID } from 'node:crypto';
import type { SObjectDef, StoredRecord } from '../schema/model.js';
import type { StoreChange } from '../store/record-store.js';

/** A change event's changeType: the operation, or a gap or overflow event. */
export type ChangeType =
  | 'CREATE'
  | 'UPDATE'
  | 'DELETE'
  | 'UNDELETE'
  | 'GAP_CREATE'
  | 'GAP_UPDATE'
  | 'GAP_DELETE'
  | 'GAP_UNDELETE'
  | 'GAP_OVERFLOW';

export interface ChangeEventHeader {
  entityName: string;
  recordIds: string[];
  changeType: ChangeType;
  changedFields: string[];
  changeOrigin: string;
  transactionKey: string;
  sequenceNumber: number;
  commitTimestamp: number;
  commitNumber: number;
  commitUser: string;
}

/** What a CometD subscriber receives as a message's `data`. */
export interface ChangeEventData {
  schema: string;
  payload: { ChangeEventHeader: ChangeEventHeader } & Record<string, unknown>;
  event: { replayId: number };
}

/** One commit as the events of it share it: when, by whom, its key and number. */
export interface CommitInfo {
  timestamp: number;
  number: number;
  transactionKey: string;
  user: string;
}

export const newTransactionKey = (): string => randomUUID();

/**
 * The change event channel of an object: `/data/<Standard>ChangeEvent`, and for a custom object
 * `/data/<Name>__ChangeEvent` (Price_Tier__c -> /data/Price_Tier__ChangeEvent).
 */
export function changeEventChannel(entityName: string): string {
  const base = entityName.endsWith('__c') ? `${entityName.slice(0, -3)}__` : entityName;
  return `/data/${base}ChangeEvent`;
}

/** The channel every selected object's events go to as well. */
export const ALL_CHANGE_EVENTS = '/data/ChangeEvents';

/** A schema id that stays the same while the object's fields do, as Salesforce's does. */
export function schemaId(object: SObjectDef): string {
  const names = object.fields.map((f) => `${f.name}:${f.type}`).join(',');
  return createHash('sha256').update(`${object.name}|${names}`).digest('base64url').slice(0, 22);
}

/** Fields a change event never carries: the id (it is in recordIds), IsDeleted, SystemModstamp, derived ones. */
const carried = (object: SObjectDef) =>
  object.fields.filter((f) => !f.derive && f.name !== 'Id' && f.name !== 'IsDeleted' && f.name !== 'SystemModstamp');

/** A field value as the event's JSON has it: date-times as ISO 8601 in UTC. */
function eventValue(type: string, value: unknown): unknown {
  if (type === 'datetime' && typeof value === 'number') return new Date(value).toISOString();
  return value;
}

/** What the write did, or null when it moved nothing an event reports (a system touch of SystemModstamp). */
export function changeTypeOf(change: StoreChange): 'CREATE' | 'UPDATE' | 'DELETE' | 'UNDELETE' | null {
  const { before, after } = change;
  if (!before) return 'CREATE';
  if (before.IsDeleted !== true && after.IsDeleted === true) return 'DELETE';
  if (before.IsDeleted === true && after.IsDeleted !== true) return 'UNDELETE';
  return changedFieldNames(change.object, before, after).length > 0 ? 'UPDATE' : null;
}

function changedFieldNames(object: SObjectDef, before: StoredRecord, after: StoredRecord): string[] {
  return carried(object)
    .filter((f) => before[f.name] !== after[f.name])
    .map((f) => f.name);
}

/**
 * The body of one record's change event. CREATE and UNDELETE carry every non-null field; UPDATE
 * the changed fields (nulled ones as null) and LastModifiedDate, which changedFields names too;
 * DELETE only the header.
 */
export function recordEventBody(
  change: StoreChange,
  changeType: 'CREATE' | 'UPDATE' | 'DELETE' | 'UNDELETE',
): { fields: Record<string, unknown>; changedFields: string[] } {
  const { object, before, after } = change;
  const fields: Record<string, unknown> = {};
  if (changeType === 'DELETE') return { fields, changedFields: [] };
  if (changeType === 'UPDATE') {
    const names = new Set(changedFieldNames(object, before as StoredRecord, after));
    names.add('LastModifiedDate');
    for (const f of carried(object)) if (names.has(f.name)) fields[f.name] = eventValue(f.type, after[f.name] ?? null);
    return { fields, changedFields: [...names] };
  }
  for (const f of carried(object)) {
    const value = after[f.name];
    if (value !== null && value !== undefined) fields[f.name] = eventValue(f.type, value);
  }
  return { fields, changedFields: [] };
}

/** An event's data before the bus numbers it (replayId 0 until published). */
export function eventData(
  object: SObjectDef,
  header: Omit<ChangeEventHeader, 'entityName'>,
  fields: Record<string, unknown>,
): ChangeEventData {
  return {
    schema: schemaId(object),
    payload: { ChangeEventHeader: { entityName: object.name, ...header }, ...fields },
    event: { replayId: 0 },
  };
}
