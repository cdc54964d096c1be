import { ClientError, GraphQLClient } from 'graphql-request';
import type { CleverbridgeProduct } from '../core/cleverbridge-product.js';
import { CleverbridgeError, retryAfterMs } from './errors.js';
import { PRODUCT_FIELDS, PRODUCTS_QUERY } from './queries.js';
import { checkProducts } from './response-checks.js';

export interface CleverbridgeConfig {
  url: string;
  username: string;
  password: string;
  clientId: number;
  /** Give up on a request after this long (the outcome of a mutation is then unknown). */
  timeoutMs: number;
}

export type MutationKind = 'create' | 'update' | 'delete';

export interface MutationCall {
  kind: MutationKind;
  /** createProduct/updateProduct input, or { id } for a delete. */
  input: Record<string, unknown>;
}

/** Per mutation of a batch: its product id, or the error cleverbridge gave for it alone. */
export type MutationResult = { ok: true; cbId: number } | { ok: false; code: string; message: string };

export interface CallStats {
  requests: number;
  byOutcome: Record<string, number>;
}

interface GqlError {
  message?: string;
  path?: ReadonlyArray<string | number>;
  code?: string;
  extensions?: { code?: string };
}

const FIELD: Record<MutationKind, { name: string; type: string; result: string }> = {
  create: { name: 'createProduct', type: 'CreateProductInput!', result: 'createdProduct { id }' },
  update: { name: 'updateProduct', type: 'UpdateProductInput!', result: 'updatedProduct { id }' },
  delete: { name: 'deleteProduct', type: 'Int!', result: 'deletedProductId' },
};

/** Several mutations as aliases of one document; each alias succeeds or fails on its own. */
export function batchDocument(calls: readonly MutationCall[]): string {
  const variables = calls.map((c, i) => `$m${i}: ${FIELD[c.kind].type}`);
  if (calls.some((c) => c.kind === 'delete')) variables.push('$clientId: Int!');
  const fields = calls.map((c, i) =>
    c.kind === 'delete'
      ? `m${i}: deleteProduct(id: $m${i}, clientId: $clientId) { ${FIELD.delete.result} }`
      : `m${i}: ${FIELD[c.kind].name}(input: $m${i}) { ${FIELD[c.kind].result} }`,
  );
  return `mutation CatalogSyncBatch(${variables.join(', ')}) {\n  ${fields.join('\n  ')}\n}`;
}

const codeOf = (e: GqlError) => e.extensions?.code ?? e.code ?? 'UNKNOWN';

/**
 * The cleverbridge GraphQL API through graphql-request, one HTTP request per call. Every failure
 * becomes a CleverbridgeError of a known kind; pacing and retries are the caller's (throttle.ts).
 */
export class CleverbridgeClient {
  readonly stats: CallStats = { requests: 0, byOutcome: {} };
  readonly #client: GraphQLClient;
  readonly #config: CleverbridgeConfig;

