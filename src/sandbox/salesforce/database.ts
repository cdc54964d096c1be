import type { DecodedRecord, DmlContext, SaveOutcome } from './dml/dml-engine.js';
import type { EmptyRecycleBinResult } from './dml/recycle-bin.js';
import { systemTouch } from './dml/system-touch.js';
import { SfError, type SfErrorDetail } from './errors.js';
import type { SalesforceOrg } from './org.js';
import type { SObjectDef } from './schema/model.js';
import { projectRecord } from './soql/project-record.js';

/** A save the org refused; `errors` are the platform's errors for the record. */
export class SandboxSaveError extends Error {
  constructor(readonly errors: SfErrorDetail[]) {
    super(errors.map((e) => `${e.errorCode}: ${e.message}`).join('; '));
    this.name = 'SandboxSaveError';
  }
}

type Json = Record<string, unknown>;

/**
 * Direct access to the org for tests and demos, without HTTP or API usage: read records as the
 * REST API shows them, and change them as a user in the Salesforce UI would (same validation,
 * SystemModstamp and LastModifiedDate move, LastModifiedById is that user).
 */
export class SandboxDatabase {
  #org: SalesforceOrg;
  #userId: string;
  #version: string;

  constructor(org: SalesforceOrg, userId: string, version: string) {
    this.#org = org;
    this.#userId = userId;
    this.#version = version;
  }

  #object(type: string): SObjectDef {
    this.#org.purgeExpired();
    const object = this.#org.schema.object(type);
    if (!object) throw new RangeError(`unknown object ${type}`);
    return object;
  }

  /** Direct access acts as a user who may do everything, whatever the permissions say. */
  #ctx(): DmlContext {
    return this.#org.context(this.#userId, this.#org.schema);
  }

  #done(outcome: SaveOutcome): string {
    if (!outcome.ok) throw new SandboxSaveError(outcome.errors);
    return outcome.id;
  }

  #decode(object: SObjectDef, fields: Json): DecodedRecord {
    try {
      return this.#org.dml.decode(object, fields, this.#org.schema);
    } catch (error) {
      if (error instanceof SfError) throw new SandboxSaveError([error.detail]);
      throw error;
    }
  }

  /** A record (deleted ones too) as GET /sobjects answers it, or undefined. */
  get(type: string, id: string): Json | undefined {
    const object = this.#object(type);
    const record = this.#org.store.get(object, id);
    return record && projectRecord(this.#org.store, this.#version, object, record);
  }

  /** Every record of the object, in creation order. */
  records(type: string, options: { includeDeleted?: boolean } = {}): Json[] {
    const object = this.#object(type);
    const out: Json[] = [];
    for (const r of this.#org.store.table(object).values()) {
      if (options.includeDeleted || r.IsDeleted !== true)
        out.push(projectRecord(this.#org.store, this.#version, object, r));
    }
    return out;
  }

  count(type: string, options: { includeDeleted?: boolean } = {}): number {
    const table = this.#org.store.table(this.#object(type));
    if (options.includeDeleted) return table.size;
    let live = 0;
    for (const r of table.values()) if (r.IsDeleted !== true) live++;
    return live;
  }

  create(type: string, fields: Json): string {
    const object = this.#object(type);
    return this.#done(this.#org.dml.create(this.#decode(object, fields), this.#ctx()));
  }

  update(type: string, id: string, fields: Json): void {
    const object = this.#object(type);
    this.#done(this.#org.dml.update(this.#decode(object, fields), id, this.#ctx()));
  }

  /** Moves the record (and what cascades from it) to the recycle bin. */
  delete(type: string, id: string): void {
    this.#done(this.#org.dml.delete(this.#object(type), id, this.#ctx()));
  }

  undelete(type: string, id: string): void {
    this.#done(this.#org.dml.undelete(this.#object(type), id, this.#ctx()));
  }

  /**
   * A system process touching records, as Salesforce does on its own when an admin renames a
   * picklist value or a roll-up summary is recalculated: SystemModstamp moves to now on every
   * live record of the object (or on those with `ids`, all of which must be live records of it:
   * a RangeError otherwise, and nothing is touched), while LastModifiedDate, LastModifiedById and
   * every data field stay as they are. Answers how many records were touched.
   */
  touch(type: string, ids?: readonly string[]): number {
    return systemTouch(this.#org.store, this.#object(type), ids, this.#org.now()).length;
  }

  /**
   * Deletes records from the recycle bin for good, as the SOAP API's emptyRecycleBin(ids) does
   * (at most 200 ids, each answered in order; a record deleted along with its parent is emptied
   * with the parent); without ids, the whole bin, as an admin's "Empty the org recycle bin".
   * Neither queryAll nor a retrieve finds them afterwards.
   */
  emptyRecycleBin(ids?: readonly string[]): EmptyRecycleBinResult[] {
    this.#org.purgeExpired();
    const bin = this.#org.dml.recycleBin;
    if (ids) return bin.empty(ids);
    return bin.emptyAll().map((id) => ({ id, success: true, errors: [] }));
  }
}
