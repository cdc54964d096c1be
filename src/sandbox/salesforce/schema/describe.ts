import { isPermissionable, type FieldDef, type SObjectDef } from './model.js';
import type { ObjectOperations, SchemaView } from './schema-view.js';

const SOAP_TYPES: Record<FieldDef['type'], string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  string: 'xsd:string',
  textarea: 'xsd:string',
  picklist: 'xsd:string',
  url: 'xsd:string',
  email: 'xsd:string',
  phone: 'xsd:string',
  boolean: 'xsd:boolean',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  int: 'xsd:int',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
};

function objectUrls(version: string, o: SObjectDef): Record<string, string> {
  const base = `/services/data/v${version}/sobjects/${o.name}`;
  return { rowTemplate: `${base}/{ID}`, describe: `${base}/describe`, sobject: base };
}

/**
 * One entry of GET /sobjects (describeGlobal), also the head of a full describe; `may` is what
 * the requesting user may do with the object's records.
 */
export function describeGlobalEntry(version: string, o: SObjectDef, may: ObjectOperations) {
  return {
    activateable: false,
    createable: may.createable,
    custom: o.custom,
    customSetting: false,
    deepCloneable: false,
    deletable: may.deletable,
    deprecatedAndHidden: false,
    feedEnabled: false,
    hasSubtypes: false,
    isInterface: false,
    isSubtype: false,
    keyPrefix: o.keyPrefix,
    label: o.label,
    labelPlural: o.labelPlural,
    layoutable: true,
    mergeable: false,
    mruEnabled: true,
    name: o.name,
    queryable: true,
    replicateable: true,
    retrieveable: true,
    searchable: o.name === 'Product2',
    triggerable: true,
    undeletable: may.undeletable,
    updateable: may.updateable,
    urls: objectUrls(version, o),
  };
}

function describeField(f: FieldDef) {
  const text =
    f.type !== 'boolean' &&
    f.type !== 'double' &&
    f.type !== 'currency' &&
    f.type !== 'int' &&
    f.type !== 'percent' &&
    f.type !== 'date' &&
    f.type !== 'datetime';
  return {
    aggregatable: f.filterable && f.type !== 'textarea',
    autoNumber: f.autoNumber !== null,
    byteLength: text ? f.length * 3 : 0,
    calculated: false,
    calculatedFormula: null,
    cascadeDelete: f.cascadeDelete,
    caseSensitive: f.caseSensitive,
    compoundFieldName: null,
    controllerName: null,
    createable: f.createable,
    custom: f.custom,
    defaultValue: f.defaultValue === null || f.type === 'boolean' ? null : f.defaultValue,
    defaultValueFormula: null,
    defaultedOnCreate: f.defaultedOnCreate,
    dependentPicklist: false,
    deprecatedAndHidden: false,
    digits: f.digits,
    displayLocationInDecimal: false,
    encrypted: false,
    externalId: f.externalId,
    extraTypeInfo: f.extraTypeInfo,
    filterable: f.filterable,
    filteredLookupInfo: null,
    groupable: f.groupable,
    highScaleNumber: false,
    htmlFormatted: false,
    idLookup: f.idLookup || f.externalId,
    inlineHelpText: null,
    label: f.label,
    length: f.length,
    mask: null,
    maskType: null,
    name: f.name,
    nameField: f.nameField,
    namePointing: false,
    nillable: f.nillable,
    permissionable: isPermissionable(f),
    picklistValues: (f.picklistValues ?? []).map((value) => ({
      active: true,
      defaultValue: f.defaultValue === value,
      label: value,
      validFor: null,
      value,
    })),
    polymorphicForeignKey: false,
    precision: f.precision,
    queryByDistance: false,
    referenceTargetField: null,
    referenceTo: f.referenceTo ? [f.referenceTo] : [],
    relationshipName: f.relationshipName,
    relationshipOrder: f.cascadeDelete && f.custom ? 0 : null,
    restrictedDelete: false,
    restrictedPicklist: f.restrictedPicklist,
    scale: f.scale,
    searchPrefilterable: false,
    soapType: SOAP_TYPES[f.type],
    sortable: f.sortable,
    type: f.type,
    unique: f.unique,
    updateable: f.updateable,
    writeRequiresMasterRead: false,
  };
}

/** GET /sobjects/{type}/describe, as the user whose view `schema` is sees the object. */
export function describeSObject(schema: SchemaView, version: string, o: SObjectDef) {
  return {
    actionOverrides: [],
    ...describeGlobalEntry(version, o, schema.operations(o)),
    childRelationships: schema.childRelationships(o).map((c) => ({
      cascadeDelete: c.cascadeDelete,
      childSObject: c.childObject,
      deprecatedAndHidden: false,
      field: c.field,
      junctionIdListNames: [],
      junctionReferenceTo: [],
      relationshipName: c.relationshipName,
      restrictedDelete: false,
    })),
    compactLayoutable: true,
    fields: schema.fields(o).map(describeField),
    listviewable: null,
    lookupLayoutable: null,
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    recordTypeInfos: [],
    searchLayoutable: o.name === 'Product2',
    supportedScopes: [{ label: 'All records', name: 'everything' }],
  };
}

/** GET /sobjects: every object of the org the user may read. */
export function describeGlobal(schema: SchemaView, version: string) {
  return {
    encoding: 'UTF-8',
    maxBatchSize: 200,
    sobjects: schema.objects().map((o) => describeGlobalEntry(version, o, schema.operations(o))),
  };
}
