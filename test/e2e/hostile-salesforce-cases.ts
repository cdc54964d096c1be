/**
 * The catalogue of hostile Salesforce records run by hostile-salesforce.test.ts: how each is made
 * in the org, and what must come of it.
 */
import type { SandboxDatabase } from '../../src/sandbox/salesforce/database.js';

export type Json = Record<string, any>;
export type Prices = Array<[currency: string, quantity: number, value: number]>;

/** What cleverbridge must hold for a record that syncs. */
export interface Synced {
  names: Record<string, string>;
  descriptions?: Record<string, string>;
  internalName?: string | null;
  prices?: Prices;
}

/** One hostile record: how an e-commerce manager (or an import) makes it, and what must come of it. */
export interface Case {
  name: string;
  make(org: Org): string;
  expect: { synced: Synced } | { fails: string; message: RegExp };
  /** An edit made after the first sync, and what must come of it in the next incremental run. */
  edit?: { make(org: Org, id: string): void; expect: { synced: Synced } | { fails: string; message: RegExp } };
}

/** The Salesforce org as a manager sees it: products with their prices, tiers and translations. */
export class Org {
  readonly book: string;
  constructor(readonly db: SandboxDatabase) {
    this.book = (db.records('Pricebook2') as Json[]).find((b) => b.IsStandard)!.Id;
  }

  product(
    fields: Json,
    options: { prices?: Prices; translations?: Array<[language: string, name: string]> } = {},
  ): string {
    const id = this.db.create('Product2', { IsActive: true, ...fields });
    for (const [currency, quantity, value] of options.prices ?? [['USD', 1, 10]]) {
      if (quantity === 1) this.price(id, currency, value);
      else
        this.db.create('Price_Tier__c', {
          Product__c: id,
          CurrencyIsoCode: currency,
          Min_Quantity__c: quantity,
          Unit_Price__c: value,
        });
    }
    for (const [language, name] of options.translations ?? [])
      this.db.create('Product2DataTranslation', { ParentId: id, Language: language, Name: name });
    return id;
  }

  price(id: string, currency: string, value: number, isActive = true): string {
    return this.db.create('PricebookEntry', {
      Product2Id: id,
      Pricebook2Id: this.book,
      CurrencyIsoCode: currency,
      UnitPrice: value,
      IsActive: isActive,
    });
  }

  related(object: string, parentField: string, id: string): Json[] {
    return (this.db.records(object) as Json[]).filter((r) => r[parentField] === id);
  }
}

const LONG_DESCRIPTION = 'Line one of the data sheet.\r\n\tIndented, with "quotes".\r\n'.repeat(70).slice(0, 4000);
const NFD_NAME = 'Café Sécurité Ünïcode'.normalize('NFD');
const ZALGO = 'Z\u0351\u0359a\u0300\u0301\u0302l\u0327\u0328g\u0306\u0308o\u0303\u0304';
const INJECTION = `Vault "Pro" \\ O'Brien } mutation { deleteProduct(id: 1) } $input #`;

