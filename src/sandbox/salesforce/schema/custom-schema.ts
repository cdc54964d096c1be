import {
  checkbox,
  currency,
  dateTime,
  field,
  idField,
  lookup,
  number,
  readOnly,
  picklist,
  sobject,
  systemFields,
  text,
  textArea,
} from './field-builders.js';
import type { FieldDef, FieldType, SObjectDef } from './model.js';
import { currencyIsoCode } from './standard-objects.js';

/** Sync outcome written back to Product2 by catalog-sync. */
export const SYNC_STATUSES = ['Synced', 'Error', 'Held', 'Pending', 'Out of scope'] as const;

/** A subscription's billing interval unit, as an org selling subscriptions online keeps it. */
export const SUBSCRIPTION_PERIODS = ['Day', 'Week', 'Month', 'Year'] as const;
export type SubscriptionPeriod = (typeof SUBSCRIPTION_PERIODS)[number];

/** The custom fields the default mapping writes back to Product2. */
export function product2SyncFields(): FieldDef[] {
  return [
    picklist('Cleverbridge_Sync_Status__c', 'cleverbridge Sync Status', SYNC_STATUSES, true),
    // The cleverbridge product id: unique and an external id, so a product can be found (or upserted) by it.
    text('Cleverbridge_Product_Id__c', 'cleverbridge Product ID', 20, { externalId: true, unique: true }),
    textArea('Cleverbridge_Sync_Error__c', 'cleverbridge Sync Error', 32768, true),
    dateTime('Cleverbridge_Last_Synced__c', 'cleverbridge Last Synced'),
  ];
}

/**
 * The fields an org selling online keeps on Product2: whether the web shop sells the product,
 * and for a subscription the length of one billing interval (Subscription_Term__c units of
 * Subscription_Period__c; both null for a one-time product). A Number field is a double in the
 * API whatever its scale.
 */
export function product2ShopFields(): FieldDef[] {
  return [
    checkbox('Sell_Online__c', 'Sell Online', true),
    number('Subscription_Term__c', 'Subscription Term', 3, 0),
    picklist('Subscription_Period__c', 'Subscription Period', SUBSCRIPTION_PERIODS, true),
  ];
}

/**
 * Volume tiers: the unit price from a minimum quantity on, per currency. The quantity-1 price is
 * the product's price book entry; Product__c is a master-detail (deleting the product deletes
 * its tiers).
 */
export function priceTier(): SObjectDef {
  return sobject('Price_Tier__c', 'Price Tier', 'Price Tiers', 'a01', [
    idField('Record ID'),
    text('Name', 'Price Tier Name', 80, {
      ...readOnly,
      nillable: false,
      defaultedOnCreate: true,
      autoNumber: 'PT-{000000}',
      nameField: true,
      idLookup: true,
    }),
    lookup('Product__c', 'Product', 'Product2', 'Product__r', 'Price_Tiers__r', {
      nillable: false,
      updateable: false,
      cascadeDelete: true,
    }),
    currencyIsoCode(),
    number('Min_Quantity__c', 'Minimum Quantity', 18, 0, { nillable: false }),
    currency('Unit_Price__c', 'Unit Price', 16, 2, { nillable: false }),
    ...systemFields(),
  ]);
}

/** An org-specific custom field a test declares when it starts the sandbox. */
export interface CustomFieldSpec {
  /** The object it belongs to, e.g. "Product2". */
  object: string;
  /** API name ending in __c. */
  name: string;
  type:
    | 'text'
    | 'textarea'
    | 'longtextarea'
    | 'checkbox'
    | 'number'
    | 'currency'
    | 'picklist'
    | 'datetime'
    | 'date'
    | 'url'
    | 'email';
  label?: string;
  /** Characters for text types (default 255; 32768 for long text areas). */
  length?: number;
  precision?: number;
  scale?: number;
  /** Picklist values; the picklist is restricted unless `restricted: false`. */
  values?: string[];
  restricted?: boolean;
  required?: boolean;
  externalId?: boolean;
  unique?: boolean;
  defaultValue?: string | number | boolean;
}

const TYPES: Record<CustomFieldSpec['type'], FieldType> = {
  text: 'string',
  textarea: 'textarea',
  longtextarea: 'textarea',
  checkbox: 'boolean',
  number: 'double',
  currency: 'currency',
  picklist: 'picklist',
  datetime: 'datetime',
  date: 'date',
  url: 'url',
  email: 'email',
};

export function customField(spec: CustomFieldSpec): FieldDef {
  if (!/^[A-Za-z][A-Za-z0-9_]*__c$/.test(spec.name) || spec.name.includes('___')) {
    throw new RangeError(`custom field "${spec.name}" must be an API name ending in __c`);
  }
  const label = spec.label ?? spec.name.slice(0, -3).replaceAll('_', ' ');
  const common: Partial<FieldDef> = {
    nillable: !spec.required,
    externalId: spec.externalId ?? false,
    unique: spec.unique ?? false,
    ...(spec.defaultValue !== undefined ? { defaultValue: spec.defaultValue, defaultedOnCreate: true } : {}),
  };
  switch (spec.type) {
    case 'text':
      return text(spec.name, label, spec.length ?? 255, common);
    case 'textarea':
      return textArea(spec.name, label, spec.length ?? 255, false, common);
    case 'longtextarea':
      return textArea(spec.name, label, spec.length ?? 32768, true, common);
    case 'checkbox':
      return checkbox(spec.name, label, spec.defaultValue === true, { externalId: false });
    case 'number':
      return number(spec.name, label, spec.precision ?? 18, spec.scale ?? 0, common);
    case 'currency':
      return currency(spec.name, label, spec.precision ?? 16, spec.scale ?? 2, common);
    case 'picklist':
      if (!spec.values?.length) throw new RangeError(`picklist ${spec.name} needs values`);
      return picklist(spec.name, label, spec.values, spec.restricted ?? true, common);
    default:
      return field(spec.name, label, TYPES[spec.type], {
        ...common,
        length: spec.type === 'url' || spec.type === 'email' ? (spec.length ?? 255) : 0,
      });
  }
}
