import { describe, expect, it } from 'vitest';
import { readProductsAnswer } from '../../src/cleverbridge/products-stream.js';

/** A body as fetch hands it over, in the chunks given. */
async function* body(...chunks: string[]): AsyncIterable<Uint8Array> {
  for (const chunk of chunks) yield new TextEncoder().encode(chunk);
}

const ids = (product: unknown) => (product as { id: number }).id;

describe('reading a products answer as it arrives', () => {
  it('hands over each product in order, whatever the chunks, and takes errors after data', async () => {
    const answer = await readProductsAnswer(
      body('{"data":{"products":[{"id":1},', '{"id"', ':2}]},"errors":[{"message":"late"}]}'),
      ids,
    );
    expect(answer.mapped).toEqual([1, 2]);
    expect(answer.errors).toEqual([{ message: 'late' }]);
    // Nothing of a product is held once it was handed over: the list the parser built is empty.
    expect(answer.data).toEqual({ products: [] });
  });

  it('takes white space after the document, in its own chunk too, as JSON.parse does', async () => {
    const answer = await readProductsAnswer(body('{"data":{"products":[{"id":1}]}}', '\n', '  \r\n'), ids);
    expect(answer.mapped).toEqual([1]);
  });

  it('refuses anything else after the document, a bad token, and a body that ends early', async () => {
    await expect(readProductsAnswer(body('{"data":{"products":[]}}', 'x'), ids)).rejects.toMatchObject({
      code: 'CB_BAD_RESPONSE',
    });
    await expect(readProductsAnswer(body('{"data":{"products":[{"id":1},]}}'), ids)).rejects.toMatchObject({
      code: 'CB_BAD_RESPONSE',
      message: expect.stringMatching(/is not valid JSON/),
    });
    await expect(readProductsAnswer(body('{"data":{"products":[{"id":1}'), ids)).rejects.toMatchObject({
      code: 'CB_BAD_RESPONSE',
      message: expect.stringMatching(/ends before the JSON document does, after 29 bytes and 1 products/),
    });
  });

  it('keeps the first product refused and hands over none after it', async () => {
    const seen: number[] = [];
    const answer = await readProductsAnswer(body('{"data":{"products":[{"id":1},{"id":"x"},{"id":3}]}}'), (p, i) => {
      if (typeof ids(p) !== 'number') throw new Error(`product ${i} has a bad id`);
      seen.push(ids(p));
      return ids(p);
    });
    expect(seen).toEqual([1]);
    expect(answer.refused).toMatchObject({ error: { message: 'product 1 has a bad id' } });
  });
});
