import type { SandboxDatabase } from '../../src/sandbox/salesforce/database.js';

type Json = Record<string, any>;

export interface EditEachKind {
  /** The ProductCode of the product to rename, to reprice (USD), to deactivate, to delete. */
  codes: [string, string, string, string];
  name: string;
  usdPrice: number;
}

/**
 * Each kind of edit an e-commerce manager makes, at once, in the Salesforce sandbox: a rename,
 * a new USD price (Product2 itself unchanged), a deactivation, a deletion, and a new product
 * with a USD price. Returns the ids involved.
 */
export function editEachKind(db: SandboxDatabase, edit: EditEachKind) {
  const products = db.records('Product2') as Json[];
  const [renamed, repriced, deactivated, deleted] = edit.codes.map(
    (code) => products.find((p) => p.ProductCode === code)!.Id as string,
  ) as [string, string, string, string];
  db.update('Product2', renamed, { Name: edit.name });
  const entry = (db.records('PricebookEntry') as Json[]).find(
    (e) => e.Product2Id === repriced && e.CurrencyIsoCode === 'USD',
  )!;
  db.update('PricebookEntry', entry.Id, { UnitPrice: edit.usdPrice });
  db.update('Product2', deactivated, { IsActive: false });
  db.delete('Product2', deleted);
  const fresh = createPricedProduct(db);
  return { renamed, repriced, deactivated, deleted, fresh };
}

/** A new active product with a USD price in the standard price book, as a manager makes one; its id. */
export function createPricedProduct(db: SandboxDatabase): string {
  const book = (db.records('Pricebook2') as Json[]).find((b) => b.IsStandard)!.Id;
  const fresh = db.create('Product2', {
    Name: 'Shieldware Identity Guard',
    ProductCode: 'IG-1',
    Family: 'Security',
    IsActive: true,
  });
  db.create('PricebookEntry', {
    Product2Id: fresh,
    Pricebook2Id: book,
    CurrencyIsoCode: 'USD',
    UnitPrice: 29.99,
    IsActive: true,
  });
  return fresh;
}
