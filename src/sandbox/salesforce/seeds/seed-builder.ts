import type { DmlContext } from '../dml/dml-engine.js';
import type { SalesforceOrg } from '../org.js';
import type { SubscriptionPeriod } from '../schema/custom-schema.js';
import type { FieldDef, SObjectDef } from '../schema/model.js';

/** A product as the seeds describe it, before it becomes Product2 and its child records. */
export interface SeedProduct {
  name: string;
  code: string;
  family: string;
  active: boolean;
  description: string | null;
  /** Product2DataTranslation rows: Salesforce language code (`de`), name and description. */
  translations: Array<{ language: string; name: string; description: string | null }>;
  /** Quantity 1 becomes the standard price book entry; higher quantities become Price_Tier__c. */
  prices: Array<{ currency: string; quantity: number; value: number }>;
  /** Sell_Online__c; absent leaves the field's default (true). */
  sellOnline?: boolean;
  /** One billing interval (Subscription_Term__c, Subscription_Period__c); absent for a one-time product. */
  subscription?: { term: number; period: SubscriptionPeriod };
}

/** The web shop fields of a seed product, only those it sets. */
const shopFields = (p: SeedProduct): Record<string, unknown> => ({
  ...(p.sellOnline !== undefined ? { Sell_Online__c: p.sellOnline } : {}),
  ...(p.subscription
    ? { Subscription_Term__c: p.subscription.term, Subscription_Period__c: p.subscription.period }
    : {}),
});

/** cleverbridge language ids as Salesforce language codes; EN is the org's own language. */
export const SALESFORCE_LANGUAGE: Readonly<Record<string, string>> = {
  DE: 'de',
  FR: 'fr',
  ES: 'es',
  IT: 'it',
  JA: 'ja',
  NL: 'nl_NL',
  PT: 'pt_BR',
};

/**
 * Writes seed data through the org's own DML, so a seed obeys the same rules as a client (a
 * standard price before anything else, restricted picklists...). Any refusal is a bug in the seed.
 */
export class SeedBuilder {
  #org: SalesforceOrg;
  #userId: string;
  #fields = new Map<string, Map<string, FieldDef>>();
  readonly standardPricebookId: string;

  constructor(org: SalesforceOrg, userId: string, at: number) {
    this.#org = org;
    this.#userId = userId;
    this.standardPricebookId = this.#standardPricebook(at);
  }

  #object(type: string): SObjectDef {
    return this.#org.schema.object(type) as SObjectDef;
  }

  #field(object: SObjectDef, name: string): FieldDef {
    let byName = this.#fields.get(object.name);
    if (!byName) this.#fields.set(object.name, (byName = new Map(object.fields.map((f) => [f.name, f]))));
    const f = byName.get(name);
    if (!f) throw new RangeError(`seed names unknown field ${object.name}.${name}`);
    return f;
  }

  /** Creates a record as the seed user at `at` (epoch ms, whole seconds) and returns its id. */
  create(type: string, fields: Record<string, unknown>, at: number): string {
    const object = this.#object(type);
    const values = new Map<FieldDef, unknown>();
    for (const [name, value] of Object.entries(fields)) values.set(this.#field(object, name), value);
    const ctx: DmlContext = { userId: this.#userId, now: at, schema: this.#org.schema };
    const outcome = this.#org.dml.create({ object, values, id: null }, ctx);
    if (!outcome.ok)
      throw new Error(`seed ${type} ${JSON.stringify(fields)} refused: ${JSON.stringify(outcome.errors)}`);
    return outcome.id;
  }

  /** Every org has exactly one standard price book; IsStandard is the platform's to set. */
  #standardPricebook(at: number): string {
    const id = this.create('Pricebook2', { Name: 'Standard Price Book', IsActive: true }, at);
    const object = this.#object('Pricebook2');
    this.#org.store.put(object, { ...this.#org.store.get(object, id), IsStandard: true });
    return id;
  }

  product(p: SeedProduct, at: number): string {
    const productId = this.create(
      'Product2',
      {
        Name: p.name,
        ProductCode: p.code,
        Family: p.family,
        IsActive: p.active,
        Description: p.description,
        QuantityUnitOfMeasure: 'License',
        ...shopFields(p),
      },
      at,
    );
    for (const t of p.translations) {
      this.create(
        'Product2DataTranslation',
        { ParentId: productId, Language: t.language, Name: t.name, Description: t.description },
        at,
      );
    }
    for (const price of p.prices.filter((x) => x.quantity === 1)) {
      this.create(
        'PricebookEntry',
        {
          Product2Id: productId,
          Pricebook2Id: this.standardPricebookId,
          CurrencyIsoCode: price.currency,
          UnitPrice: price.value,
          IsActive: p.active,
        },
        at,
      );
    }
    for (const tier of p.prices.filter((x) => x.quantity > 1)) {
      this.create(
        'Price_Tier__c',
        {
          Product__c: productId,
          CurrencyIsoCode: tier.currency,
          Min_Quantity__c: tier.quantity,
          Unit_Price__c: tier.value,
        },
        at,
      );
    }
    return productId;
  }
}
