import { canonicalId } from '../record-id.js';
import { SfError, SfErrorCode, type SfErrorDetail } from '../errors.js';
import { isRequired, type FieldDef, type SObjectDef, type StoredRecord } from '../schema/model.js';
import type { SchemaView } from '../schema/schema-view.js';
import type { RecordStore } from '../store/record-store.js';
import { checkFieldValue, decodeFieldValue } from './field-input.js';
import { OBJECT_RULES, type Draft, type ObjectRules } from './object-rules.js';
import { RecycleBin } from './recycle-bin.js';

/** Who writes and when (whole seconds, as the org stamps records). */
export interface DmlContext {
  userId: string;
  now: number;
  /** The schema as the writing user sees it: what the user may do with each object. */
  schema: SchemaView;
  /** The API that makes the change, as Change Data Capture names it; absent for direct edits. */
  origin?: string;
}

export type SaveOutcome = { ok: true; id: string; created: boolean } | { ok: false; errors: SfErrorDetail[] };

/** A record body after JSON decoding: its fields, canonical, and the Id it names if any. */
export interface DecodedRecord {
  object: SObjectDef;
  values: Map<FieldDef, unknown>;
  id: string | null;
}

const fail = (errorCode: SfErrorDetail['errorCode'], message: string, fields: string[] = []): SaveOutcome => ({
  ok: false,
  errors: [{ errorCode, message, fields }],
});

const isLive = (r: StoredRecord | undefined): r is StoredRecord => r !== undefined && r.IsDeleted !== true;

/**
 * A save the user's object permissions refuse: without Create or Edit on the object the platform
 * answers CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY, "entity type cannot be inserted: <label>" (or
 * "updated"), naming the object by its label.
 */
function entityRefusal(object: SObjectDef, creating: boolean, ctx: DmlContext): SaveOutcome | null {
  const may = ctx.schema.operations(object);
  if (creating ? may.createable : may.updateable) return null;
  return fail(
    SfErrorCode.CannotInsertUpdateActivateEntity,
    `entity type cannot be ${creating ? 'inserted' : 'updated'}: ${object.label}`,
  );
}

/**
 * Create, update, upsert, delete and undelete with the platform's checks, in its order: writable
 * fields, field values, derived values, required fields, references, uniqueness, object rules.
 * Each call saves one record and reports its outcome; callers decide about all-or-none.
 */
export class DmlEngine {
  #store: RecordStore;
  #rules: Readonly<Record<string, ObjectRules>>;
  /** What deletes put in the recycle bin, with the records each took along. */
  readonly recycleBin: RecycleBin;

  constructor(store: RecordStore, rules: Readonly<Record<string, ObjectRules>> = OBJECT_RULES) {
    this.#store = store;
    this.#rules = rules;
    this.recycleBin = new RecycleBin(store);
  }

  /**
   * Decodes a JSON record body against the schema the writing user sees. Unknown fields (and
   * fields the user may not read) and values of the wrong JSON type fail the whole request, as
   * Salesforce's deserializer does, before any record is saved.
   */
  decode(object: SObjectDef, body: Record<string, unknown>, schema: SchemaView): DecodedRecord {
    const values = new Map<FieldDef, unknown>();
    let id: string | null = null;
    for (const [name, raw] of Object.entries(body)) {
      if (name === 'attributes') continue;
      const f = schema.field(object, name);
      if (!f) {
        if (raw !== null && typeof raw === 'object' && schema.parentRelationship(object, name)) {
          throw new SfError(
            400,
            SfErrorCode.InvalidField,
            `The Salesforce sandbox does not resolve related records by external id (${object.name}.${name}); send the id in the reference field instead`,
          );
        }
        throw new SfError(400, SfErrorCode.InvalidField, `No such column '${name}' on sobject of type ${object.name}`);
      }
      const value = decodeFieldValue(f, raw);
      if (f.name === 'Id') id = value === null ? null : String(value);
      else values.set(f, value);
    }
    return { object, values, id };
  }

  /** Finds a live record for update or delete, or the error a collection reports for it. */
  locate(object: SObjectDef, id: string): { record: StoredRecord } | { error: SfErrorDetail } {
    const id18 = canonicalId(id);
    if (!id18 || id18.slice(0, 3) !== object.keyPrefix) {
      return { error: { errorCode: SfErrorCode.MalformedId, message: `malformed id ${id}`, fields: ['Id'] } };
    }
    const record = this.#store.get(object, id18);
    if (!record)
      return {
        error: { errorCode: SfErrorCode.InvalidCrossReferenceKey, message: 'invalid cross reference id', fields: [] },
      };
    if (!isLive(record))
      return { error: { errorCode: SfErrorCode.EntityIsDeleted, message: 'entity is deleted', fields: [] } };
    return { record };
  }

