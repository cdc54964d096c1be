import { shieldwareProduct2Id } from '../../shieldware-ids.js';
import type { CatalogState, StoredProduct } from '../model.js';
import { loc, product, tiers } from './build.js';
import { guideProduct97771 } from './guide-product-97771.js';
import {
  base,
  created,
  modified,
  othersoftAccount,
  shieldwareAccount,
  subscription,
  yearly,
} from './shieldware-account.js';

/**
 * The product guide's Shieldware catalog (client 864). The guide's example requests, sent
 * verbatim, get the guide's example answers:
 * - product(id: 97771) answers the guide's product in full;
 * - products(clientId: 864, billingType: RECURRING, productTypeIds: PRODUCT) answers the guide's
 *   eight products in the guide's order (the list answer shows no quantities, so the volume
 *   tiers behind its prices are this seed's own, highest price at quantity 1);
 * - the next ids are 221755 and 221756, so the guide's two createProduct examples get the ids
 *   its answers show, and its updateProduct examples (id 221756) then find their product;
 * - 221724 exists for the guide's deleteProduct example.
 * 97771 keeps billing type ONE_TIME although it has subscription settings: the guide's
 * RECURRING list does not contain it, and the platform keeps billing type apart from them.
 * The eight products of the RECURRING list carry Salesforce Product2 ids as internalId (the
 * Salesforce emulator's Shieldware seed has the same ids); the others are not linked.
 */

const internetSecurityDescription = loc(
  ['EN', 'Virus protection, anti-phishing tools, mail protection and identity theft protection.'],
  ['DE', 'Virenschutz, Anti-Phishing-Tools, Mailschutz sowie Schutz vor Identitätsdiebstahl.'],
);

