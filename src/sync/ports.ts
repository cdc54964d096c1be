import type { KeptPriceValue } from '../core/product.js';
import type { FieldChange } from '../core/diff.js';
import type { CleverbridgeActual } from '../core/plan-types.js';
import type { CanonicalProduct } from '../core/product.js';
import type { SalesforceProduct, SfRecord } from '../core/salesforce-product.js';

/**
 * The interfaces the run pipeline needs from the outside world; each adapter implements its
 * side (src/salesforce with jsforce, src/cleverbridge with graphql-request). What a read found
 * is the value that read returns, never state kept on the adapter.
 */

/** A record as read at one moment: its id and SystemModstamp (milliseconds). */
export interface RecordStamp {
  id: string;
  stamp: number;
}

export const stampKey = (id: string, stamp: number): string => `${id}@${stamp}`;

/** What one Salesforce read found, besides the products it handed over. */
export interface SalesforceRead {
  /** Products Salesforce reports deleted. */
  deletedIds: string[];
  /**
   * Products an incremental read asked for by id that Salesforce no longer has, not even in its
   * recycle bin (purged after 15 days, or emptied): only a complete read deletes them in
   * cleverbridge. Always empty in a complete read, where they are simply absent.
   */
  purgedIds: string[];
  /**
   * Products outside the mapping's scope that this read came upon (every one, in a full read),
   * each with its Id and its write-back status field (set when it was synced before).
   */
  outOfScope: SfRecord[];
  /** The newest SystemModstamp read (ISO 8601, Salesforce's clock): the next incremental cursor. */
  newest: string | null;
  /** Records read near `newest`: the next run's overlap window returns them again. */
  recent: RecordStamp[];
  /** API requests this read made, and records Salesforce returned to it. */
  requests: number;
  rows: number;
}

export interface SalesforceChanges extends SalesforceRead {
  /** Products read because they (or their prices, tiers, translations) changed. */
  changed: number;
}

/** What an incremental read is told besides its start. */
export interface KnownToIncrementalRead {
  /** Products to read whether they changed or not (their last outcome is unknown). */
  alsoIds: readonly string[];
  /** Changes read before, as stampKey(record id, SystemModstamp): not read again. */
  seen: ReadonlySet<string>;
  /**
   * How many products catalog-sync manages: when a large share of them changed (a burst of
   * system changes), reading the whole catalog page by page is cheaper than by ids.
   */
  catalogSize: number;
  /**
   * The source hash a synced product was last read with: a product whose Product2 changed but
   * whose hash did not (the write-back, a system process) is not read again in full.
   */
  sourceHashOf: (key: string) => string | undefined;
}

/**
 * The records change events named since the last run: products, and records read with a product
 * (its price book entries, its tiers), whose product the read looks up.
 */
export interface ChangeTargets {
  products: readonly string[];
  priceEntries: readonly string[];
  tiers: readonly string[];
}

/**
 * What a plan was read from on Salesforce's side, per object: how many records, the newest
 * SystemModstamp among them, and a hash of the records stamped in that second (SystemModstamp is
 * to the second: an edit then leaves the stamp as it was). Cheap to ask again: an edit moves the
 * stamp or changes that hash, a delete the count.
 */
export type SalesforceFingerprint = Record<string, { count: number; newest: string | null; newestSecond: string }>;

/** Reads the catalog from Salesforce. */
export interface SalesforceSource {
  /**
   * Every Product2 with its prices, tiers and translations, handed to `onProduct` as it is read.
   * When `onProduct` answers a promise, the read waits for it before the next record: the run
   * holds the read back while it cannot plan yet.
   */
  readAll(onProduct: (product: SalesforceProduct) => void | Promise<void>): Promise<SalesforceRead>;
  /** What changed since `since` (and the products `known.alsoIds`), read in full, and deleted ids. */
  readChanges(
    since: Date,
    onProduct: (product: SalesforceProduct) => void,
    known: KnownToIncrementalRead,
  ): Promise<SalesforceChanges>;
  /**
   * The products change events named (`targets`, and `known.alsoIds`), read in full as
   * `readChanges` reads them, without its change queries; a product not returned is deleted,
   * out of scope or purged.
   */
  readTargets(
    targets: ChangeTargets,
    onProduct: (product: SalesforceProduct) => void,
    known: Pick<KnownToIncrementalRead, 'alsoIds' | 'catalogSize'>,
  ): Promise<SalesforceChanges>;
  /** The fingerprint of the records a read would read now (two queries an object). */
  fingerprint(): Promise<{ fingerprint: SalesforceFingerprint; requests: number }>;
  /** Salesforce's API usage over the last 24 hours, as last reported. */
  readonly apiUsage: { used: number; limit: number } | null;
}

/** One Product2 update of the write-back: its Id and the fields that change. */
export interface StatusUpdate {
  Id: string;
  [field: string]: unknown;
}

