import { isPermissionable, type FieldDef, type SObjectDef } from '../schema/model.js';
import type { OrgSchema } from '../schema/org-schema.js';

/** A user's object permissions, as a profile or permission set grants them. */
export interface ObjectAccess {
  read: boolean;
  create: boolean;
  edit: boolean;
  delete: boolean;
}

/** A user's field-level security on one field. */
export interface FieldAccess {
  read: boolean;
  edit: boolean;
}

/** What POST /__sandbox/permissions takes; applied in this order, all or nothing. */
export interface PermissionRequest {
  /** Everything allowed again and data translation on, before the rest of the request. */
  reset?: boolean;
  dataTranslation?: boolean;
  objects?: Array<{ username: string; object: string } & Partial<ObjectAccess>>;
  /** `field` is `Object.Field`, e.g. `Product2.Cleverbridge_Sync_Status__c`. */
  fields?: Array<{ username: string; field: string } & Partial<FieldAccess>>;
}

/** The restrictions in force: only what differs from "everything allowed" is listed. */
export interface PermissionsSnapshot {
  dataTranslation: boolean;
  users: Record<string, { objects: Record<string, ObjectAccess>; fields: Record<string, FieldAccess> }>;
}

/** Objects that exist only while the org has data translation enabled (Translation Workbench). */
const DATA_TRANSLATION_OBJECTS: ReadonlySet<string> = new Set(['Product2DataTranslation']);

const ALL_OBJECT_ACCESS: ObjectAccess = Object.freeze({ read: true, create: true, edit: true, delete: true });
const ALL_FIELD_ACCESS: FieldAccess = Object.freeze({ read: true, edit: true });
const NO_OBJECT_ACCESS: ObjectAccess = Object.freeze({ read: false, create: false, edit: false, delete: false });
const NO_FIELD_ACCESS: FieldAccess = Object.freeze({ read: false, edit: false });

interface Grants {
  objects: Map<string, ObjectAccess>;
  /** Keyed by `Object.Field` in canonical spelling. */
  fields: Map<string, FieldAccess>;
}

type Change<T> = { user: string; key: string; access: T };

function accessChange<T extends object>(allowed: T, given: Record<string, unknown>, what: string): Partial<T> {
  const change: Record<string, boolean> = {};
  for (const [name, value] of Object.entries(given)) {
    if (name === 'username' || name === 'object' || name === 'field') continue;
    if (!(name in allowed)) throw new RangeError(`${what}: unknown permission '${name}'`);
    if (typeof value !== 'boolean') throw new RangeError(`${what}: '${name}' must be true or false`);
    change[name] = value;
  }
  return change as Partial<T>;
}

function entries<T>(list: T[] | undefined, what: string): T[] {
  if (list === undefined) return [];
  if (!Array.isArray(list) || !list.every((e) => e !== null && typeof e === 'object'))
    throw new RangeError(`${what} must be an array of objects`);
  return list;
}

/**
 * Who may do what in the org, per user, changeable while the sandbox runs: object permissions
 * (read, create, edit, delete), field-level security (read, edit) and the org's data translation
 * setting. By default every user may do everything and data translation is on. The effective
 * access follows Salesforce's dependencies ("Factors that Affect Data Access"): create and edit
 * need read, delete needs read and edit, a field's edit needs its read.
 */
export class Permissions {
  #schema: OrgSchema;
  /** Known usernames, lower-cased to their spelling. */
  #usernames: Map<string, string>;
  #grants = new Map<string, Grants>();
  #dataTranslation = true;

  constructor(schema: OrgSchema, usernames: readonly string[]) {
    this.#schema = schema;
    this.#usernames = new Map(usernames.map((u) => [u.toLowerCase(), u]));
  }

  /** Translation Workbench's "Enable data translation": off, Product2DataTranslation is gone for everyone. */
  setDataTranslation(enabled: boolean): void {
    this.#dataTranslation = enabled;
  }

  /** Sets the named permissions of `username` on an object; the others stay as they are. */
  setObjectAccess(username: string, object: string, access: Partial<ObjectAccess>): void {
    this.#applyObject(this.#objectChange({ username, object, ...access }));
  }

  /** Sets field-level security of `username` on `Object.Field`; the other flag stays as it is. */
  setFieldAccess(username: string, field: string, access: Partial<FieldAccess>): void {
    this.#applyField(this.#fieldChange({ username, field, ...access }));
  }

  /** Everything allowed for every user, data translation on. */
  reset(): void {
    this.#grants.clear();
    this.#dataTranslation = true;
  }