  create(rec: DecodedRecord, ctx: DmlContext): SaveOutcome {
    if (rec.id !== null) return fail(SfErrorCode.InvalidField, 'cannot specify Id in an insert call', ['Id']);
    return this.#save(rec.object, undefined, rec.values, ctx);
  }

  update(rec: DecodedRecord, id: string, ctx: DmlContext): SaveOutcome {
    const found = this.locate(rec.object, id);
    if ('error' in found) return { ok: false, errors: [found.error] };
    return this.#save(rec.object, found.record, rec.values, ctx);
  }

  /** Upsert on an external-id field (or Id): updates the one live match, creates when none. */
  upsert(rec: DecodedRecord, key: FieldDef, keyValue: string, ctx: DmlContext): SaveOutcome {
    if (key.name === 'Id') return this.update(rec, keyValue, ctx);
    const matches = this.#store.idsWithValue(rec.object, key, keyValue);
    if (matches.length > 1) {
      return fail(
        SfErrorCode.DuplicateExternalId,
        `${rec.object.name}: more than one record found for external id field: [${matches.join(', ')}]`,
        [key.name],
      );
    }
    const values = new Map(rec.values).set(key, keyValue);
    if (matches.length === 0) return this.#save(rec.object, undefined, values, ctx);
    return this.#save(rec.object, this.#store.get(rec.object, matches[0] as string), values, ctx);
  }

  /**
   * Soft delete (to the recycle bin), cascading to child records that are deleted with it.
   * Without Delete on the object: INSUFFICIENT_ACCESS_OR_READONLY.
   */
  delete(object: SObjectDef, id: string, ctx: DmlContext): SaveOutcome {
    if (!ctx.schema.operations(object).deletable)
      return fail(SfErrorCode.InsufficientAccessOrReadonly, 'insufficient access rights on object id');
    const found = this.locate(object, id);
    if ('error' in found) return { ok: false, errors: [found.error] };
    const blocked = this.#rules[object.name]?.beforeDelete?.(found.record, this.#store);
    if (blocked) return { ok: false, errors: [blocked] };
    const cascaded: Array<{ object: SObjectDef; id: string }> = [];
    this.#store.atomically(() => this.#markDeleted(object, found.record, ctx, cascaded));
    this.recycleBin.add(object, found.record.Id as string, ctx.now, cascaded);
    return { ok: true, id: found.record.Id as string, created: false };
  }

