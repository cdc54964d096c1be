import { shieldwareProduct2Id } from '../../shieldware-ids.js';
import type { SubscriptionPeriod } from '../schema/custom-schema.js';
import type { SeedBuilder, SeedProduct } from './seed-builder.js';

/**
 * The Salesforce side of the product guide's Shieldware catalog. Products 1 to 8 are the guide's
 * RECURRING list, with the Product2 ids the cleverbridge seed carries as internalId, the same
 * English and German names and descriptions, and the same prices (quantity 1 on the standard
 * price book, higher quantities as Price_Tier__c). cleverbridge's renewal prices (interval 1)
 * have no counterpart in this data model and are left out. Products 9 to 12 exist only here:
 * two new ones not yet in cleverbridge and two inactive ones.
 *
 * The web shop fields: every product is sold online (Sell_Online__c, the field's default) but
 * Technical Support - Gold Level, which is sold by contract. A subscription's billing interval is
 * the cleverbridge seed's recurring interval, whole years in years (MONTHS 12 is 1 Year, MONTHS
 * 36 is 3 Year); the two new products are a yearly and a monthly subscription, the two inactive
 * ones have none.
 */

const SECURITY_EN = 'Virus protection, anti-phishing tools, mail protection and identity theft protection.';
const SECURITY_DE = 'Virenschutz, Anti-Phishing-Tools, Mailschutz sowie Schutz vor Identitätsdiebstahl.';
const CLOUDBIT_EN = 'Encrypted cloud backup for all your devices.';

type Row = [currency: string, quantity: number, value: number];

const prices = (...rows: Row[]) => rows.map(([currency, quantity, value]) => ({ currency, quantity, value }));

/** Volume tiers from 1 to 10 as the guide's Enterprise product has them. */
function enterprisePrices() {
  const byCurrency: Record<string, number[]> = {
    USD: [99.95, 95.95, 90.95, 89.95, 85.95, 80.95, 75.95, 70.95, 65.95, 60.95],
    EUR: [99.95, 95.95, 90.95, 89.95, 85.95, 80.95, 75.95, 70.95, 65.95, 60.95],
    GBP: [83.95, 81.95, 79.95, 77.95, 75.95, 75.95, 73.95, 71.95, 69.95, 67.95],
    JPY: [10000, 9500, 9000, 9000, 8500, 8000, 7500, 7000, 6500, 6000],
  };
  return Object.entries(byCurrency).flatMap(([currency, values]) =>
    values.map((value, i) => ({ currency, quantity: i + 1, value })),
  );
}

const german = (name: string, description: string | null = SECURITY_DE) => [{ language: 'de', name, description }];

const every = (term: number, period: SubscriptionPeriod) => ({ term, period });
const YEARLY = every(1, 'Year');
const DAILY = every(1, 'Day');

const cloudbit = (name: string, code: string, usd: number, subscription: SeedProduct['subscription']): SeedProduct => ({
  name,
  code,
  family: 'Backup',
  active: true,
  description: CLOUDBIT_EN,
  translations: [],
  prices: prices(['USD', 1, usd]),
  subscription,
});