  constructor(config: CleverbridgeConfig, fetchImpl?: typeof fetch) {
    this.#config = config;
    this.#client = new GraphQLClient(config.url, {
      headers: { Authorization: `Basic ${Buffer.from(`${config.username}:${config.password}`).toString('base64')}` },
      errorPolicy: 'all',
      ...(fetchImpl ? { fetch: fetchImpl } : {}),
    });
  }

  get clientId(): number {
    return this.#config.clientId;
  }

  /** Checks the endpoint answers and takes the credentials, with the smallest query there is. */
  async ping(): Promise<void> {
    const { errors } = await this.#request<{ __typename?: string }>('query CatalogSyncPing { __typename }', {});
    if (errors.length > 0)
      throw new CleverbridgeError('rejected', `the ping was refused: ${errors.map((e) => e.message).join('; ')}`);
  }

  /** Every product of the client, with the fields catalog-sync manages. */
  async readProducts(): Promise<CleverbridgeProduct[]> {
    const { data, errors } = await this.#request<{ products?: unknown }>(PRODUCTS_QUERY, {
      clientId: this.#config.clientId,
    });
    if (errors.length > 0 || !data) {
      throw new CleverbridgeError(
        'rejected',
        `the products query failed: ${errors.map((e) => `${codeOf(e)} ${e.message ?? ''}`).join('; ')}`,
      );
    }
    return checkProducts(data.products);
  }

  /**
   * Several products by id in one request (aliases); a product cleverbridge does not have (or
   * no longer has) comes back as null.
   */
  async readProductsById(ids: readonly number[]): Promise<Array<CleverbridgeProduct | null>> {
    if (ids.length === 0) return [];
    const variables = Object.fromEntries(ids.map((id, i) => [`p${i}`, id]));
    const document = `query CatalogSyncProductsById(${ids.map((_, i) => `$p${i}: Int!`).join(', ')}) {\n${ids
      .map((_, i) => `  p${i}: product(id: $p${i}) { ${PRODUCT_FIELDS} }`)
      .join('\n')}\n}`;
    const { data, errors } = await this.#request<Record<string, unknown>>(document, variables);
    const refused = errors.filter((e) => codeOf(e) !== 'NOT_FOUND');
    if (!data || refused.length > 0) {
      throw new CleverbridgeError(
        'rejected',
        `reading products by id failed: ${refused.map((e) => `${codeOf(e)} ${e.message ?? ''}`).join('; ')}`,
      );
    }
    const products = checkProducts(ids.map((_, i) => data[`p${i}`]).filter((p) => p !== null && p !== undefined));
    const byId = new Map(products.map((p) => [p.id, p]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Sends the mutations as one request; the results are in the order of `calls`. */
  async mutate(calls: readonly MutationCall[]): Promise<MutationResult[]> {
    const variables: Record<string, unknown> = { clientId: this.#config.clientId };
    calls.forEach((c, i) => (variables[`m${i}`] = c.kind === 'delete' ? c.input.id : c.input));
    const { data, errors } = await this.#request<Record<string, unknown>>(batchDocument(calls), variables);
    if (!data) {
      // No data at all: the document or its variables were refused before anything ran.
      throw new CleverbridgeError(
        'rejected',
        `the mutation batch was refused: ${errors.map((e) => `${codeOf(e)} ${e.message ?? ''}`).join('; ')}`,
      );
    }
    return calls.map((call, i): MutationResult => {
      const alias = `m${i}`;
      const error = errors.find((e) => e.path?.[0] === alias);
      if (error) return { ok: false, code: codeOf(error), message: error.message ?? '' };
      const value = data[alias] as Record<string, unknown> | null | undefined;
      const cbId =
        call.kind === 'delete'
          ? (value?.deletedProductId as unknown)
          : ((value?.[call.kind === 'create' ? 'createdProduct' : 'updatedProduct'] as { id?: unknown } | null)
              ?.id as unknown);
      if (typeof cbId !== 'number') {
        return {
          ok: false,
          code: 'CB_BAD_RESPONSE',
          message: `no product id in the answer for ${FIELD[call.kind].name}`,
        };
      }
      return { ok: true, cbId };
    });
  }

  async #request<T>(
    document: string,
    variables: Record<string, unknown>,
  ): Promise<{ data: T | undefined; errors: GqlError[] }> {
    this.stats.requests++;
    const outcome = (name: string) => (this.stats.byOutcome[name] = (this.stats.byOutcome[name] ?? 0) + 1);
    try {
      const response = await this.#client.rawRequest<T>({
        query: document,
        variables,
        signal: AbortSignal.timeout(this.#config.timeoutMs),
      });
      outcome('ok');
      return { data: (response.data ?? undefined) as T | undefined, errors: (response.errors ?? []) as GqlError[] };
    } catch (error) {
      const classified = classify(error);
      outcome(classified.kind);
      throw classified;
    }
  }
}

function classify(error: unknown): CleverbridgeError {
  if (error instanceof CleverbridgeError) return error;
  if (error instanceof ClientError) {
    const status = error.response.status;
    if (status === 401) {
      return new CleverbridgeError(
        'auth',
        'cleverbridge refused the credentials (HTTP 401). Check CB_USERNAME and CB_PASSWORD; the user is locked out after three failed logins, so catalog-sync does not retry.',
        { status },
      );
    }
    if (status === 429) {
      const header = error.response.headers.get('retry-after');
      return new CleverbridgeError(
        'rate-limited',
        `cleverbridge rate limit reached (HTTP 429, Retry-After ${header ?? 'absent'})`,
        {
          status,
          retryAfterMs: retryAfterMs(header),
        },
      );
    }
    if (status >= 500) return new CleverbridgeError('unavailable', `cleverbridge answered HTTP ${status}`, { status });
    if (status >= 400) {
      return new CleverbridgeError(
        'rejected',
        `cleverbridge refused the request (HTTP ${status}): ${error.message.slice(0, 300)}`,
        { status },
      );
    }
    return new CleverbridgeError('bad-response', `unexpected answer (HTTP ${status}): ${error.message.slice(0, 300)}`, {
      status,
    });
  }
  const e = error as Error;
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError')
    return new CleverbridgeError('unavailable', 'cleverbridge did not answer in time');
  if (e instanceof SyntaxError || /JSON/i.test(e?.message ?? '')) {
    return new CleverbridgeError('bad-response', `cleverbridge's answer is not valid JSON: ${e.message}`);
  }
  const cause = (e as { cause?: { code?: string; message?: string } })?.cause;
  return new CleverbridgeError(
    'unavailable',
    `cannot reach cleverbridge: ${cause?.code ?? cause?.message ?? e?.message ?? String(error)}`,
  );
}
