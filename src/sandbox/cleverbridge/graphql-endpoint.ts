import type { IncomingMessage } from 'node:http';
import {
  GraphQLError,
  Kind,
  buildSchema,
  execute,
  parse,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { readJsonBody } from '../../lib/http-server.js';
import { CbErrorCode } from './errors.js';
import type { RequestContext } from './resolvers.js';
import { rootValue } from './resolvers.js';
import { PRODUCT_SCHEMA_SDL } from './schema-sdl.js';

export const schema: GraphQLSchema = buildSchema(PRODUCT_SCHEMA_SDL);

const GRAPHQL_RESPONSE = 'application/graphql-response+json; charset=utf-8';
const JSON_RESPONSE = 'application/json; charset=utf-8';

/** What the endpoint answers: an HTTP status, a media type and a GraphQL response body. */
export interface GraphQLAnswer {
  status: number;
  contentType: string;
  body: unknown;
  headers?: Record<string, string>;
  /** Top-level fields of the operation, with their outcome, for the request log. */
  operations: Array<{ kind: string; ok: boolean }>;
}

interface GraphQLRequest {
  query: string;
  variables: Record<string, unknown> | undefined;
  operationName: string | undefined;
}

/** Formats errors as the platform does while it moves `code` into `extensions`: both places. */
function formatError(error: GraphQLError, fallbackCode: string) {
  const json = error.toJSON();
  const code = (error.extensions.code as string | undefined) ?? fallbackCode;
  return { ...json, code, extensions: { ...json.extensions, code } };
}

const requestError = (code: string, message: string) => ({ message, code, extensions: { code } });

/**
 * GraphQL over HTTP: the media type follows the Accept header. With
 * application/graphql-response+json a request that cannot execute (syntax, validation,
 * variables) is a 400; with plain application/json it is a 200, as the spec asks.
 */
function mediaType(req: IncomingMessage): { contentType: string; requestErrorStatus: number } {
  const accept = req.headers.accept ?? '';
  return accept.includes('application/graphql-response+json')
    ? { contentType: GRAPHQL_RESPONSE, requestErrorStatus: 400 }
    : { contentType: JSON_RESPONSE, requestErrorStatus: 200 };
}

async function readRequest(
  req: IncomingMessage,
  maxBodyBytes: number,
): Promise<GraphQLRequest | { error: GraphQLAnswer }> {
  const fail = (status: number, message: string, headers?: Record<string, string>) => ({
    error: {
      status,
      contentType: JSON_RESPONSE,
      body: { errors: [requestError(CbErrorCode.BadRequest, message)] },
      operations: [],
      ...(headers ? { headers } : {}),
    },
  });
  if (req.method === 'GET') {
    const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
    const variables = params.get('variables');
    try {
      return {
        query: params.get('query') ?? '',
        variables: variables ? (JSON.parse(variables) as Record<string, unknown>) : undefined,
        operationName: params.get('operationName') ?? undefined,
      };
    } catch {
      return fail(400, 'The variables parameter is not valid JSON.');
    }
  }
  if (req.method !== 'POST') return fail(405, `Method ${req.method ?? ''} is not allowed.`, { Allow: 'GET, POST' });
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') return fail(415, 'Send the request as application/json.');
  const read = await readJsonBody(req, maxBodyBytes);
  if (!read.ok) return fail(read.status, read.status === 413 ? read.message : 'The request body is not valid JSON.');
  const body = read.value;
  if (Array.isArray(body)) return fail(400, 'Batched requests are not supported; send one operation per request.');
  const b = (body ?? {}) as Record<string, unknown>;
  if (typeof b.query !== 'string' || b.query.trim() === '') return fail(400, 'The request has no query.');
  if (b.variables != null && (typeof b.variables !== 'object' || Array.isArray(b.variables))) {
    return fail(400, 'variables must be an object.');
  }
  return {
    query: b.query,
    variables: (b.variables ?? undefined) as Record<string, unknown> | undefined,
    operationName: typeof b.operationName === 'string' ? b.operationName : undefined,
  };
}

/** Parsed and validated documents, by query text: batches repeat the same document. */
const documents = new Map<string, DocumentNode | readonly GraphQLError[]>();
const DOCUMENT_CACHE_SIZE = 200;

function prepare(query: string): DocumentNode | readonly GraphQLError[] {
  const cached = documents.get(query);
  if (cached) return cached;
  let prepared: DocumentNode | readonly GraphQLError[];
  try {
    const document = parse(query);
    const errors = validate(schema, document);
    prepared = errors.length > 0 ? errors : document;
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    prepared = [
      new GraphQLError(error.message, {
        ...(error.source ? { source: error.source } : {}),
        ...(error.positions ? { positions: error.positions } : {}),
        extensions: { code: CbErrorCode.ParseFailed },
      }),
    ];
  }
  if (documents.size >= DOCUMENT_CACHE_SIZE) documents.delete(documents.keys().next().value as string);
  documents.set(query, prepared);
  return prepared;
}

function selectedOperation(document: DocumentNode, name: string | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  return name ? operations.find((o) => o.name?.value === name) : operations.length === 1 ? operations[0] : undefined;
}

function topLevelFields(operation: OperationDefinitionNode | undefined): Array<{ key: string; kind: string }> {
  if (!operation) return [];
  return operation.selectionSet.selections.flatMap((s) =>
    s.kind === Kind.FIELD
      ? [{ key: s.alias?.value ?? s.name.value, kind: `${operation.operation}:${s.name.value}` }]
      : [],
  );
}

export async function handleGraphQL(
  req: IncomingMessage,
  context: RequestContext,
  maxBodyBytes: number,
): Promise<GraphQLAnswer> {
  const read = await readRequest(req, maxBodyBytes);
  if ('error' in read) return read.error;
  const { contentType, requestErrorStatus } = mediaType(req);

  const prepared = prepare(read.query);
  if (!('kind' in prepared)) {
    const code =
      prepared[0]?.extensions.code === CbErrorCode.ParseFailed ? CbErrorCode.ParseFailed : CbErrorCode.ValidationFailed;
    return {
      status: requestErrorStatus,
      contentType,
      body: { errors: prepared.map((e) => formatError(e, code)) },
      operations: [],
    };
  }
  const operation = selectedOperation(prepared, read.operationName);
  const fields = topLevelFields(operation);
  if (operation?.operation === 'mutation' && req.method === 'GET') {
    return {
      status: 405,
      contentType,
      headers: { Allow: 'POST' },
      body: { errors: [requestError(CbErrorCode.BadRequest, 'Mutations must be sent with POST.')] },
      operations: [],
    };
  }
  const result = (await execute({
    schema,
    document: prepared,
    rootValue,
    contextValue: context,
    variableValues: read.variables,
    operationName: read.operationName,
  })) as ExecutionResult;

  if (result.data === undefined) {
    // Nothing executed: an operation could not be chosen or the variables did not coerce.
    return {
      status: requestErrorStatus,
      contentType,
      body: { errors: (result.errors ?? []).map((e) => formatError(e, CbErrorCode.BadUserInput)) },
      operations: fields.map((f) => ({ kind: f.kind, ok: false })),
    };
  }
  const failed = new Set((result.errors ?? []).map((e) => e.path?.[0]));
  const body = result.errors?.length
    ? { data: result.data, errors: result.errors.map((e) => formatError(e, CbErrorCode.InternalServerError)) }
    : { data: result.data };
  return { status: 200, contentType, body, operations: fields.map((f) => ({ kind: f.kind, ok: !failed.has(f.key) })) };
}