/** In Product2 id order: entry n gets shieldwareProduct2Id(n + 1). */
export function shieldwareProducts(): SeedProduct[] {
  return [
    {
      name: 'Internet Security Enterprise',
      code: 'IS-ENT',
      family: 'Security',
      active: true,
      description: SECURITY_EN,
      translations: german('Internet Security Enterprise'),
      prices: enterprisePrices(),
      subscription: YEARLY,
    },
    {
      name: 'Internet Security Basic Extended 1 Day',
      code: 'IS-BASX-1D',
      family: 'Security',
      active: true,
      description: SECURITY_EN,
      translations: german('Internet Security Basic Extended'),
      prices: prices(
        ['USD', 1, 5.99],
        ['USD', 3, 15],
        ['USD', 4, 16],
        ['USD', 5, 17],
        ['GBP', 1, 0],
        ['GBP', 3, 22.95],
        ['GBP', 4, 20.95],
        ['GBP', 5, 18.95],
        ['JPY', 1, 0],
        ['JPY', 3, 2500],
        ['JPY', 4, 2000],
        ['JPY', 5, 1500],
        ['HKD', 3, 0],
        ['BRL', 3, 0],
      ),
      subscription: DAILY,
    },
    cloudbit('Cloudbit - 3 Years', 'CB-3Y', 350, every(3, 'Year')),
    cloudbit('Cloudbit - 2 Years', 'CB-2Y', 250, every(2, 'Year')),
    cloudbit('Cloudbit - 1 Day', 'CB-1D', 20, DAILY),
    {
      name: 'Internet Security Basic',
      code: 'IS-BAS',
      family: 'Security',
      active: true,
      description: SECURITY_EN,
      translations: german('Internet Security Basic'),
      prices: prices(['USD', 1, 0]),
      subscription: YEARLY,
    },
    {
      name: 'Technical Support - Gold Level',
      code: 'SUP-GOLD',
      family: 'Support',
      active: true,
      description: null,
      translations: german('Technischer Support - Gold Level', null),
      prices: prices(['USD', 1, 19.95], ['EUR', 1, 19.95], ['GBP', 1, 14.95], ['JPY', 1, 395]),
      // Sold by contract, not in the web shop.
      sellOnline: false,
      subscription: YEARLY,
    },
    cloudbit('Cloudbit - 1 Year', 'CB-1Y', 150, YEARLY),
    {
      name: 'Shieldware VPN Unlimited',
      code: 'VPN-UNL',
      family: 'Privacy',
      active: true,
      description: 'Unlimited VPN traffic on up to ten devices.',
      translations: [
        {
          language: 'de',
          name: 'Shieldware VPN Unbegrenzt',
          description: 'Unbegrenzter VPN-Datenverkehr auf bis zu zehn Geräten.',
        },
      ],
      prices: prices(['USD', 1, 59.95], ['EUR', 1, 54.95], ['CHF', 1, 57.9], ['USD', 5, 49.95], ['EUR', 5, 45.95]),
      subscription: YEARLY,
    },
    {
      name: 'Password Manager Family',
      code: 'PWM-FAM',
      family: 'Privacy',
      active: true,
      description: 'Passwords and passkeys for the whole family, synced on every device.',
      translations: [
        {
          language: 'de',
          name: 'Passwort-Manager Familie',
          description: 'Passwörter und Passkeys für die ganze Familie, auf allen Geräten synchron.',
        },
        { language: 'fr', name: 'Gestionnaire de mots de passe Famille', description: null },
      ],
      prices: prices(['USD', 1, 39.95], ['EUR', 1, 36.95], ['GBP', 1, 32.95], ['JPY', 1, 5900], ['BRL', 1, 199]),
      subscription: every(1, 'Month'),
    },
    {
      name: 'Shieldware Mobile Security (retired)',
      code: 'MOB-SEC',
      family: 'Security',
      active: false,
      description: 'Replaced by Internet Security Basic.',
      translations: german('Shieldware Mobile Security (eingestellt)', 'Ersetzt durch Internet Security Basic.'),
      prices: prices(['USD', 1, 19.95], ['EUR', 1, 18.95]),
    },
    {
      name: 'Cloudbit - 5 Years (discontinued)',
      code: 'CB-5Y',
      family: 'Backup',
      active: false,
      description: CLOUDBIT_EN,
      translations: [],
      prices: prices(['USD', 1, 500]),
    },
  ];
}

/** When the seed's records were created and last changed in the org (one minute apart per product). */
export const SHIELDWARE_SEEDED_AT = Date.UTC(2024, 10, 4, 9, 30, 0);

/** Online prices that differ from the standard price (an online discount), by product code and currency. */
const ONLINE_PRICES: Readonly<Record<string, number>> = { 'VPN-UNL USD': 49.95 };

const ONLINE_PRICE_BOOK = 'Online Price Book';

export function seedShieldware(builder: SeedBuilder): void {
  const products = shieldwareProducts();
  products.forEach((p, i) => {
    const id = builder.product(p, SHIELDWARE_SEEDED_AT + i * 60_000);
    if (id !== shieldwareProduct2Id(i + 1))
      throw new Error(`Shieldware product ${i + 1} got id ${id}, not ${shieldwareProduct2Id(i + 1)}`);
  });
  seedPartnerPriceBook(builder);
  seedOnlinePriceBook(builder, products, SHIELDWARE_SEEDED_AT + products.length * 60_000);
}

/** A custom price book: entries there need the standard price first, and may use it. */
function seedPartnerPriceBook(builder: SeedBuilder): void {
  const partner = builder.create(
    'Pricebook2',
    { Name: 'Partner Price Book', IsActive: true, Description: 'Reseller prices' },
    SHIELDWARE_SEEDED_AT,
  );
  builder.create(
    'PricebookEntry',
    {
      Product2Id: shieldwareProduct2Id(1),
      Pricebook2Id: partner,
      CurrencyIsoCode: 'USD',
      UnitPrice: 79.95,
      IsActive: true,
    },
    SHIELDWARE_SEEDED_AT,
  );
  builder.create(
    'PricebookEntry',
    {
      Product2Id: shieldwareProduct2Id(1),
      Pricebook2Id: partner,
      CurrencyIsoCode: 'EUR',
      UseStandardPrice: true,
      IsActive: true,
    },
    SHIELDWARE_SEEDED_AT,
  );
}

/**
 * The web shop's prices: an entry for every active product sold online, in every currency it has
 * a standard (quantity 1) price in, at the standard price unless ONLINE_PRICES says otherwise.
 */
function seedOnlinePriceBook(builder: SeedBuilder, products: SeedProduct[], at: number): void {
  const online = builder.create(
    'Pricebook2',
    { Name: ONLINE_PRICE_BOOK, IsActive: true, Description: 'Web shop prices' },
    at,
  );
  products.forEach((p, i) => {
    if (!p.active || p.sellOnline === false) return;
    for (const price of p.prices.filter((x) => x.quantity === 1)) {
      builder.create(
        'PricebookEntry',
        {
          Product2Id: shieldwareProduct2Id(i + 1),
          Pricebook2Id: online,
          CurrencyIsoCode: price.currency,
          UnitPrice: ONLINE_PRICES[`${p.code} ${price.currency}`] ?? price.value,
          IsActive: true,
        },
        at,
      );
    }
  });
}
