import type { ChildRelationship, FieldDef, SObjectDef } from './model.js';

/** What a user may do with an object's records, under describe's names. */
export type ObjectOperations = Pick<SObjectDef, 'createable' | 'updateable' | 'deletable' | 'undeletable'>;

/**
 * The org's schema as one user sees it. Describe, SOQL compilation and the decoding of record
 * bodies read through it, so an object or a field the user may not read does not exist for that
 * user, and a field the user may not edit is neither createable nor updateable. The org's own
 * OrgSchema is the view of a user who may do everything (seeds, tests' direct access).
 */
export interface SchemaView {
  objects(): SObjectDef[];
  object(name: string): SObjectDef | undefined;
  /** The object's fields the user can read, in the org's order. */
  fields(object: SObjectDef): readonly FieldDef[];
  field(object: SObjectDef, name: string): FieldDef | undefined;
  /** The reference field whose relationship name is `relationship` (`Product2`, `Product__r`). */
  parentRelationship(object: SObjectDef, relationship: string): FieldDef | undefined;
  childRelationships(object: SObjectDef): readonly ChildRelationship[];
  /** A named child relationship (`PricebookEntries`); unnamed ones cannot be queried. */
  childRelationship(object: SObjectDef, name: string): ChildRelationship | undefined;
  operations(object: SObjectDef): ObjectOperations;
}
