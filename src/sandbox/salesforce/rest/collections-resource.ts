import { canonicalId } from '../record-id.js';
import type { DecodedRecord, SaveOutcome } from '../dml/dml-engine.js';
import { lookupObject } from '../soql/compile-query.js';
import { notFound, SfError, SfErrorCode, type SfErrorDetail } from '../errors.js';
import { projectRecord } from '../soql/project-record.js';
import { objectOr404, requestedFields } from './sobject-resource.js';
import {
  asObject,
  dmlContext,
  methodNotAllowed,
  requireVersion,
  type RestAnswer,
  type RestEnv,
  type RestRequest,
} from './rest-types.js';

/** Records one sObject Collections call may carry, and ids one retrieve may ask for. */
export const MAX_COLLECTION_RECORDS = 200;
const MAX_RETRIEVE_IDS = 2000;

const tooMany = () =>
  new SfError(
    400,
    SfErrorCode.ExceededIdLimit,
    `record limit reached. cannot submit more than ${MAX_COLLECTION_RECORDS} records into this call`,
  );

const ROLLED_BACK: SfErrorDetail = {
  errorCode: SfErrorCode.AllOrNoneRolledBack,
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

/** A save result as collections write it: per-record `statusCode`, no id on failure. */
function saveResult(outcome: SaveOutcome, upsert: boolean) {
  if (outcome.ok)
    return upsert
      ? { id: outcome.id, success: true, errors: [], created: outcome.created }
      : { id: outcome.id, success: true, errors: [] };
  return {
    success: false,
    errors: outcome.errors.map((e) => ({ statusCode: e.errorCode, message: e.message, fields: e.fields })),
  };
}

/**
 * Applies one operation per item in order inside a transaction. With allOrNone, a single failure
 * rolls everything back and the records that had succeeded report ALL_OR_NONE_OPERATION_ROLLED_BACK.
 */
function applyAll<T>(env: RestEnv, items: T[], allOrNone: boolean, apply: (item: T) => SaveOutcome): SaveOutcome[] {
  return env.org.store.transaction((rollback) => {
    const outcomes = items.map(apply);
    if (!allOrNone || outcomes.every((o) => o.ok)) return outcomes;
    rollback();
    return outcomes.map((o) => (o.ok ? { ok: false as const, errors: [ROLLED_BACK] } : o));
  });
}

const results = (outcomes: SaveOutcome[], kind: string, upsert = false): RestAnswer => ({
  status: 200,
  body: outcomes.map((o) => saveResult(o, upsert)),
  operations: outcomes.map((o) => ({ kind, ok: o.ok })),
});

interface CollectionBody {
  allOrNone: boolean;
  records: Record<string, unknown>[];
}

function collectionBody(body: unknown): CollectionBody {
  const b = asObject(body);
  if (b.allOrNone !== undefined && typeof b.allOrNone !== 'boolean') {
    throw new SfError(
      400,
      SfErrorCode.JsonParserError,
      `Cannot deserialize instance of boolean from ${JSON.stringify(b.allOrNone)} for allOrNone`,
    );
  }
  if (!Array.isArray(b.records))
    throw new SfError(400, SfErrorCode.JsonParserError, 'The request body must carry a records array');
  if (b.records.length > MAX_COLLECTION_RECORDS) throw tooMany();
  return { allOrNone: b.allOrNone === true, records: b.records.map((r) => asObject(r, 'a record')) };
}

/**
 * Decodes every record first, as the requesting user sees the org: a malformed one fails the
 * whole request before anything is saved.
 */
function decodeRecords(
  req: RestRequest,
  env: RestEnv,
  records: Record<string, unknown>[],
  fixedType?: string,
): DecodedRecord[] {
  return records.map((record) => {
    const type = (record.attributes as { type?: unknown } | undefined)?.type ?? fixedType;
    if (typeof type !== 'string') throw new SfError(400, SfErrorCode.InvalidType, 'No SObject Type defined in record');
    // Collections name a record by `id` (or `Id`): field names are case-insensitive.
    return env.org.dml.decode(lookupObject(req.schema, type), record, req.schema);
  });
}

const missingId: SaveOutcome = {
  ok: false,
  errors: [{ errorCode: SfErrorCode.MissingArgument, message: 'Id not specified in an update call', fields: [] }],
};

function splitIds(list: string | null): string[] {
  return (list ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function deleteMany(req: RestRequest, env: RestEnv): RestAnswer {
  const ids = splitIds(req.params.get('ids'));
  if (ids.length === 0) throw new SfError(400, SfErrorCode.MissingArgument, 'Missing required parameter: ids');
  if (ids.length > MAX_COLLECTION_RECORDS) throw tooMany();
  const ctx = dmlContext(req, env);
  const outcomes = applyAll(env, ids, req.params.get('allOrNone') === 'true', (id) => {
    const id18 = canonicalId(id);
    const object = id18 ? env.org.schema.byKeyPrefix(id18.slice(0, 3)) : undefined;
    if (!object)
      return { ok: false, errors: [{ errorCode: SfErrorCode.MalformedId, message: `malformed id ${id}`, fields: [] }] };
    return env.org.dml.delete(object, id, ctx);
  });
  return results(outcomes, 'composite:delete');
}

async function retrieveMany(req: RestRequest, env: RestEnv, typeName: string): Promise<RestAnswer> {
  const object = objectOr404(req.schema, typeName);
  let ids: string[];
  let fieldList: string | null;
  if (req.method === 'GET') {
    ids = splitIds(req.params.get('ids'));
    fieldList = req.params.get('fields');
  } else {
    const body = asObject(await req.json());
    ids = Array.isArray(body.ids) ? body.ids.map(String) : [];
    fieldList = Array.isArray(body.fields) ? body.fields.map(String).join(',') : null;
  }
  if (ids.length === 0) throw new SfError(400, SfErrorCode.MissingArgument, 'Missing required parameter: ids');
  if (fieldList === null || fieldList.trim() === '')
    throw new SfError(400, SfErrorCode.MissingArgument, 'Missing required parameter: fields');
  if (ids.length > MAX_RETRIEVE_IDS)
    throw new SfError(
      400,
      SfErrorCode.ExceededIdLimit,
      `record limit reached. cannot submit more than ${MAX_RETRIEVE_IDS} records into this call`,
    );
  const fields = requestedFields(req.schema, object, fieldList);
  const records = ids.map((id) => {
    const id18 = canonicalId(id);
    if (!id18) throw new SfError(400, SfErrorCode.MalformedId, `malformed id ${id}`);
    const r = env.org.store.get(object, id18);
    return r && r.IsDeleted !== true ? projectRecord(env.org.store, req.version, object, r, fields) : null;
  });
  return {
    status: 200,
    body: records,
    operations: records.map((r) => ({ kind: 'composite:retrieve', ok: r !== null })),
  };
}

/**
 * sObject Collections (API 42.0+): create, update, delete and retrieve up to 200 records in one
 * call; upsert by external id from 46.0.
 */
export async function handleCollections(req: RestRequest, env: RestEnv): Promise<RestAnswer> {
  requireVersion(req, 42);
  const [, , typeName, extField, ...extra] = req.segments;
  if (extra.length > 0) throw notFound();
  const ctx = () => dmlContext(req, env);
  if (typeName === undefined) {
    if (req.method === 'DELETE') return deleteMany(req, env);
    if (req.method !== 'POST' && req.method !== 'PATCH')
      throw methodNotAllowed(req.method, ['DELETE', 'PATCH', 'POST']);
    const body = collectionBody(await req.json());
    const records = decodeRecords(req, env, body.records);
    if (req.method === 'POST')
      return results(
        applyAll(env, records, body.allOrNone, (r) => env.org.dml.create(r, ctx())),
        'composite:create',
      );
    const outcomes = applyAll(env, records, body.allOrNone, (r) =>
      r.id === null ? missingId : (env.org.locks.take(r.id) ?? env.org.dml.update(r, r.id, ctx())),
    );
    return results(outcomes, 'composite:update');
  }
  if (extField === undefined) {
    if (req.method !== 'GET' && req.method !== 'POST') throw methodNotAllowed(req.method, ['GET', 'POST']);
    return retrieveMany(req, env, typeName);
  }
  requireVersion(req, 46);
  if (req.method !== 'PATCH') throw methodNotAllowed(req.method, ['PATCH']);
  const object = objectOr404(req.schema, typeName);
  const key = req.schema.field(object, extField);
  if (!key || !(key.externalId || key.name === 'Id'))
    throw notFound(`Provided external ID field does not exist or is not accessible: ${extField}`);
  const body = collectionBody(await req.json());
  const records = decodeRecords(req, env, body.records, object.name);
  const outcomes = applyAll(env, records, body.allOrNone, (r) => {
    const value = key.name === 'Id' ? r.id : r.values.get(key);
    if (value === null || value === undefined) {
      return {
        ok: false,
        errors: [{ errorCode: SfErrorCode.MissingArgument, message: `${key.name} not specified`, fields: [key.name] }],
      };
    }
    const rest = new Map(r.values);
    rest.delete(key);
    return env.org.dml.upsert({ ...r, values: rest }, key, String(value), ctx());
  });
  return results(outcomes, 'composite:upsert', true);
}
