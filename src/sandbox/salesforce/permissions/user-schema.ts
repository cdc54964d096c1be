import type { ChildRelationship, FieldDef, SObjectDef } from '../schema/model.js';
import type { OrgSchema } from '../schema/org-schema.js';
import type { ObjectOperations, SchemaView } from '../schema/schema-view.js';
import type { Permissions } from './permissions.js';

/**
 * The org's schema as one restricted user sees it, asking the permissions at every lookup (one
 * view per request; a change takes effect at once). An object the user may
 * not read and a field without read access are absent, as they are from that user's describe
 * (REST API, "Get a List of Objects": the objects "available to the logged-in user"); a field
 * without edit access comes back as a read-only copy, so describe and DML treat it as neither
 * createable nor updateable.
 */
export class UserSchema implements SchemaView {
  #schema: OrgSchema;
  #permissions: Permissions;
  #username: string;
  /** One read-only copy per field, so a field keeps one identity within the view. */
  #readOnly = new Map<FieldDef, FieldDef>();

  constructor(schema: OrgSchema, permissions: Permissions, username: string) {
    this.#schema = schema;
    this.#permissions = permissions;
    this.#username = username;
  }

  objects(): SObjectDef[] {
    return this.#schema.objects().filter((o) => this.#readable(o));
  }

  object(name: string): SObjectDef | undefined {
    const object = this.#schema.object(name);
    return object && this.#readable(object) ? object : undefined;
  }

  fields(object: SObjectDef): readonly FieldDef[] {
    return object.fields.flatMap((f) => this.#visible(object, f) ?? []);
  }

  field(object: SObjectDef, name: string): FieldDef | undefined {
    const f = this.#schema.field(object, name);
    return f && this.#visible(object, f);
  }

  /** A relationship to an object the user may not read is not one the user can walk. */
  parentRelationship(object: SObjectDef, relationship: string): FieldDef | undefined {
    const f = this.#schema.parentRelationship(object, relationship);
    const target = f && this.#schema.object(f.referenceTo ?? '');
    if (!f || (target && !this.#readable(target))) return undefined;
    return this.#visible(object, f);
  }

  /** Only relationships from objects the user may read, through reference fields the user sees. */
  childRelationships(object: SObjectDef): readonly ChildRelationship[] {
    return this.#schema.childRelationships(object).filter((c) => this.#walkable(c));
  }

  childRelationship(object: SObjectDef, name: string): ChildRelationship | undefined {
    const found = this.#schema.childRelationship(object, name);
    return found && this.#walkable(found) ? found : undefined;
  }

  #walkable(c: ChildRelationship): boolean {
    const child = this.object(c.childObject);
    return child !== undefined && this.field(child, c.field) !== undefined;
  }

  operations(object: SObjectDef): ObjectOperations {
    const access = this.#permissions.objectAccess(this.#username, object);
    return {
      createable: object.createable && access.create,
      updateable: object.updateable && access.edit,
      deletable: object.deletable && access.delete,
      undeletable: object.undeletable && access.delete,
    };
  }

  #readable(object: SObjectDef): boolean {
    return this.#permissions.objectAccess(this.#username, object).read;
  }

  #visible(object: SObjectDef, f: FieldDef): FieldDef | undefined {
    const access = this.#permissions.fieldAccess(this.#username, object, f);
    if (!access.read) return undefined;
    if (access.edit || (!f.createable && !f.updateable)) return f;
    let copy = this.#readOnly.get(f);
    if (!copy) this.#readOnly.set(f, (copy = Object.freeze({ ...f, createable: false, updateable: false })));
    return copy;
  }
}
