import { canonicalId } from '../record-id.js';
import type { SaveOutcome } from '../dml/dml-engine.js';
import { notFound, restErrorBody, SfError, SfErrorCode } from '../errors.js';
import { describeGlobal, describeGlobalEntry, describeSObject } from '../schema/describe.js';
import type { FieldDef, SObjectDef, StoredRecord } from '../schema/model.js';
import type { SchemaView } from '../schema/schema-view.js';
import { projectRecord, sobjectUrl } from '../soql/project-record.js';
import { replicationWindow } from './replication.js';
import {
  answer,
  asObject,
  dmlContext,
  methodNotAllowed,
  type RestAnswer,
  type RestEnv,
  type RestRequest,
} from './rest-types.js';

/** An object the user may read, or 404 as for an object the org does not have. */
export function objectOr404(schema: SchemaView, name: string): SObjectDef {
  const object = schema.object(name);
  if (!object) throw notFound();
  return object;
}

/**
 * The fields named in `?fields=a,b` (all the user may read when absent); an unknown name, or one
 * the user may not read, fails the request.
 */
export function requestedFields(schema: SchemaView, object: SObjectDef, list: string | null): readonly FieldDef[] {
  if (list === null || list.trim() === '') return schema.fields(object);
  return list.split(',').map((name) => {
    const f = schema.field(object, name.trim());
    if (!f)
      throw new SfError(
        400,
        SfErrorCode.InvalidField,
        `No such column '${name.trim()}' on entity '${object.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    return f;
  });
}

/**
 * A live record addressed by id in a URL. Anything that is not an id is read as an external-id
 * field name, which is how Salesforce answers a malformed id there.
 */
function recordAt(env: RestEnv, object: SObjectDef, idText: string): StoredRecord {
  const id = canonicalId(idText);
  if (!id) throw notFound(`Provided external ID field does not exist or is not accessible: ${idText}`);
  const record = id.startsWith(object.keyPrefix) ? env.org.store.get(object, id) : undefined;
  if (!record) throw notFound();
  if (record.IsDeleted === true) throw new SfError(404, SfErrorCode.EntityIsDeleted, 'entity is deleted');
  return record;
}

function externalIdField(schema: SchemaView, object: SObjectDef, name: string): FieldDef {
  const f = schema.field(object, name);
  if (!f || !(f.externalId || f.name === 'Id'))
    throw notFound(`Provided external ID field does not exist or is not accessible: ${name}`);
  return f;
}

const saveFailed = (outcome: Extract<SaveOutcome, { ok: false }>, kind: string): RestAnswer =>
  answer(400, restErrorBody(outcome.errors), kind, false);

/** 300 Multiple Choices: the URLs of every record an external id matched. */
const multipleChoices = (req: RestRequest, object: SObjectDef, ids: string[], kind: string): RestAnswer =>
  answer(
    300,
    ids.map((id) => sobjectUrl(req.version, object.name, id)),
    kind,
    false,
  );

async function create(req: RestRequest, env: RestEnv, object: SObjectDef): Promise<RestAnswer> {
  const decoded = env.org.dml.decode(object, asObject(await req.json()), req.schema);
  const outcome = env.org.dml.create(decoded, dmlContext(req, env));
  if (!outcome.ok) return saveFailed(outcome, 'sobject:create');
  return answer(201, { id: outcome.id, success: true, errors: [] }, 'sobject:create');
}

async function byId(req: RestRequest, env: RestEnv, object: SObjectDef, idText: string): Promise<RestAnswer> {
  const record = recordAt(env, object, idText);
  const id = record.Id as string;
  const ctx = dmlContext(req, env);
  switch (req.method) {
    case 'GET':
      return answer(
        200,
        projectRecord(
          env.org.store,
          req.version,
          object,
          record,
          requestedFields(req.schema, object, req.params.get('fields')),
        ),
        'sobject:retrieve',
      );
    case 'PATCH': {
      const decoded = env.org.dml.decode(object, asObject(await req.json()), req.schema);
      const outcome = env.org.dml.update(decoded, id, ctx);
      return outcome.ok ? answer(204, undefined, 'sobject:update') : saveFailed(outcome, 'sobject:update');
    }
    case 'DELETE': {
      const outcome = env.org.dml.delete(object, id, ctx);
      return outcome.ok ? answer(204, undefined, 'sobject:delete') : saveFailed(outcome, 'sobject:delete');
    }
    default:
      throw methodNotAllowed(req.method, ['GET', 'PATCH', 'DELETE', 'HEAD']);
  }
}

async function byExternalId(
  req: RestRequest,
  env: RestEnv,
  object: SObjectDef,
  fieldName: string,
  value: string,
): Promise<RestAnswer> {
  const key = externalIdField(req.schema, object, fieldName);
  if (key.name === 'Id' && req.method !== 'PATCH') return byId(req, env, object, value);
  const ctx = dmlContext(req, env);
  if (req.method === 'PATCH') {
    const body = asObject(await req.json());
    const outcome = env.org.dml.upsert(env.org.dml.decode(object, body, req.schema), key, value, ctx);
    if (!outcome.ok) {
      const duplicate = outcome.errors[0]?.errorCode === SfErrorCode.DuplicateExternalId;
      return duplicate
        ? multipleChoices(req, object, env.org.store.idsWithValue(object, key, value), 'sobject:upsert')
        : saveFailed(outcome, 'sobject:upsert');
    }
    // Since API 46.0 an update by upsert answers 200 with a body instead of 204.
    const result = { id: outcome.id, success: true, errors: [], created: outcome.created };
    if (outcome.created)
      return answer(
        201,
        Number(req.version) >= 46 ? result : { id: outcome.id, success: true, errors: [] },
        'sobject:upsert',
      );
    return Number(req.version) >= 46 ? answer(200, result, 'sobject:upsert') : answer(204, undefined, 'sobject:upsert');
  }
  const ids = env.org.store.idsWithValue(object, key, value);
  if (ids.length > 1)
    return multipleChoices(req, object, ids, `sobject:${req.method === 'DELETE' ? 'delete' : 'retrieve'}`);
  if (ids.length === 0) throw notFound();
  return byId(req, env, object, ids[0] as string);
}

/**
 * /sobjects and everything under it: describe, create, retrieve, update, delete, upsert by
 * external id, and the replication windows (deleted, updated).
 */
export async function handleSObjects(req: RestRequest, env: RestEnv): Promise<RestAnswer> {
  env.org.purgeExpired();
  const [, typeName, third, fourth, ...extra] = req.segments;
  if (typeName === undefined) {
    if (req.method !== 'GET') throw methodNotAllowed(req.method, ['GET', 'HEAD']);
    return answer(200, describeGlobal(req.schema, req.version), 'describeGlobal');
  }
  if (extra.length > 0) throw notFound();
  const object = objectOr404(req.schema, typeName);
  if (third === undefined) {
    if (req.method === 'POST') return create(req, env, object);
    if (req.method !== 'GET') throw methodNotAllowed(req.method, ['GET', 'POST', 'HEAD']);
    const objectDescribe = describeGlobalEntry(req.version, object, req.schema.operations(object));
    return answer(200, { objectDescribe, recentItems: [] }, 'sobject:info');
  }
  if (fourth === undefined && (third === 'describe' || third === 'deleted' || third === 'updated')) {
    if (req.method !== 'GET') throw methodNotAllowed(req.method, ['GET', 'HEAD']);
    if (third === 'describe') return answer(200, describeSObject(req.schema, req.version, object), 'describe');
    return answer(200, replicationWindow(req, env, object, third), `sobject:${third}`);
  }
  return fourth === undefined ? byId(req, env, object, third) : byExternalId(req, env, object, third, fourth);
}
