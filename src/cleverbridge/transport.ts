import { ClientError, GraphQLClient } from 'graphql-request';
import { CleverbridgeError, retryAfterMs } from './errors.js';

export interface CleverbridgeConfig {
  url: string;
  username: string;
  password: string;
  clientId: number;
  /** Give up on a request after this long (the outcome of a mutation is then unknown). */
  timeoutMs: number;
}

export interface GqlError {
  message?: string;
  path?: ReadonlyArray<string | number>;
  code?: string;
  extensions?: { code?: string };
}

export const codeOf = (e: GqlError): string => e.extensions?.code ?? e.code ?? 'UNKNOWN';

export const describeErrors = (errors: readonly GqlError[]): string =>
  errors.map((e) => `${codeOf(e)} ${e.message ?? ''}`.trim()).join('; ');

/**
 * One GraphQL request to cleverbridge through graphql-request: the answer's data and errors, or
 * a CleverbridgeError of a known kind for everything else (HTTP status, timeout, broken JSON).
 */
export class Transport {
  readonly #client: GraphQLClient;
  readonly #authorization: string;

  constructor(
    private readonly config: CleverbridgeConfig,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    this.#authorization = `Basic ${Buffer.from(`${config.username}:${config.password}`).toString('base64')}`;
    this.#client = new GraphQLClient(config.url, {
      headers: { Authorization: this.#authorization },
      errorPolicy: 'all',
      fetch: fetchImpl,
    });
  }

  /**
   * The same request with plain fetch, its body handed to `read` as it arrives instead of parsed
   * whole (for the one large answer, the products list). The timeout is for the answer to begin
   * and then for each pause in its body: a catalog whose answer takes longer than the timeout
   * to arrive in all is still read, a body that stalls fails.
   */
  async stream<R>(
    document: string,
    variables: Record<string, unknown>,
    read: (body: AsyncIterable<Uint8Array>) => Promise<R>,
  ): Promise<R> {
    const seconds = this.config.timeoutMs / 1000;
    const silence = new Silence(
      this.config.timeoutMs,
      () => new CleverbridgeError('unavailable', `cleverbridge sent nothing for ${seconds} s`),
    );
    try {
      const response = await this.fetchImpl(this.config.url, {
        method: 'POST',
        headers: {
          Authorization: this.#authorization,
          'Content-Type': 'application/json',
          Accept: 'application/graphql-response+json, application/json',
        },
        body: JSON.stringify({ query: document, variables }),
        signal: silence.signal,
      });
      const type = response.headers.get('content-type') ?? '';
      if (!response.ok || !/json/i.test(type)) {
        const text = (await response.text()).slice(0, 300);
        throw classifyStatus(response.status, response.headers, `${type}: ${text}`);
      }
      if (!response.body) throw new CleverbridgeError('bad-response', 'cleverbridge answered without a body');
      return await read(silence.watch(response.body));
    } catch (error) {
      throw classify(error);
    } finally {
      silence.end();
    }
  }

  async request<T>(
    document: string,
    variables: Record<string, unknown>,
  ): Promise<{ data: T | undefined; errors: GqlError[] }> {
    try {
      const response = await this.#client.rawRequest<T>({
        query: document,
        variables,
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
      return { data: (response.data ?? undefined) as T | undefined, errors: (response.errors ?? []) as GqlError[] };
    } catch (error) {
      throw classify(error);
    }
  }
}

/** Aborts when nothing arrived for `ms`: before the answer began, or between two of its chunks. */
class Silence {
  readonly #abort = new AbortController();
  #timer: NodeJS.Timeout;

  constructor(
    private readonly ms: number,
    private readonly why: () => Error,
  ) {
    this.#timer = this.#arm();
  }

  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  #arm(): NodeJS.Timeout {
    return setTimeout(() => this.#abort.abort(this.why()), this.ms);
  }

  async *watch(body: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
    for await (const chunk of body) {
      clearTimeout(this.#timer);
      this.#timer = this.#arm();
      yield chunk;
    }
  }

  end(): void {
    clearTimeout(this.#timer);
  }
}

function classify(error: unknown): CleverbridgeError {
  if (error instanceof CleverbridgeError) return error;
  if (error instanceof ClientError)
    return classifyStatus(error.response.status, error.response.headers, error.message.slice(0, 300));
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

/** An HTTP status that is not a GraphQL answer (or a 2xx that is not JSON), as a kind of error. */
function classifyStatus(status: number, headers: Headers, detail: string): CleverbridgeError {
  if (status === 401) {
    return new CleverbridgeError(
      'auth',
      'cleverbridge refused the credentials (HTTP 401). Check CB_USERNAME and CB_PASSWORD; the user is locked out after three failed logins, so catalog-sync does not retry.',
      { status },
    );
  }
  if (status === 429) {
    const header = headers.get('retry-after');
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
  if (status >= 400)
    return new CleverbridgeError('rejected', `cleverbridge refused the request (HTTP ${status}): ${detail}`, {
      status,
    });
  return new CleverbridgeError('bad-response', `unexpected answer (HTTP ${status}): ${detail}`, { status });
}
