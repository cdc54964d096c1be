import { SfError, SfErrorCode, unsupportedSoql } from '../errors.js';
import type { FieldDef, SObjectDef, StoredRecord } from '../schema/model.js';
import type { SchemaView } from '../schema/schema-view.js';
import type { RecordStore } from './record-store.js';

/** A field reached from a queried object, possibly through parent relationships (`Product2.Name`). */
export interface FieldPath {
  /** The reference fields walked, each with the object it leads to. */
  hops: Array<{ reference: FieldDef; object: SObjectDef }>;
  field: FieldDef;
  /** The object that holds `field`. */
  owner: SObjectDef;
  /** Canonical dotted name, e.g. `Pricebook2.IsStandard`. */
  text: string;
}

/** Salesforce allows five levels of child-to-parent relationship in a field path. */
const MAX_PARENT_LEVELS = 5;

/**
 * Resolves `Field` or `Relationship.Field` against the schema, failing as SOQL does on an unknown
 * relationship or column. `alias` is the FROM clause's alias, which may prefix the path.
 */
export function resolveFieldPath(schema: SchemaView, object: SObjectDef, raw: string, alias?: string): FieldPath {
  const parts = raw.split('.');
  if (alias && parts.length > 1 && parts[0]?.toLowerCase() === alias.toLowerCase()) parts.shift();
  if (parts.length - 1 > MAX_PARENT_LEVELS) {
    throw new SfError(
      400,
      SfErrorCode.InvalidField,
      `${raw}: no more than ${MAX_PARENT_LEVELS} levels of child-to-parent relationship can be used in a field path`,
    );
  }
  const hops: FieldPath['hops'] = [];
  const names: string[] = [];
  let current = object;
  for (const part of parts.slice(0, -1)) {
    const reference = schema.parentRelationship(current, part);
    if (!reference) {
      throw new SfError(
        400,
        SfErrorCode.InvalidField,
        `Didn't understand relationship '${part}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    }
    const target = schema.object(reference.referenceTo ?? '');
    if (!target)
      throw unsupportedSoql(
        `The relationship ${current.name}.${reference.relationshipName} (to ${reference.referenceTo}, an object the sandbox does not emulate)`,
      );
    hops.push({ reference, object: target });
    names.push(reference.relationshipName as string);
    current = target;
  }
  const last = parts[parts.length - 1] as string;
  const f = schema.field(current, last);
  if (!f) {
    throw new SfError(
      400,
      SfErrorCode.InvalidField,
      `No such column '${last}' on entity '${current.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
    );
  }
  names.push(f.name);
  return { hops, field: f, owner: current, text: names.join('.') };
}

/** A field's value on a record, computing derived fields from the parents they read. */
export function readField(store: RecordStore, record: StoredRecord, f: FieldDef): unknown {
  if (!f.derive) return record[f.name] ?? null;
  return f.derive(record, (reference) => {
    const id = record[reference];
    return typeof id === 'string' ? store.find(id)?.record : undefined;
  });
}

/** The parent record a path's hops lead to, or undefined where a reference is empty. */
export function walkParents(
  store: RecordStore,
  record: StoredRecord,
  hops: FieldPath['hops'],
  upTo = hops.length,
): StoredRecord | undefined {
  let current: StoredRecord | undefined = record;
  for (let i = 0; i < upTo && current; i++) {
    const hop = hops[i] as FieldPath['hops'][number];
    const id: unknown = current[hop.reference.name];
    current = typeof id === 'string' ? store.get(hop.object, id) : undefined;
  }
  return current;
}

export function readPath(store: RecordStore, record: StoredRecord, path: FieldPath): unknown {
  const owner = walkParents(store, record, path.hops);
  return owner ? readField(store, owner, path.field) : null;
}