  /** Restores a record from the recycle bin, with the children its deletion took along. */
  undelete(object: SObjectDef, id: string, ctx: DmlContext): SaveOutcome {
    const id18 = canonicalId(id);
    const record = id18 ? this.#store.get(object, id18) : undefined;
    if (!record) return fail(SfErrorCode.InvalidCrossReferenceKey, 'invalid cross reference id');
    if (record.IsDeleted !== true)
      return fail(SfErrorCode.DeleteFailed, 'undelete failed: the record is not in the recycle bin');
    const conflict = this.#uniqueConflict(object, record);
    if (conflict) return { ok: false, errors: [conflict] };
    const restore = (o: SObjectDef, r: StoredRecord) =>
      this.#store.put(o, { ...r, IsDeleted: false, ...this.#stamps(ctx) }, ctx.origin);
    this.#store.atomically(() => {
      restore(object, record);
      for (const child of this.recycleBin.take(record.Id as string)) {
        const r = this.#store.get(child.object, child.id);
        if (r && !isLive(r)) restore(child.object, r);
      }
    });
    return { ok: true, id: record.Id as string, created: false };
  }

  #save(
    object: SObjectDef,
    previous: StoredRecord | undefined,
    values: Map<FieldDef, unknown>,
    ctx: DmlContext,
  ): SaveOutcome {
    const refused = entityRefusal(object, !previous, ctx);
    if (refused) return refused;
    const readOnly = [...values.keys()].filter((f) => (previous ? !f.updateable : !f.createable)).map((f) => f.name);
    if (readOnly.length > 0) {
      return fail(
        SfErrorCode.InvalidFieldForInsertUpdate,
        `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        readOnly,
      );
    }
    const draft: Draft = previous ? { ...previous } : this.#blank(object);
    for (const [f, raw] of values) {
      const checked = checkFieldValue(f, raw);
      if ('error' in checked) return { ok: false, errors: [checked.error] };
      draft[f.name] = checked.value;
    }
    const rules = this.#rules[object.name];
    const given = new Set([...values.keys()].map((f) => f.name));
    const prepared = rules?.prepare?.(draft, previous, given, this.#store);
    if (prepared) return { ok: false, errors: [prepared] };

    const missing = object.fields
      .filter((f) => isRequired(f) && (draft[f.name] === null || draft[f.name] === undefined))
      .map((f) => f.name);
    if (missing.length > 0)
      return fail(SfErrorCode.RequiredFieldMissing, `Required fields are missing: [${missing.join(', ')}]`, missing);

    for (const f of values.keys()) {
      const problem = f.type === 'reference' ? this.#checkReference(f, draft[f.name]) : null;
      if (problem) return { ok: false, errors: [problem] };
    }
    const conflict = this.#uniqueConflict(object, draft);
    if (conflict) return { ok: false, errors: [conflict] };
    const invalid = rules?.validate?.(draft, previous, this.#store);
    if (invalid) return { ok: false, errors: [invalid] };

    Object.assign(draft, this.#stamps(ctx));
    if (!previous) {
      draft.Id = this.#store.nextId(object);
      draft.CreatedDate = ctx.now;
      draft.CreatedById = ctx.userId;
      for (const f of object.fields) if (f.autoNumber) draft[f.name] = this.#store.nextAutoNumber(object, f);
    }
    this.#store.put(object, draft, ctx.origin);
    return { ok: true, id: draft.Id as string, created: !previous };
  }

  /** Every stored field with its default; derived fields are computed when read, never stored. */
  #blank(object: SObjectDef): Draft {
    const draft: Draft = {};
    for (const f of object.fields) if (!f.derive) draft[f.name] = f.defaultValue;
    draft.IsDeleted = false;
    return draft;
  }

  #stamps(ctx: DmlContext) {
    return { LastModifiedDate: ctx.now, LastModifiedById: ctx.userId, SystemModstamp: ctx.now };
  }

  #checkReference(f: FieldDef, value: unknown): SfErrorDetail | null {
    if (value === null) return null;
    const target = this.#store.find(value as string);
    const expected = this.#store.schema.object(f.referenceTo ?? '');
    if (expected && (value as string).slice(0, 3) !== expected.keyPrefix) {
      return {
        errorCode: SfErrorCode.FieldIntegrityException,
        message: `${f.label}: id value of incorrect type: ${String(value)}`,
        fields: [f.name],
      };
    }
    if (!target)
      return {
        errorCode: SfErrorCode.InvalidCrossReferenceKey,
        message: 'invalid cross reference id',
        fields: [f.name],
      };
    if (!isLive(target.record))
      return { errorCode: SfErrorCode.EntityIsDeleted, message: 'entity is deleted', fields: [f.name] };
    return null;
  }

  #uniqueConflict(object: SObjectDef, record: StoredRecord): SfErrorDetail | null {
    for (const f of object.fields) {
      if (!f.unique || record[f.name] === null) continue;
      const other = this.#store.idsWithValue(object, f, record[f.name]).find((id) => id !== record.Id);
      if (other) {
        return {
          errorCode: SfErrorCode.DuplicateValue,
          message: `duplicate value found: ${f.name} duplicates value on record with id: ${other}`,
          fields: [f.name],
        };
      }
    }
    return null;
  }

  #markDeleted(
    object: SObjectDef,
    record: StoredRecord,
    ctx: DmlContext,
    cascaded: Array<{ object: SObjectDef; id: string }>,
  ): void {
    this.#store.put(object, { ...record, IsDeleted: true, ...this.#stamps(ctx) }, ctx.origin);
    for (const rel of this.#store.schema.childRelationships(object)) {
      if (!rel.cascadeDelete) continue;
      const child = this.#store.schema.object(rel.childObject) as SObjectDef;
      for (const childId of this.#store.childIds(child, rel.field, record.Id as string)) {
        const r = this.#store.get(child, childId);
        if (isLive(r)) {
          cascaded.push({ object: child, id: childId });
          this.#markDeleted(child, r, ctx, cascaded);
        }
      }
    }
  }
}
