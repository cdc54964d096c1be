import type { CleverbridgeActual } from '../core/plan-types.js';
import { mapCleverbridgeProduct } from './map-product.js';
import type { MappingConfig } from '../core/mapping-config.js';
import type {
  CleverbridgeCatalog,
  CleverbridgeSession,
  Mutation,
  MutationResult,
  ReadAllOptions,
} from '../sync/ports.js';
import { sleep, withRetries, type Sleep } from '../sync/retry-policy.js';
import { CleverbridgeError } from './errors.js';
import { batchDocument, batchResults, batchVariables, toGql } from './mutation-batch.js';
import { productFields, productsQuery } from './queries.js';
import { readProductsAnswer } from './products-stream.js';
import { checkProduct, checkProducts } from './response-checks.js';
import { Throttle, type ThrottleOptions } from './throttle.js';
import { describeErrors, Transport, type CleverbridgeConfig, type GqlError } from './transport.js';

export type { CleverbridgeConfig } from './transport.js';

/** Products read by id in one request (aliases). */
const IDS_PER_READ = 50;

/**
 * The cleverbridge GraphQL API. Every request goes through the client's one throttle (pace,
 * 429s, the 401 stop), whichever session sends it; reads are retried per the retry table,
 * mutations are not (the applier decides what a retry sends).
 */
export class CleverbridgeClient implements CleverbridgeCatalog {
  readonly #transport: Transport;
  readonly #throttle: Throttle;

  constructor(
    readonly config: CleverbridgeConfig & ThrottleOptions,
    readonly mapping: MappingConfig,
    readonly options: { fetch?: typeof fetch; sleep?: Sleep } = {},
  ) {
    this.#transport = new Transport(config, options.fetch);
    this.#throttle = new Throttle(config);
  }

  get clientId(): number {
    return this.config.clientId;
  }

  /** Why nothing more is sent (a 401 this process met), or null. */
  get stoppedBy(): Error | null {
    return this.#throttle.stoppedBy;
  }

  session(): CleverbridgeSession {
    return new Session(
      this.#transport,
      this.#throttle,
      this.config.clientId,
      this.mapping,
      this.options.sleep ?? sleep,
    );
  }

  /** Checks the endpoint answers and takes the credentials, with the smallest query there is. */
  async ping(): Promise<void> {
    const { errors } = await this.#throttle.run(() =>
      this.#transport.request('query CatalogSyncPing { __typename }', {}),
    );
    if (errors.length > 0) throw new CleverbridgeError('rejected', `the ping was refused: ${describeErrors(errors)}`);
  }

  /**
   * How many products the client id sees: one products query asking for ids only. Not retried,
   * for `catalog-sync check`: one question, one request.
   */
  async productCount(): Promise<number> {
    const { data, errors } = await this.#throttle.run(() =>
      this.#transport.request<{ products?: Array<{ id: unknown }> | null }>(
        'query CatalogSyncCheckClient($clientId: Int!) { products(clientId: $clientId) { id } }',
        { clientId: this.config.clientId },
      ),
    );
    if (errors.length > 0 || !Array.isArray(data?.products))
      throw new CleverbridgeError('rejected', `the products query failed: ${describeErrors(errors)}`);
    return data.products.length;
  }
}

class Session implements CleverbridgeSession {
  requests = 0;
  rateLimited = 0;

  constructor(
    private readonly transport: Transport,
    private readonly throttle: Throttle,
    readonly clientId: number,
    private readonly mapping: MappingConfig,
    private readonly wait: Sleep,
  ) {}

  /** One request in its turn through the throttle, counted, with the 429s it met. */
  #run<R>(send: () => Promise<R>, beforeSend?: () => void): Promise<R> {
    return this.throttle.run(
      () => {
        beforeSend?.();
        this.requests++;
        return send();
      },
      () => this.rateLimited++,
    );
  }

  #send<T>(
    document: string,
    variables: Record<string, unknown>,
    beforeSend?: () => void,
  ): Promise<{ data: T | undefined; errors: GqlError[] }> {
    return this.#run(() => this.transport.request<T>(document, variables), beforeSend);
  }

  /**
   * The whole catalog in one products query, read as a stream: each product is checked and
   * mapped as it arrives and only the mapping kept. GraphQL errors anywhere in the answer, a
   * product of the wrong shape or a broken body fail the read (nothing is planned on it).
   */
  readAll<T = CleverbridgeActual>({ synced, keep }: ReadAllOptions<T>): Promise<T[]> {
    const kept = keep ?? ((a: CleverbridgeActual) => a as T);
    return withRetries(async () => {
      const answer = await this.#run(() =>
        this.transport.stream(productsQuery(this.mapping), { clientId: this.clientId }, (body) =>
          readProductsAnswer(body, (p, i) => kept(mapCleverbridgeProduct(checkProduct(p, i), this.mapping))),
        ),
      );
      const { data, errors, refused, mapped } = answer;
      if (errors.length > 0 || !data)
        throw new CleverbridgeError('rejected', `the products query failed: ${describeErrors(errors)}`);
      if (!Array.isArray(data.products)) checkProducts(data.products);
      if (refused) throw refused.error;
      if (mapped.length === 0 && synced > 0)
        throw new CleverbridgeError(
          'bad-response',
          `cleverbridge answered no product at all although ${synced} were synced; not trusted. If the catalog really was emptied, delete the state file to start over.`,
        );
      return mapped;
    }, this.wait);
  }

  async readByIds(ids: readonly number[]): Promise<Array<CleverbridgeActual | null>> {
    const found: Array<CleverbridgeActual | null> = [];
    for (let i = 0; i < ids.length; i += IDS_PER_READ)
      found.push(...(await withRetries(() => this.#readGroup(ids.slice(i, i + IDS_PER_READ)), this.wait)));
    return found;
  }

  async #readGroup(ids: readonly number[]): Promise<Array<CleverbridgeActual | null>> {
    const variables = Object.fromEntries(ids.map((id, i) => [`p${i}`, id]));
    const fields = productFields(this.mapping);
    const document = `query CatalogSyncProductsById(${ids.map((_, i) => `$p${i}: Int!`).join(', ')}) {\n${ids
      .map((_, i) => `  p${i}: product(id: $p${i}) { ${fields} }`)
      .join('\n')}\n}`;
    const { data, errors } = await this.#send<Record<string, unknown>>(document, variables);
    const refused = errors.filter((e) => (e.extensions?.code ?? e.code) !== 'NOT_FOUND');
    if (!data || refused.length > 0)
      throw new CleverbridgeError('rejected', `reading products by id failed: ${describeErrors(refused)}`);
    const products = checkProducts(ids.map((_, i) => data[`p${i}`]).filter((p) => p !== null && p !== undefined));
    const byId = new Map(products.map((p) => [p.id, mapCleverbridgeProduct(p, this.mapping)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async mutate(batch: readonly Mutation[], beforeSend?: (sent: readonly unknown[]) => void): Promise<MutationResult[]> {
    const mutations = batch.map((m) => toGql(m, this.clientId, this.mapping));
    const { data, errors } = await this.#send<Record<string, unknown>>(
      batchDocument(mutations),
      batchVariables(mutations, this.clientId),
      beforeSend && (() => beforeSend(mutations.map((m) => m.input))),
    );
    // No data at all: the document or its variables were refused before anything ran.
    if (!data) throw new CleverbridgeError('rejected', `the mutation batch was refused: ${describeErrors(errors)}`);
    return batchResults(mutations, data, errors);
  }
}