  /** Applies a control-route request: every entry is checked before anything changes. */
  apply(request: PermissionRequest): void {
    if (request.dataTranslation !== undefined && typeof request.dataTranslation !== 'boolean')
      throw new RangeError('dataTranslation must be true or false');
    const objects = entries(request.objects, 'objects').map((entry) => this.#objectChange(entry));
    const fields = entries(request.fields, 'fields').map((entry) => this.#fieldChange(entry));
    if (request.reset === true) this.reset();
    if (request.dataTranslation !== undefined) this.setDataTranslation(request.dataTranslation);
    objects.forEach((change) => this.#applyObject(change));
    fields.forEach((change) => this.#applyField(change));
  }

  /** What the user may do with the object's records, dependencies applied. */
  objectAccess(username: string, object: SObjectDef): ObjectAccess {
    if (!this.#dataTranslation && DATA_TRANSLATION_OBJECTS.has(object.name)) return NO_OBJECT_ACCESS;
    const granted = this.#grants.get(username.toLowerCase())?.objects.get(object.name);
    if (!granted) return ALL_OBJECT_ACCESS;
    const read = granted.read;
    const edit = read && granted.edit;
    return { read, create: read && granted.create, edit, delete: edit && granted.delete };
  }

  /** The user's field-level security on the field (the object's own access aside). */
  fieldAccess(username: string, object: SObjectDef, field: FieldDef): FieldAccess {
    const granted = this.#grants.get(username.toLowerCase())?.fields.get(`${object.name}.${field.name}`);
    if (!granted) return ALL_FIELD_ACCESS;
    return granted.read ? granted : NO_FIELD_ACCESS;
  }

  /** Whether the user sees the org's whole schema: no restriction, data translation on. */
  unrestricted(username: string): boolean {
    const grants = this.#grants.get(username.toLowerCase());
    return this.#dataTranslation && (!grants || (grants.objects.size === 0 && grants.fields.size === 0));
  }

  snapshot(): PermissionsSnapshot {
    const users: PermissionsSnapshot['users'] = {};
    for (const [user, grants] of this.#grants) {
      users[this.#usernames.get(user) ?? user] = {
        objects: Object.fromEntries(grants.objects),
        fields: Object.fromEntries(grants.fields),
      };
    }
    return { dataTranslation: this.#dataTranslation, users };
  }

  #user(username: unknown): string {
    const user = typeof username === 'string' ? username.toLowerCase() : '';
    if (!this.#usernames.has(user)) throw new RangeError(`unknown user ${String(username)}`);
    return user;
  }

  #objectChange(entry: { username: string; object: string }): Change<Partial<ObjectAccess>> {
    const user = this.#user(entry.username);
    const object = this.#schema.object(String(entry.object));
    if (!object) throw new RangeError(`unknown object ${String(entry.object)}`);
    return { user, key: object.name, access: accessChange(ALL_OBJECT_ACCESS, entry, object.name) };
  }

  #fieldChange(entry: { username: string; field: string }): Change<Partial<FieldAccess>> {
    const user = this.#user(entry.username);
    const [objectName, fieldName, ...rest] = String(entry.field).split('.');
    const object = this.#schema.object(objectName ?? '');
    const f =
      object && fieldName !== undefined && rest.length === 0 ? this.#schema.field(object, fieldName) : undefined;
    if (!object || !f) throw new RangeError(`unknown field ${String(entry.field)} (expected Object.Field)`);
    const key = `${object.name}.${f.name}`;
    if (!isPermissionable(f))
      throw new RangeError(`${key} has no field-level security (describe: permissionable false)`);
    return { user, key, access: accessChange(ALL_FIELD_ACCESS, entry, key) };
  }

  #grantsOf(user: string): Grants {
    let grants = this.#grants.get(user);
    if (!grants) this.#grants.set(user, (grants = { objects: new Map(), fields: new Map() }));
    return grants;
  }

  #applyObject({ user, key, access }: Change<Partial<ObjectAccess>>): void {
    applyTo(this.#grantsOf(user).objects, ALL_OBJECT_ACCESS, key, access);
  }

  #applyField({ user, key, access }: Change<Partial<FieldAccess>>): void {
    applyTo(this.#grantsOf(user).fields, ALL_FIELD_ACCESS, key, access);
  }
}

/** Sets the flags given and keeps the others; a grant of everything is no restriction: dropped. */
function applyTo<T extends object>(map: Map<string, T>, all: T, key: string, access: Partial<T>): void {
  const next = { ...(map.get(key) ?? all), ...access };
  if (Object.values(next).every(Boolean)) map.delete(key);
  else map.set(key, next);
}