function shieldwareProducts(): StoredProduct[] {
  return [
    product({
      ...base,
      id: 97769,
      productType: 'BASE_PRODUCT',
      names: loc(['EN', 'Internet Security'], ['DE', 'Internet Security']),
      salesTaxCode: 'DC010500',
      price: {
        id: 174680,
        isGross: true,
        baseCurrency: 'USD',
        volumePricingMethod: 'PRICE_SCALE',
        tiers: tiers(['USD', 1, 0]),
      },
    }),
    product({
      ...base,
      id: 97773,
      internalId: shieldwareProduct2Id(1),
      billingType: 'RECURRING',
      baseProductId: 97769,
      names: loc(['DE', 'Internet Security Enterprise'], ['EN', 'Internet Security Enterprise']),
      additionalNameInformation: loc(['EN', 'For your business'], ['DE', 'Für Ihr Unternehmen']),
      contentSettings: { shortDescription: internetSecurityDescription },
      reportingGroupId: 3558,
      salesTaxCode: 'DC010500',
      subscriptionSettings: subscription(yearly),
      price: {
        id: 174690,
        isGross: false,
        baseCurrency: 'EUR',
        volumePricingMethod: 'PRICE_SCALE',
        tiers: tiers(
          ['JPY', 9, 6500],
          ['JPY', 10, 6000],
          ['JPY', 2, 9500],
          ['GBP', 2, 81.95],
          ['EUR', 4, 89.95],
          ['GBP', 9, 69.95],
          ['EUR', 9, 65.95],
          ['EUR', 5, 85.95],
          ['EUR', 6, 80.95],
          ['USD', 10, 60.95],
          ['EUR', 10, 60.95],
          ['JPY', 3, 9000],
          ['EUR', 2, 95.95],
          ['USD', 2, 95.95],
          ['GBP', 7, 73.95],
          ['JPY', 7, 7500],
          ['USD', 9, 65.95],
          ['USD', 6, 80.95],
          ['GBP', 10, 67.95],
          ['USD', 8, 70.95],
          ['JPY', 1, 10000],
          ['EUR', 1, 99.95],
          ['EUR', 3, 90.95],
          ['EUR', 7, 75.95],
          ['GBP', 1, 83.95],
          ['GBP', 5, 75.95],
          ['JPY', 5, 8500],
          ['USD', 1, 99.95],
          ['EUR', 8, 70.95],
          ['JPY', 4, 9000],
          ['GBP', 4, 77.95],
          ['USD', 5, 85.95],
          ['GBP', 3, 79.95],
          ['JPY', 8, 7000],
          ['USD', 4, 89.95],
          ['JPY', 6, 8000],
          ['USD', 3, 90.95],
          ['USD', 7, 75.95],
          ['GBP', 8, 71.95],
          ['GBP', 6, 75.95],
        ),
      },
    }),
    product({
      ...base,
      id: 219375,
      internalId: shieldwareProduct2Id(2),
      billingType: 'RECURRING',
      baseProductId: 97769,
      numberOfLicenses: 5,
      names: loc(['EN', 'Internet Security Basic Extended 1 Day'], ['DE', 'Internet Security Basic Extended']),
      contentSettings: { shortDescription: internetSecurityDescription },
      reportingGroupId: 3559,
      salesTaxCode: 'DC010500',
      subscriptionSettings: subscription({ intervalPeriod: 'DAYS', value: 1 }),
      price: {
        id: 201442,
        isGross: true,
        baseCurrency: 'USD',
        volumePricingMethod: 'PRICE_SCALE',
        tiers: tiers(
          ['HKD', 3, 0],
          ['GBP', 4, 20.95],
          ['JPY', 5, 1500],
          ['USD', 4, 16],
          ['GBP', 5, 18.95],
          ['GBP', 3, 22.95],
          ['JPY', 1, 0],
          ['JPY', 4, 2000],
          ['GBP', 1, 0],
          ['USD', 1, 5.99],
          ['BRL', 3, 0],
          ['JPY', 3, 2500],
          ['USD', 3, 15],
          ['USD', 5, 17],
        ),
      },
    }),
    cloudbit(221565, 3, 'Cloudbit - 3 Years', 350, { intervalPeriod: 'MONTHS', value: 36 }),
    cloudbit(221564, 4, 'Cloudbit - 2 Years', 250, { intervalPeriod: 'MONTHS', value: 24 }),
    cloudbit(221561, 5, 'Cloudbit - 1 Day', 20, { intervalPeriod: 'DAYS', value: 1 }),
    product({
      ...base,
      id: 97770,
      internalId: shieldwareProduct2Id(6),
      billingType: 'RECURRING',
      baseProductId: 97769,
      names: loc(['DE', 'Internet Security Basic'], ['EN', 'Internet Security Basic']),
      contentSettings: { shortDescription: internetSecurityDescription },
      reportingGroupId: 3559,
      salesTaxCode: 'DC010500',
      subscriptionSettings: subscription(yearly),
      price: {
        id: 174681,
        isGross: true,
        baseCurrency: 'USD',
        volumePricingMethod: 'PRICE_SCALE',
        tiers: tiers(['USD', 1, 0]),
      },
    }),
    product({
      ...base,
      id: 98062,
      internalId: shieldwareProduct2Id(7),
      billingType: 'RECURRING',
      supportContactId: 1627,
      names: loc(['EN', 'Technical Support - Gold Level'], ['DE', 'Technischer Support - Gold Level']),
      reportingGroupId: 3559,
      salesTaxCode: 'SV040100',
      subscriptionSettings: subscription(yearly),
      // The first year is charged (interval 0); renewals (interval 1) are free.
      price: {
        id: 175210,
        isGross: true,
        baseCurrency: 'USD',
        volumePricingMethod: 'PRICE_SCALE',
        tiers: tiers(
          ['EUR', 1, 0, 1],
          ['JPY', 1, 0, 1],
          ['GBP', 1, 0, 1],
          ['EUR', 1, 19.95],
          ['USD', 1, 19.95],
          ['GBP', 1, 14.95],
          ['USD', 1, 0, 1],
          ['JPY', 1, 395],
        ),
      },
    }),
    cloudbit(221563, 8, 'Cloudbit - 1 Year', 150, yearly),
    guideProduct97771(),
    product({
      ...base,
      id: 97772,
      status: 'DEACTIVATED',
      baseProductId: 97769,
      names: loc(['EN', 'Internet Security Premium (legacy)'], ['DE', 'Internet Security Premium (alt)']),
      salesTaxCode: 'DC010500',
      price: {
        id: 174683,
        isGross: true,
        baseCurrency: 'USD',
        volumePricingMethod: 'PRICE_SCALE',
        tiers: tiers(['USD', 1, 39.95]),
      },
    }),
    product({
      ...base,
      id: 221600,
      productType: 'BUNDLE',
      billingType: 'RECURRING',
      names: loc(['EN', 'Shieldware Family Pack'], ['DE', 'Shieldware Familienpaket']),
      salesTaxCode: 'DC010500',
      subscriptionSettings: subscription(yearly),
      bundleProducts: [
        { itemProductId: 97770, position: 1, quantity: 3, isHidden: false },
        { itemProductId: 98062, position: 2, quantity: 1, isHidden: false },
      ],
      price: {
        id: 201500,
        isGross: true,
        baseCurrency: 'USD',
        volumePricingMethod: 'PRICE_SCALE',
        tiers: tiers(['USD', 1, 49.95]),
      },
    }),
    product({
      ...base,
      id: 221724,
      names: loc(['EN', 'graphql_test_product']),
      salesTaxCode: 'DC010500',
      price: {
        id: 201601,
        isGross: false,
        baseCurrency: 'EUR',
        volumePricingMethod: 'PRICE_SCALE',
        tiers: tiers(['EUR', 1, 10]),
      },
    }),
  ];
}

function cloudbit(
  id: number,
  n: number,
  name: string,
  usd: number,
  interval: { intervalPeriod: string; value: number },
) {
  return product({
    ...base,
    id,
    internalId: shieldwareProduct2Id(n),
    billingType: 'RECURRING',
    names: loc(['EN', name]),
    contentSettings: { shortDescription: loc(['EN', 'Encrypted cloud backup for all your devices.']) },
    salesTaxCode: 'SW050000',
    subscriptionSettings: subscription(interval),
    price: {
      id: id + 100_000,
      isGross: false,
      baseCurrency: 'USD',
      volumePricingMethod: 'PRICE_SCALE',
      tiers: tiers(['USD', 1, usd]),
    },
  });
}

export function shieldwareCatalog(): CatalogState {
  return {
    nextProductId: 221755,
    nextPriceId: 400_000,
    clients: [shieldwareAccount, othersoftAccount],
    products: [
      ...shieldwareProducts(),
      product({
        id: 300001,
        clientId: 900,
        billingType: 'RECURRING',
        supportContactId: 4001,
        names: loc(['EN', 'Othersoft Backup']),
        salesTaxCode: 'SW050000',
        subscriptionSettings: subscription(yearly),
        price: {
          id: 300001,
          isGross: false,
          baseCurrency: 'EUR',
          volumePricingMethod: 'PRICE_SCALE',
          tiers: tiers(['EUR', 1, 4.99]),
        },
        creationDate: created,
        lastModifyDate: modified,
      }),
    ],
  };
}
