import type { ApiUser } from './auth.js';
import { CbErrorCode, cbError } from './errors.js';
import type { Input } from './input-readers.js';
import type { ClientAccount, StoredProduct } from './model.js';
import type { MutationFaults, MutationName, MutationTarget } from './mutation-faults.js';
import { createProduct, updateProduct, type ApplyContext } from './product-input.js';
import { ProductView } from './product-view.js';
import type { ProductStore } from './store.js';

/** What every resolver sees of the request. */
export interface RequestContext {
  store: ProductStore;
  user: ApiUser;
  faults: MutationFaults;
  /** ISO 8601 time the request arrived. */
  now: string;
}

function accessibleClient(ctx: RequestContext, clientId: number | null | undefined, field: string): ClientAccount {
  if (clientId === null || clientId === undefined) {
    throw cbError(CbErrorCode.RequiredField, 'clientId is required.', field);
  }
  const client = ctx.user.clientIds.includes(clientId) ? ctx.store.client(clientId) : undefined;
  if (!client) throw cbError(CbErrorCode.Forbidden, `No access to client ${clientId}.`, field);
  return client;
}

/** A product the user may see; another client's product is as good as absent. */
function visibleProduct(ctx: RequestContext, id: number): StoredProduct | undefined {
  const product = ctx.store.get(id);
  return product && ctx.user.clientIds.includes(product.clientId) ? product : undefined;
}

/** updateProduct and deleteProduct find their product by id, or by internalId with clientId. */
function findTarget(
  ctx: RequestContext,
  id: number | null | undefined,
  internalId: string | null | undefined,
  clientId: number | null | undefined,
  path: string,
): StoredProduct {
  if (id !== null && id !== undefined) {
    const product = visibleProduct(ctx, id);
    if (!product || (clientId != null && product.clientId !== clientId)) {
      throw cbError(CbErrorCode.NotFound, `Product ${id} not found.`, `${path}id`);
    }
    return product;
  }
  if (internalId) {
    const client = accessibleClient(ctx, clientId, `${path}clientId`);
    const product = ctx.store.findByInternalId(client.id, internalId);
    if (!product)
      throw cbError(CbErrorCode.NotFound, `No product with internalId "${internalId}".`, `${path}internalId`);
    return product;
  }
  throw cbError(CbErrorCode.RequiredField, 'Give the id or the internalId of the product.', `${path}id`);
}

function injected(ctx: RequestContext, mutation: MutationName, target: MutationTarget, phase: 'before' | 'after') {
  const error = ctx.faults.check(mutation, target, phase);
  if (error) throw error;
}

const applyContext = (ctx: RequestContext, client: ClientAccount): ApplyContext => ({
  store: ctx.store,
  client,
  now: ctx.now,
});

export const rootValue = {
  product(args: { id: number }, ctx: RequestContext) {
    const product = visibleProduct(ctx, args.id);
    if (!product) throw cbError(CbErrorCode.NotFound, `Product ${args.id} not found.`, 'id');
    return new ProductView(product, ctx.store);
  },

  products(
    args: { clientId: number; billingType?: string | null; productTypeIds?: ReadonlyArray<string | null> | null },
    ctx: RequestContext,
  ) {
    const client = accessibleClient(ctx, args.clientId, 'clientId');
    const types = args.productTypeIds?.length ? new Set(args.productTypeIds) : null;
    const found: ProductView[] = [];
    for (const product of ctx.store.list(client.id)) {
      if (args.billingType && product.billingType !== args.billingType) continue;
      if (types && !types.has(product.productType)) continue;
      found.push(new ProductView(product, ctx.store));
    }
    return found;
  },

  createProduct(args: { input: Input }, ctx: RequestContext) {
    const { input } = args;
    const client = accessibleClient(ctx, input.clientId as number, 'input.clientId');
    const target = { internalId: (input.internalId as string | null | undefined) ?? null };
    injected(ctx, 'createProduct', target, 'before');
    const product = createProduct(input, applyContext(ctx, client));
    ctx.store.put(product);
    injected(ctx, 'createProduct', { ...target, productId: product.id }, 'after');
    return { createdProduct: new ProductView(product, ctx.store) };
  },

  updateProduct(args: { input: Input }, ctx: RequestContext) {
    const { input } = args;
    const hasId = input.id !== null && input.id !== undefined;
    // With an id, internalId is a new value to set; without one, it identifies the product.
    const existing = findTarget(
      ctx,
      input.id as number | null | undefined,
      hasId ? undefined : (input.internalId as string | null | undefined),
      input.clientId as number | null | undefined,
      'input.',
    );
    const target = { internalId: existing.internalId, productId: existing.id };
    injected(ctx, 'updateProduct', target, 'before');
    const client = ctx.store.client(existing.clientId) as ClientAccount;
    const updated = updateProduct(existing, input, applyContext(ctx, client));
    ctx.store.put(updated);
    injected(ctx, 'updateProduct', target, 'after');
    return { updatedProduct: new ProductView(updated, ctx.store) };
  },

  deleteProduct(
    args: { id?: number | null; internalId?: string | null; clientId?: number | null },
    ctx: RequestContext,
  ) {
    const product = findTarget(ctx, args.id, args.internalId, args.clientId, '');
    const target = { internalId: product.internalId, productId: product.id };
    injected(ctx, 'deleteProduct', target, 'before');
    const dependents = ctx.store.dependentsOf(product.id);
    if (dependents.length > 0) {
      throw cbError(
        CbErrorCode.ProductInUse,
        `Product ${product.id} is used by product(s) ${dependents.map((d) => d.id).join(', ')}.`,
        'id',
      );
    }
    ctx.store.delete(product.id);
    injected(ctx, 'deleteProduct', target, 'after');
    return { deletedProductId: product.id };
  },
};
