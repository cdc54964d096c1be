import type { MappingConfig } from '../core/mapping-config.js';
import { createProductInput, ensureProductInput, updateProductInput } from './mutation-input.js';
import type { Mutation, MutationResult } from '../sync/ports.js';
import { codeOf, type GqlError } from './transport.js';

/** The GraphQL mutation a mutation is sent as, with its input. */
export interface GqlMutation {
  field: 'createProduct' | 'updateProduct' | 'deleteProduct';
  input: Record<string, unknown>;
}

const FIELD = {
  createProduct: { type: 'CreateProductInput!', result: 'createdProduct { id }' },
  updateProduct: { type: 'UpdateProductInput!', result: 'updatedProduct { id }' },
  deleteProduct: { type: 'Int!', result: 'deletedProductId' },
} as const;

/** A mutation as cleverbridge's GraphQL input: an ensure and a deactivation are updates. */
export function toGql(m: Mutation, clientId: number, mapping: MappingConfig): GqlMutation {
  switch (m.kind) {
    case 'create':
      return { field: 'createProduct', input: createProductInput(clientId, m.key, m.product) };
    case 'ensure':
      return { field: 'updateProduct', input: ensureProductInput(clientId, m.key, m.product, mapping) };
    case 'update':
      return { field: 'updateProduct', input: updateProductInput(m.cbId, m.changes, mapping, m.kept) };
    case 'deactivate':
      return { field: 'updateProduct', input: { id: m.cbId, status: 'DEACTIVATED' } };
    case 'delete':
      return { field: 'deleteProduct', input: { id: m.cbId } };
  }
}

/** Several mutations as aliases of one document; each alias succeeds or fails on its own. */
export function batchDocument(mutations: readonly GqlMutation[]): string {
  const variables = mutations.map((m, i) => `$m${i}: ${FIELD[m.field].type}`);
  if (mutations.some((m) => m.field === 'deleteProduct')) variables.push('$clientId: Int!');
  const fields = mutations.map((m, i) =>
    m.field === 'deleteProduct'
      ? `m${i}: deleteProduct(id: $m${i}, clientId: $clientId) { ${FIELD.deleteProduct.result} }`
      : `m${i}: ${m.field}(input: $m${i}) { ${FIELD[m.field].result} }`,
  );
  return `mutation CatalogSyncBatch(${variables.join(', ')}) {\n  ${fields.join('\n  ')}\n}`;
}

export function batchVariables(mutations: readonly GqlMutation[], clientId: number): Record<string, unknown> {
  const variables: Record<string, unknown> = { clientId };
  mutations.forEach((m, i) => (variables[`m${i}`] = m.field === 'deleteProduct' ? m.input.id : m.input));
  return variables;
}

/** Each alias's result: the product id it answered, or its own error. */
export function batchResults(
  mutations: readonly GqlMutation[],
  data: Record<string, unknown>,
  errors: readonly GqlError[],
): MutationResult[] {
  return mutations.map((m, i): MutationResult => {
    const alias = `m${i}`;
    const error = errors.find((e) => e.path?.[0] === alias);
    if (error) return { ok: false, code: codeOf(error), message: error.message ?? '' };
    const value = data[alias] as Record<string, unknown> | null | undefined;
    const cbId =
      m.field === 'deleteProduct'
        ? value?.deletedProductId
        : (value?.[m.field === 'createProduct' ? 'createdProduct' : 'updatedProduct'] as { id?: unknown } | null)?.id;
    if (typeof cbId !== 'number') {
      return { ok: false, code: 'CB_BAD_RESPONSE', message: `no product id in the answer for ${m.field}` };
    }
    return { ok: true, cbId };
  });
}
