/**
 * The org's metadata, shaped like the describe answer so one definition drives validation,
 * SOQL typing and describe alike.
 */

export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'boolean'
  | 'double'
  | 'currency'
  | 'int'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'picklist'
  | 'reference'
  | 'url'
  | 'email'
  | 'phone';

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  /** Characters for text types (18 for ids), 0 for the others. */
  length: number;
  precision: number;
  scale: number;
  /** Digits of an int field, 0 for the others. */
  digits: number;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  filterable: boolean;
  sortable: boolean;
  groupable: boolean;
  custom: boolean;
  /** Set by the platform on create when absent (defaultValue, an auto number or a system value). */
  defaultedOnCreate: boolean;
  defaultValue: string | number | boolean | null;
  externalId: boolean;
  unique: boolean;
  caseSensitive: boolean;
  idLookup: boolean;
  nameField: boolean;
  /** Display format of an auto-number field, e.g. `PT-{000000}`. */
  autoNumber: string | null;
  picklistValues: readonly string[] | null;
  restrictedPicklist: boolean;
  referenceTo: string | null;
  /** The name of the parent record in SOQL and JSON (`Product2`, `Product__r`). */
  relationshipName: string | null;
  /** The name of the child relationship on the parent (`PricebookEntries`); null if it has none. */
  childRelationshipName: string | null;
  cascadeDelete: boolean;
  /** `plaintextarea` for every plain text area, long (not filterable nor sortable) or not. */
  extraTypeInfo: string | null;
  /** Computed when read instead of stored (PricebookEntry.Name is its product's name). */
  derive: FieldDerivation | null;
}

/** A record as the store keeps it: canonical field names, date-times as epoch milliseconds. */
export type StoredRecord = Readonly<Record<string, unknown>>;

/** Computes a field from its record and the parents its reference fields point at. */
export type FieldDerivation = (
  record: StoredRecord,
  parentOf: (referenceField: string) => StoredRecord | undefined,
) => unknown;

export interface SObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  custom: boolean;
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
  undeletable: boolean;
  fields: FieldDef[];
}

/** A child relationship as seen from the parent object. */
export interface ChildRelationship {
  childObject: string;
  field: string;
  relationshipName: string | null;
  cascadeDelete: boolean;
}

/** Field types whose values are text. */
export const TEXT_TYPES: ReadonlySet<FieldType> = new Set(['string', 'textarea', 'picklist', 'url', 'email', 'phone']);

/** Field types whose values are numbers. */
export const NUMBER_TYPES: ReadonlySet<FieldType> = new Set(['double', 'currency', 'int', 'percent']);

/** Whether a create must carry a value for the field. */
export const isRequired = (f: FieldDef): boolean =>
  f.createable && !f.nillable && !f.defaultedOnCreate && f.type !== 'boolean';

/**
 * Whether field-level security can be set on the field (describe's `permissionable`): every field
 * a user can set that is not required, standard ones included (Setup offers "Set Field-Level
 * Security" on Product Code, Product Family or Product Description as on a custom field). Required
 * fields, master-detail lookups and the system fields are always visible to a user of the object.
 */
export const isPermissionable = (f: FieldDef): boolean => f.createable && !isRequired(f);
