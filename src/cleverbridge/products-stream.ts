import { JSONParser, type ParsedElementInfo } from '@streamparser/json';
import { CleverbridgeError } from './errors.js';
import type { GqlError } from './transport.js';

/** What a products answer held once read to its end; the products themselves went to `each`. */
export interface StreamedProducts<T> {
  /** What `each` made of every product, in order. */
  mapped: T[];
  errors: GqlError[];
  /** `data` as the answer had it, its products list emptied as it was read; undefined when absent. */
  data: Record<string, unknown> | null | undefined;
  /** The first product `each` refused, with its index; later products are not handed over. */
  refused: { index: number; error: unknown } | null;
}

/**
 * Reads a GraphQL answer `{data: {products: [...]}, errors}` chunk by chunk: each element of
 * `data.products` is handed to `each` as soon as it is complete and then dropped, so the raw
 * answer is never held whole. `errors` may come before or after `data` (the spec allows both).
 * A body that is not JSON, or ends before the document does, is a bad-response.
 */
export async function readProductsAnswer<T>(
  body: AsyncIterable<Uint8Array>,
  each: (product: unknown, index: number) => T,
): Promise<StreamedProducts<T>> {
  const result: StreamedProducts<T> = { mapped: [], errors: [], data: undefined, refused: null };
  const parser = new JSONParser({ paths: ['$.data', '$.data.products.*', '$.errors'], keepStack: false });
  let broken = null as Error | null; // set by the parser's callback
  let bytes = 0;
  parser.onError = (error) => (broken ??= error);
  parser.onValue = (info) => take(result, info, each);
  const fail = (why: string) =>
    new CleverbridgeError(
      'bad-response',
      `cleverbridge's answer ${why}, after ${bytes} bytes and ${result.mapped.length} products; nothing is planned on it`,
    );
  try {
    for await (const chunk of body) {
      bytes += chunk.length;
      // After the document the parser takes white space and reports anything else (onError).
      parser.write(chunk);
      if (broken) throw fail(`is not valid JSON: ${broken.message}`);
    }
  } catch (error) {
    const name = (error as Error).name;
    if (error instanceof CleverbridgeError || name === 'TimeoutError' || name === 'AbortError') throw error;
    throw fail(`broke off: ${(error as Error).message}${causeOf(error)}`);
  }
  if (!parser.isEnded) throw fail('is not valid JSON: it ends before the JSON document does');
  return result;
}

function take<T>(
  result: StreamedProducts<T>,
  { value, key, parent, stack }: ParsedElementInfo,
  each: (product: unknown, index: number) => T,
): void {
  if (stack.length === 3) {
    // An element of data.products (or a member, if it is an object: then data tells).
    if (!Array.isArray(parent)) return;
    // $.data is a path too, so the parser keeps the list whole: empty it, or every product stays.
    parent.length = 0;
    if (result.refused) return;
    const index = result.mapped.length;
    try {
      result.mapped.push(each(value, index));
    } catch (error) {
      result.refused = { index, error };
    }
  } else if (key === 'data') {
    result.data = value as Record<string, unknown> | null;
  } else if (key === 'errors') {
    if (value !== null)
      result.errors = Array.isArray(value) ? (value as GqlError[]) : [{ message: `errors ${JSON.stringify(value)}` }];
  }
}

const causeOf = (error: unknown): string => {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause ? ` (${cause.code ?? cause.message})` : '';
};
