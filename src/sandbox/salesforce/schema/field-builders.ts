import type { FieldDef, FieldType, SObjectDef } from './model.js';

/** Compact constructors for field definitions, with the platform's defaults for each type. */

const GROUPABLE: ReadonlySet<FieldType> = new Set([
  'id',
  'string',
  'boolean',
  'picklist',
  'reference',
  'int',
  'date',
  'email',
  'phone',
  'url',
]);

export function field(name: string, label: string, type: FieldType, overrides: Partial<FieldDef> = {}): FieldDef {
  return {
    name,
    label,
    type,
    length: 0,
    precision: 0,
    scale: 0,
    digits: 0,
    nillable: true,
    createable: true,
    updateable: true,
    filterable: true,
    sortable: true,
    groupable: GROUPABLE.has(type),
    custom: name.endsWith('__c'),
    defaultedOnCreate: false,
    defaultValue: null,
    externalId: false,
    unique: false,
    caseSensitive: false,
    idLookup: false,
    nameField: false,
    autoNumber: null,
    picklistValues: null,
    restrictedPicklist: false,
    referenceTo: null,
    relationshipName: null,
    childRelationshipName: null,
    cascadeDelete: false,
    extraTypeInfo: null,
    derive: null,
    ...overrides,
  };
}

export const text = (name: string, label: string, length: number, o: Partial<FieldDef> = {}) =>
  field(name, label, 'string', { length, ...o });

/**
 * A plain text area (describe's extraTypeInfo `plaintextarea`, long or not: the UI API's field
 * metadata lists PlainTextArea as the extra type of a plain text area); long ones cannot be
 * filtered or sorted.
 */
export const textArea = (name: string, label: string, length: number, long: boolean, o: Partial<FieldDef> = {}) =>
  field(name, label, 'textarea', {
    length,
    groupable: false,
    extraTypeInfo: 'plaintextarea',
    ...(long ? { filterable: false, sortable: false } : {}),
    ...o,
  });

export const checkbox = (name: string, label: string, defaultValue: boolean, o: Partial<FieldDef> = {}) =>
  field(name, label, 'boolean', { nillable: false, defaultedOnCreate: true, defaultValue, ...o });

export const number = (name: string, label: string, precision: number, scale: number, o: Partial<FieldDef> = {}) =>
  field(name, label, 'double', { precision, scale, ...o });

export const currency = (name: string, label: string, precision: number, scale: number, o: Partial<FieldDef> = {}) =>
  field(name, label, 'currency', { precision, scale, ...o });

export const picklist = (
  name: string,
  label: string,
  values: readonly string[],
  restricted: boolean,
  o: Partial<FieldDef> = {},
) => field(name, label, 'picklist', { length: 255, picklistValues: values, restrictedPicklist: restricted, ...o });

export const dateTime = (name: string, label: string, o: Partial<FieldDef> = {}) => field(name, label, 'datetime', o);

export const lookup = (
  name: string,
  label: string,
  referenceTo: string,
  relationshipName: string,
  childRelationshipName: string | null,
  o: Partial<FieldDef> = {},
) => field(name, label, 'reference', { length: 18, referenceTo, relationshipName, childRelationshipName, ...o });

/** Set by the platform only: readable, filterable, never written by a client. */
const system = { createable: false, updateable: false, nillable: false, defaultedOnCreate: true } as const;

export const idField = (label: string) => field('Id', label, 'id', { length: 18, ...system, idLookup: true });

/** Readable only: the platform (or a parent record) supplies the value. */
export const readOnly = { createable: false, updateable: false } as const;

/** The audit fields every object carries. Created/LastModifiedById refer to users the sandbox does not emulate. */
export function systemFields(): FieldDef[] {
  return [
    checkbox('IsDeleted', 'Deleted', false, readOnly),
    dateTime('CreatedDate', 'Created Date', system),
    field('CreatedById', 'Created By ID', 'reference', {
      length: 18,
      ...system,
      referenceTo: 'User',
      relationshipName: 'CreatedBy',
    }),
    dateTime('LastModifiedDate', 'Last Modified Date', system),
    field('LastModifiedById', 'Last Modified By ID', 'reference', {
      length: 18,
      ...system,
      referenceTo: 'User',
      relationshipName: 'LastModifiedBy',
    }),
    dateTime('SystemModstamp', 'System Modstamp', system),
  ];
}

/** An object the client may create, update, delete and undelete records of. */
export const sobject = (
  name: string,
  label: string,
  labelPlural: string,
  keyPrefix: string,
  fields: FieldDef[],
): SObjectDef => ({
  name,
  label,
  labelPlural,
  keyPrefix,
  custom: name.endsWith('__c'),
  createable: true,
  updateable: true,
  deletable: true,
  undeletable: true,
  fields,
});