export interface StatusWrite {
  written: number;
  failed: number;
  errors: string[];
  requests: number;
}

/** Writes each product's sync outcome back to Product2. */
export interface StatusWriter {
  /** How many characters Product2's text field holds (describe, asked once); null if unknown. */
  fieldLength(field: string): Promise<{ length: number | null; requests: number }>;
  /** Per-record failures are counted; a failure of the whole write-back throws. */
  write(updates: readonly StatusUpdate[]): Promise<StatusWrite>;
}

/**
 * One mutation as the applier asks for it, in canonical terms; the cleverbridge adapter turns it
 * into its GraphQL input. `ensure`: a create whose earlier attempt may have worked, sent as an
 * update by internalId carrying the whole product (cleverbridge answers NOT_FOUND if it has none).
 */
export type Mutation =
  | { kind: 'create'; key: string; product: CanonicalProduct }
  | { kind: 'ensure'; key: string; product: CanonicalProduct }
  | { kind: 'update'; cbId: number; changes: readonly FieldChange[]; kept: readonly KeptPriceValue[] }
  | { kind: 'deactivate'; cbId: number }
  | { kind: 'delete'; cbId: number };

/** Per mutation of a batch: its product id, or the error cleverbridge gave for it alone. */
export type MutationResult = { ok: true; cbId: number } | { ok: false; code: string; message: string };

export interface ReadAllOptions<T> {
  /** Products catalog-sync has synced: with any, an empty answer is refused. */
  synced: number;
  /** What is kept of each product as it arrives (by default all of it); the rest is let go at once. */
  keep?: (product: CleverbridgeActual) => T;
}

/**
 * cleverbridge as one run sees it: its reads and mutations, paced by the client's throttle
 * (shared by every session of the process), with this session's own request counts.
 */
export interface CleverbridgeSession {
  readonly clientId: number;
  /**
   * Every product of the client, mapped to canonical form. When catalog-sync has `synced`
   * products, an empty answer is far likelier a broken one than an emptied catalog: it is
   * refused, not trusted.
   */
  readAll<T = CleverbridgeActual>(options: ReadAllOptions<T>): Promise<T[]>;
  /** Products by id; one cleverbridge does not have comes back as null. */
  readByIds(ids: readonly number[]): Promise<Array<CleverbridgeActual | null>>;
  /**
   * One batch: the results in the order of `batch`. Not retried here: the applier decides.
   * `beforeSend` runs in the batch's turn, just before each send, with each mutation's input as
   * sent (for the journal); it may throw to cancel the send.
   */
  mutate(batch: readonly Mutation[], beforeSend?: (sent: readonly unknown[]) => void): Promise<MutationResult[]>;
  /** Requests this session sent, and 429 answers it met. */
  readonly requests: number;
  readonly rateLimited: number;
}

export interface CleverbridgeCatalog {
  /** A session for one run (or dry run), counting its own requests. */
  session(): CleverbridgeSession;
}

/** One Change Data Capture event as the daemon acts on it. */
export interface ChangeEvent {
  channel: string;
  /** Its position in the channel's stream: a subscribe from it replays what came after. */
  replayId: number;
  /** The object, e.g. Product2. */
  entity: string;
  /** CREATE, UPDATE, DELETE, UNDELETE; GAP_CREATE… (the records, no fields); GAP_OVERFLOW (no records). */
  changeType: string;
  recordIds: string[];
  /** An UPDATE's changed fields. */
  changedFields: string[];
  /** When Salesforce committed the change (epoch ms, its clock), if it said. */
  commitTimestamp: number | null;
  /** The event's record fields (a create's non-empty fields, an update's changed ones). */
  fields: Record<string, unknown>;
}

export interface ChangeStreamHandlers {
  event(event: ChangeEvent): void;
  subscribed(channel: string): void;
  /** A subscribe refused: the object is not selected for Change Data Capture, the replay id is outside the retention window, or else. */
  refused(channel: string, reason: 'no-channel' | 'replay-invalid' | 'other', message: string): void;
  /** The connection went down (the client retries it by itself) or came back. */
  transport(up: boolean): void;
  /**
   * Salesforce had forgotten the client, which handshook again and subscribes again from each
   * channel's position: a channel that had no position yet (-1) may have missed events.
   */
  reconnected(): void;
  /** Salesforce no longer accepts the session: the stream stopped; open a new one. */
  authFailed(message: string): void;
}

export interface OpenStream {
  close(): void;
}

/** Salesforce's change events, per channel from a replay id (-1: new events only). */
export interface ChangeStream {
  /** `relogin`: log in again first (the last stream's session was refused). */
  open(from: ReadonlyMap<string, number>, on: ChangeStreamHandlers, relogin?: boolean): Promise<OpenStream>;
}