export const CASES: Case[] = [
  // Names and texts.
  {
    name: 'a name of no-break spaces only',
    make: (o) => o.product({ Name: '\u00a0\u00a0\u00a0' }),
    expect: { fails: 'NAME_MISSING', message: /no EN name/ },
  },
  {
    name: 'a name of invisible characters only (zero-width space, joiner, BOM)',
    make: (o) => o.product({ Name: '\u200b\u200d\ufeff' }),
    expect: { fails: 'NAME_MISSING', message: /no EN name/ },
  },
  {
    name: 'a name padded with no-break spaces (Salesforce trims only plain whitespace)',
    make: (o) => o.product({ Name: '\u00a0Cloud Vault\u00a0' }),
    expect: { synced: { names: { EN: '\u00a0Cloud Vault\u00a0' } } },
  },
  {
    name: 'a name of exactly 255 characters, the limit',
    make: (o) => o.product({ Name: 'L'.repeat(255) }),
    expect: { synced: { names: { EN: 'L'.repeat(255) } } },
  },
  {
    name: 'a name of 255 characters that Unicode normalization makes 510',
    make: (o) => o.product({ Name: '\u0958'.repeat(255) }),
    expect: {
      fails: 'TEXT_TOO_LONG',
      message: /The EN name has 510 characters once Unicode-normalized \(NFC\); cleverbridge takes at most 255/,
    },
  },
  {
    name: 'a control character inside the name',
    make: (o) => o.product({ Name: 'Cloud\u0007Vault' }),
    expect: {
      fails: 'TEXT_INVALID_CHARACTER',
      message: /The EN name contains an invisible control character \(U\+0007\) at character 6/,
    },
  },
  {
    name: 'a line break inside the name',
    make: (o) => o.product({ Name: 'Cloud\nVault' }),
    expect: { fails: 'TEXT_INVALID_CHARACTER', message: /EN name contains .*U\+000A/ },
  },
  {
    name: 'a NUL character inside the description',
    make: (o) => o.product({ Name: 'Null Byte', Description: 'before\u0000after' }),
    expect: { fails: 'TEXT_INVALID_CHARACTER', message: /EN description contains .*U\+0000.* at character 7/ },
  },
  {
    name: 'half of an emoji (a lone surrogate) in a German translation',
    make: (o) => o.product({ Name: 'Broken Emoji' }, { translations: [['de', 'Schutz \ud83d']] }),
    expect: { fails: 'TEXT_INVALID_CHARACTER', message: /DE name contains a broken character/ },
  },
  {
    name: 'emoji, flags and joined emoji sequences',
    make: (o) => o.product({ Name: 'Shield 🛡️ Family 👨‍👩‍👧 🇩🇪' }),
    expect: { synced: { names: { EN: 'Shield 🛡️ Family 👨‍👩‍👧 🇩🇪' } } },
  },
  {
    name: 'right-to-left text with direction marks and an override',
    make: (o) =>
      o.product({ Name: 'حماية السحابة\u200f' }, { translations: [['de', '\u202eGefährlich\u202c Schutz']] }),
    expect: { synced: { names: { EN: 'حماية السحابة\u200f', DE: '\u202eGefährlich\u202c Schutz' } } },
  },
  {
    name: 'stacked combining characters',
    make: (o) => o.product({ Name: ZALGO }),
    expect: { synced: { names: { EN: ZALGO.normalize('NFC') } } },
  },
  {
    name: 'decomposed (NFD) text, stored by cleverbridge composed',
    make: (o) => o.product({ Name: NFD_NAME }),
    expect: { synced: { names: { EN: NFD_NAME.normalize('NFC') } } },
    edit: {
      // Re-saved composed: the same text to cleverbridge, so no update at all.
      make: (o, id) => o.db.update('Product2', id, { Name: NFD_NAME.normalize('NFC') }),
      expect: { synced: { names: { EN: NFD_NAME.normalize('NFC') } } },
    },
  },
  {
    name: 'HTML and script in the description',
    make: (o) =>
      o.product({
        Name: 'Script Kiddie',
        Description: '<script>alert("x")</script><img src=x onerror=alert(1)><b>Bold</b> &amp; ${env.SECRET}',
      }),
    expect: {
      synced: {
        names: { EN: 'Script Kiddie' },
        descriptions: { EN: '<script>alert("x")</script><img src=x onerror=alert(1)><b>Bold</b> &amp; ${env.SECRET}' },
      },
    },
  },
  {
    name: 'a 4,000-character description with Windows line breaks and tabs',
    make: (o) => o.product({ Name: 'Data Sheet', Description: LONG_DESCRIPTION }),
    // Salesforce trims the trailing line break; what it stores is what cleverbridge gets.
    expect: { synced: { names: { EN: 'Data Sheet' }, descriptions: { EN: LONG_DESCRIPTION.trimEnd() } } },
  },
  {
    name: 'quotes, backslashes and GraphQL syntax in the name',
    make: (o) => o.product({ Name: INJECTION, ProductCode: `X'; DROP TABLE snapshot; --` }),
    expect: { synced: { names: { EN: INJECTION }, internalName: `X'; DROP TABLE snapshot; --` } },
  },
  {
    name: 'a translation in a language the mapping does not sync, next to one it does',
    make: (o) =>
      o.product(
        { Name: 'Polyglot' },
        {
          translations: [
            ['ja', 'ポリグロット'],
            ['de', 'Polyglott'],
          ],
        },
      ),
    expect: { synced: { names: { EN: 'Polyglot', DE: 'Polyglott' } } },
  },
  {
    name: 'a translation of no-break spaces only',
    make: (o) => o.product({ Name: 'Blank Translation' }, { translations: [['fr', '\u00a0']] }),
    expect: { synced: { names: { EN: 'Blank Translation' } } },
  },
  // Prices.
  {
    name: 'a price with many decimals (Salesforce rounds it to the field scale)',
    make: (o) => o.product({ Name: 'Many Decimals' }, { prices: [['USD', 1, 19.98765]] }),
    expect: { synced: { names: { EN: 'Many Decimals' }, prices: [['USD', 1, 19.99]] } },
  },
  {
    name: 'a zero price',
    make: (o) => o.product({ Name: 'Freeware' }, { prices: [['USD', 1, 0]] }),
    expect: { synced: { names: { EN: 'Freeware' }, prices: [['USD', 1, 0]] } },
  },
  {
    name: 'a negative price',
    make: (o) => o.product({ Name: 'Negative' }, { prices: [['USD', 1, -5]] }),
    expect: { fails: 'PRICE_INVALID', message: /The USD price -5 is not an amount from 0/ },
  },
  {
    name: 'a huge price',
    make: (o) => o.product({ Name: 'Huge' }, { prices: [['USD', 1, 50_000_000_000]] }),
    expect: { fails: 'PRICE_INVALID', message: /The USD price 50000000000 is not an amount/ },
  },
  {
    name: 'yen with decimals',
    make: (o) =>
      o.product(
        { Name: 'Yen Cents' },
        {
          prices: [
            ['USD', 1, 10],
            ['JPY', 1, 1234.5],
          ],
        },
      ),
    expect: { fails: 'PRICE_PRECISION', message: /The JPY price 1234.5 has decimals; JPY amounts are whole/ },
  },
  {
    name: 'two tiers for the same currency and quantity',
    make: (o) =>
      o.product(
        { Name: 'Twin Tiers' },
        {
          prices: [
            ['USD', 1, 10],
            ['USD', 10, 8],
            ['USD', 10, 7],
          ],
        },
      ),
    expect: { fails: 'PRICE_DUPLICATE', message: /two volume tiers for USD from quantity 10/ },
  },
  {
    name: 'a tier with a fractional quantity (Salesforce rounds it)',
    make: (o) =>
      o.product(
        { Name: 'Fraction' },
        {
          prices: [
            ['USD', 1, 10],
            ['USD', 2.5, 9],
          ],
        },
      ),
    expect: {
      synced: {
        names: { EN: 'Fraction' },
        prices: [
          ['USD', 1, 10],
          ['USD', 3, 9],
        ],
      },
    },
  },
  {
    name: 'fifty volume tiers',
    make: (o) =>
      o.product(
        { Name: 'Volume King' },
        { prices: [['USD', 1, 100], ...Array.from({ length: 50 }, (_, i): Prices[number] => ['USD', i + 2, 99 - i])] },
      ),
    expect: {
      synced: {
        names: { EN: 'Volume King' },
        prices: [['USD', 1, 100], ...Array.from({ length: 50 }, (_, i): Prices[number] => ['USD', i + 2, 99 - i])],
      },
    },
  },
  {
    name: 'a price in a currency the mapping does not sync, and an inactive price',
    make: (o) => {
      const id = o.product(
        { Name: 'Out Of Scope' },
        {
          prices: [
            ['USD', 1, 10],
            ['BRL', 1, 50],
          ],
        },
      );
      o.price(id, 'EUR', 9, false);
      return id;
    },
    expect: { synced: { names: { EN: 'Out Of Scope' }, prices: [['USD', 1, 10]] } },
  },
  {
    name: 'no price in the base currency',
    make: (o) => o.product({ Name: 'Euro Only' }, { prices: [['EUR', 1, 10]] }),
    expect: { fails: 'BASE_PRICE_MISSING', message: /no active standard price in USD/ },
  },
  // Identity.
  {
    name: 'a ProductCode another product has too',
    make: (o) => o.product({ Name: 'Twin A', ProductCode: 'DUP-1' }),
    expect: { synced: { names: { EN: 'Twin A' }, internalName: 'DUP-1' } },
  },
  {
    name: 'the same ProductCode, second product',
    make: (o) => o.product({ Name: 'Twin B', ProductCode: 'DUP-1' }),
    expect: { synced: { names: { EN: 'Twin B' }, internalName: 'DUP-1' } },
  },
  // Related records deleted after the first sync.
  {
    name: 'a product whose translation is deleted',
    make: (o) => o.product({ Name: 'Lost In Translation' }, { translations: [['de', 'Verloren']] }),
    expect: { synced: { names: { EN: 'Lost In Translation', DE: 'Verloren' } } },
    edit: {
      make: (o, id) =>
        o.db.delete('Product2DataTranslation', o.related('Product2DataTranslation', 'ParentId', id)[0]!.Id),
      expect: { synced: { names: { EN: 'Lost In Translation' } } },
    },
  },
  {
    name: 'a product whose EUR price is deleted',
    make: (o) =>
      o.product(
        { Name: 'Euro Exit' },
        {
          prices: [
            ['USD', 1, 10],
            ['EUR', 1, 9],
            ['EUR', 5, 8],
          ],
        },
      ),
    expect: {
      synced: {
        names: { EN: 'Euro Exit' },
        prices: [
          ['EUR', 1, 9],
          ['EUR', 5, 8],
          ['USD', 1, 10],
        ],
      },
    },
    edit: {
      make: (o, id) => {
        const eur = o.related('PricebookEntry', 'Product2Id', id).find((e) => e.CurrencyIsoCode === 'EUR')!;
        o.db.delete('PricebookEntry', eur.Id);
        o.db.delete('Price_Tier__c', o.related('Price_Tier__c', 'Product__c', id)[0]!.Id);
      },
      expect: { synced: { names: { EN: 'Euro Exit' }, prices: [['USD', 1, 10]] } },
    },
  },
  {
    name: 'a product whose base-currency price is deleted',
    make: (o) =>
      o.product(
        { Name: 'Base Gone' },
        {
          prices: [
            ['USD', 1, 10],
            ['EUR', 1, 9],
          ],
        },
      ),
    expect: {
      synced: {
        names: { EN: 'Base Gone' },
        prices: [
          ['EUR', 1, 9],
          ['USD', 1, 10],
        ],
      },
    },
    edit: {
      make: (o, id) => {
        const usd = o.related('PricebookEntry', 'Product2Id', id).find((e) => e.CurrencyIsoCode === 'USD')!;
        o.db.delete('PricebookEntry', usd.Id);
      },
      // Fails alone; cleverbridge keeps the last good state, checked below.
      expect: { fails: 'BASE_PRICE_MISSING', message: /no active standard price in USD/ },
    },
  },
];
