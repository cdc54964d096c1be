import {
  customField,
  priceTier,
  product2ShopFields,
  product2SyncFields,
  type CustomFieldSpec,
} from './custom-schema.js';
import type { ChildRelationship, FieldDef, SObjectDef } from './model.js';
import type { ObjectOperations, SchemaView } from './schema-view.js';
import { standardObjects } from './standard-objects.js';

interface ObjectEntry {
  def: SObjectDef;
  fields: Map<string, FieldDef>;
  /** Reference fields by relationship name, lower-cased. */
  parents: Map<string, FieldDef>;
  children: ChildRelationship[];
}

const key = (name: string) => name.toLowerCase();

/**
 * The objects of the emulated org. Names resolve case-insensitively, as in SOQL and the REST API,
 * and always come back in their canonical spelling. As a SchemaView it is what a user who may do
 * everything sees.
 */
export class OrgSchema implements SchemaView {
  #objects = new Map<string, ObjectEntry>();
  #byPrefix = new Map<string, SObjectDef>();

  constructor(objects: SObjectDef[]) {
    for (const def of objects) {
      if (this.#objects.has(key(def.name))) throw new RangeError(`object ${def.name} defined twice`);
      const fields = new Map<string, FieldDef>();
      const parents = new Map<string, FieldDef>();
      for (const f of def.fields) {
        if (fields.has(key(f.name))) throw new RangeError(`field ${def.name}.${f.name} defined twice`);
        fields.set(key(f.name), f);
        if (f.relationshipName) parents.set(key(f.relationshipName), f);
      }
      this.#objects.set(key(def.name), { def, fields, parents, children: [] });
      this.#byPrefix.set(def.keyPrefix, def);
    }
    for (const { def } of this.#objects.values()) {
      for (const f of def.fields) {
        const parent = f.referenceTo ? this.#objects.get(key(f.referenceTo)) : undefined;
        if (parent && f.type === 'reference') {
          parent.children.push({
            childObject: def.name,
            field: f.name,
            relationshipName: f.childRelationshipName,
            cascadeDelete: f.cascadeDelete,
          });
        }
      }
    }
  }

  /**
   * The standard objects, the default mapping's custom schema, the web shop's Product2 fields,
   * plus org-specific custom fields.
   */
  static forOrg(extraFields: readonly CustomFieldSpec[] = []): OrgSchema {
    const objects = [...standardObjects(), priceTier()];
    const product2 = objects.find((o) => o.name === 'Product2') as SObjectDef;
    product2.fields.push(...product2SyncFields(), ...product2ShopFields());
    for (const spec of extraFields) {
      const target = objects.find((o) => key(o.name) === key(spec.object));
      if (!target) throw new RangeError(`custom field ${spec.name}: unknown object ${spec.object}`);
      target.fields.push(customField(spec));
    }
    return new OrgSchema(objects);
  }

  objects(): SObjectDef[] {
    return [...this.#objects.values()].map((e) => e.def);
  }

  object(name: string): SObjectDef | undefined {
    return this.#objects.get(key(name))?.def;
  }

  fields(object: SObjectDef): readonly FieldDef[] {
    return object.fields;
  }

  field(object: SObjectDef, name: string): FieldDef | undefined {
    return this.#entry(object).fields.get(key(name));
  }

  /** The reference field whose relationship name is `relationship` (`Product2`, `Product__r`). */
  parentRelationship(object: SObjectDef, relationship: string): FieldDef | undefined {
    return this.#entry(object).parents.get(key(relationship));
  }

  childRelationships(object: SObjectDef): readonly ChildRelationship[] {
    return this.#entry(object).children;
  }

  /** A named child relationship (`PricebookEntries`); unnamed ones cannot be queried. */
  childRelationship(object: SObjectDef, name: string): ChildRelationship | undefined {
    return this.#entry(object).children.find(
      (c) => c.relationshipName !== null && key(c.relationshipName) === key(name),
    );
  }

  /**
   * Deletes a custom field, as an admin does in Setup: describe no longer lists it, and a query
   * or a save naming it fails with INVALID_FIELD from then on. Stored values are never shown again.
   */
  deleteCustomField(objectName: string, fieldName: string): void {
    const object = this.object(objectName);
    const f = object && this.field(object, fieldName);
    if (!object || !f?.custom) throw new RangeError(`${objectName}.${fieldName} is not a custom field of this org`);
    if (f.type === 'reference') throw new RangeError(`deleting relationship field ${f.name} is not emulated`);
    this.#entry(object).fields.delete(key(f.name));
    object.fields.splice(object.fields.indexOf(f), 1);
  }

  operations(object: SObjectDef): ObjectOperations {
    const { createable, updateable, deletable, undeletable } = object;
    return { createable, updateable, deletable, undeletable };
  }

  byKeyPrefix(prefix: string): SObjectDef | undefined {
    return this.#byPrefix.get(prefix);
  }

  #entry(object: SObjectDef): ObjectEntry {
    const entry = this.#objects.get(key(object.name));
    if (!entry) throw new RangeError(`object ${object.name} is not part of this org`);
    return entry;
  }
}
