import type { FieldChange } from './diff.js';
import type { CanonicalProduct, KeptPriceValue, ProductField } from './product.js';

/** Why one record did not sync (its Salesforce values, or cleverbridge refusing it): a stable `code`, a `message` for a person, the field at fault when one is. */
export interface RecordError {
  code: string;
  message: string;
  field?: string;
}

/** A record error with the product it is about. */
export type KeyedRecordError = RecordError & { key: string };

/**
 * A Salesforce record whose managed fields hash as its snapshot row's: its product is the row's,
 * so it need not be held while it waits to be planned.
 */
export interface SyncedRecord {
  key: string;
  hash: string;
  asSynced: true;
  ignore?: readonly ProductField[];
}

/** One Salesforce record as the planner takes it. */
export type PlannedRecord = SalesforceRead['products'][number] | SalesforceRead['invalid'][number] | SyncedRecord;

/** What the Salesforce read produced. */
export interface SalesforceRead {
  /**
   * True only for a full read that finished: then a managed product missing from it was
   * deleted. An incremental or failed read is never complete.
   */
  complete: boolean;
  /** `ignore`: managed fields this record cannot speak for; never compared or sent for it. */
  /** `hash`: managedHash of `product`, when the reader computed it. */
  products: ReadonlyArray<{ key: string; product: CanonicalProduct; ignore?: readonly ProductField[]; hash?: string }>;
  invalid: ReadonlyArray<{
    key: string;
    label: string | null;
    productCode?: string | null;
    errors: readonly RecordError[];
  }>;
  /** Products Salesforce reports deleted (IsDeleted = true). */
  deletedKeys: readonly string[];
  /** Products outside the mapping's scope: never created or updated; a synced one has left it. */
  outOfScopeKeys?: readonly string[];
}

/** What catalog-sync last wrote (or found, on adoption) for a product. */
export interface SnapshotEntry {
  key: string;
  cbId: number;
  product: CanonicalProduct;
  /** managedHash of `product` as it was written, when known: lets a plan skip loading it. */
  hash?: string;
}

/**
 * The snapshot as the planner reads it, by key: a large catalog's snapshot stays in the state
 * file, and only the rows a plan must compare field by field are loaded whole.
 */
export interface SnapshotSource {
  readonly size: number;
  keys(): Iterable<string>;
  /** The row's product id and the hash it was written with, without the product. */
  ref(key: string): { cbId: number; hash: string | undefined } | undefined;
  get(key: string): SnapshotEntry | undefined;
}

/** A cleverbridge product as read, its managed fields in canonical form. */
export interface ActualProduct {
  cbId: number;
  internalId: string | null;
  product: CanonicalProduct;
  /** managedHash of `product`, when the reader computed it. */
  hash?: string;
}

/**
 * A cleverbridge product whose managed fields hash as the snapshot row of `sameAs` (the row
 * that holds its id) did when it was read: its product is that row's, so it is not held twice.
 */
export interface ActualRef {
  cbId: number;
  internalId: string | null;
  sameAs: string;
}

/** What the planner needs of a cleverbridge product, plus what an update must carry over untouched. */
export interface CleverbridgeActual extends ActualProduct {
  keptPriceValues: KeptPriceValue[];
}

/** cleverbridge's side of one product as a run keeps it: whole, or by reference to the snapshot. */
export type CleverbridgeSide = CleverbridgeActual | (ActualRef & { keptPriceValues: KeptPriceValue[] });

export interface PlanOptions {
  /** The fields the mapping manages; all others belong to cleverbridge and are never compared or sent. */
  managedFields: readonly ProductField[];
  /** cleverbridge edited out of band while Salesforce did not change: restore it, or only report. */
  driftPolicy: 'overwrite' | 'report';
  /** A product deleted in Salesforce: delete it in cleverbridge, or deactivate it there. */
  deletePolicy: 'delete' | 'deactivate';
  /**
   * A synced product that left the mapping's scope: deactivate or delete it in cleverbridge (both
   * count toward the mass-delete limit: a mistyped scope is the likeliest mass leave), or keep
   * it as it is and manage it no more. Default 'deactivate'.
   */
  leavePolicy?: 'deactivate' | 'delete' | 'keep';
  /** More deletes than this (count, or share of managed products) holds every delete. */
  massDelete: { maxCount: number; maxShare: number };
  /** The operator's explicit override of the mass-delete hold. */
  allowMassDelete: boolean;
  /**
   * How many products catalog-sync manages in all, when the plan is given only some of them (an
   * incremental run's snapshot rows): the mass-delete share is of the whole catalog, or one
   * product deleted alone would be "100%" and held.
   */
  catalogSize?: number;
  /** For the cost estimate. */
  batchSize: number;
  requestsPerSecond: number;
}

interface Base {
  key: string;
}

export type PlanEntry =
  | (Base & { action: 'create'; product: CanonicalProduct })
  /** Found in cleverbridge by internalId though not in the snapshot: link it, and update what differs. */
  | (Base & { action: 'adopt'; cbId: number; product: CanonicalProduct; changes: FieldChange[] })
  | (Base & { action: 'update'; cbId: number; product: CanonicalProduct; changes: FieldChange[] })
  | (Base & { action: 'deactivate'; cbId: number; product: CanonicalProduct; changes: FieldChange[] })
  /**
   * cleverbridge differs from what was synced while Salesforce did not change. With policy
   * 'overwrite' the changes restore Salesforce's values; with 'report', nothing is sent.
   * `missing`: the product is gone from cleverbridge; 'overwrite' creates it again.
   */
  | (Base & {
      action: 'drift';
      cbId: number;
      product: CanonicalProduct;
      changes: FieldChange[];
      missing: boolean;
      policy: 'overwrite' | 'report';
    })
  /** `mode` follows the delete policy; `held` when the mass-delete rule stopped it. */
  | (Base & { action: 'delete'; cbId: number; mode: 'delete' | 'deactivate'; held: boolean; reason: DeleteReason })
  /**
   * Nothing to send. `refresh`: the snapshot is stale and takes the (equal) desired values.
   * `forget`: the product is gone from cleverbridge and stays gone; drop its snapshot row.
   */
  | (Base & {
      action: 'noop';
      cbId: number | null;
      product: CanonicalProduct | null;
      refresh: boolean;
      forget?: boolean;
      note?: string;
    })
  /** `productCode`: the product's internalName as mapped, when the record had a readable one. */
  | (Base & {
      action: 'invalid';
      cbId: number | null;
      label: string | null;
      productCode?: string | null;
      errors: readonly RecordError[];
    });

export type PlanAction = PlanEntry['action'];

export type DeleteReason = 'deleted-in-salesforce' | 'absent-from-full-read' | 'left-scope';

/** The kind of mutation an entry sends, if any: the GraphQL mutation it is. */
export type MutationKind = 'create' | 'update' | 'delete';

export interface PlanCost {
  mutations: Record<MutationKind, number>;
  /** cleverbridge requests for the mutations, at the batch size. */
  requests: number;
  /** Seconds those requests take at the configured request rate. */
  seconds: number;
}

export interface Plan {
  entries: PlanEntry[];
  counts: Record<PlanAction, number>;
  /** Set when deletes were held, with the reason, for the operator to read. */
  deletesHeld: string | null;
  /** cleverbridge products with a Salesforce-like internalId that no Salesforce record explains. */
  unexplained: number;
  cost: PlanCost;
}
