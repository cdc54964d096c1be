import { SHIELDWARE_CLIENT_ID, shieldwareProduct2Id } from '../../shieldware-ids.js';
import type { CatalogState, ClientAccount, StoredProduct } from '../model.js';
import { loc, product, tiers } from './build.js';

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

const created = '2019-03-14T09:12:00.000Z';
const modified = '2023-11-02T16:40:00.000Z';

const shieldware: ClientAccount = {
  id: SHIELDWARE_CLIENT_ID,
  revenueCurrency: 'USD',
  supportContacts: { 1625: 'Default', 1627: 'Technical Support' },
  productSelections: { 2516: 'Good Better Best Product Selection', 3038: 'Internet Security Selection' },
  shippingSets: { 1126: 'Europe', 1808: 'Worldwide' },
  reportingGroups: { 3558: 'B2B', 3559: 'B2C' },
  keyLists: { 14435: 'Internet Security Key List' },
  keyGenerators: { 501: { name: 'Shieldware License Server', type: 'URL' } },
  deactivationProductLists: { 77: 'Internet Security Upgrades' },
  downloadFiles: { 9101: 'ShieldwareSetup.exe' },
  webbinaries: {
    58432: { id: 58432, name: 'GenericBoxshotGreenLarge.png', bytes: 46570, size: '240 x 312' },
    58434: { id: 58434, name: 'GenericBoxshotGreenSmall.png', bytes: 6671, size: '60 x 78' },
    58435: { id: 58435, name: 'GenericBoxshotGreenMedium.png', bytes: 12659, size: '100 x 130' },
  },
};

/** A second vendor on the same platform: its products must stay invisible to Shieldware's user. */
const othersoft: ClientAccount = {
  id: 900,
  revenueCurrency: 'EUR',
  supportContacts: { 4001: 'Default' },
  productSelections: {},
  shippingSets: {},
  reportingGroups: {},
  keyLists: {},
  keyGenerators: {},
  deactivationProductLists: {},
  downloadFiles: {},
  webbinaries: {},
};

const base = { clientId: SHIELDWARE_CLIENT_ID, supportContactId: 1625, creationDate: created, lastModifyDate: modified };
const yearly = { intervalPeriod: 'MONTHS', value: 12 };
const subscription = (initial: { intervalPeriod: string; value: number }, recurring = initial) => ({
  allowDeactivation: true,
  deactivationProductListId: null,
  initialInterval: initial,
  recurringInterval: recurring,
  licenseType: 'UNDEFINED',
  recurrenceCount: null,
  startNewIntervalOnPayment: true,
});
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
      price: { id: 174680, isGross: true, baseCurrency: 'USD', volumePricingMethod: 'PRICE_SCALE', tiers: tiers(['USD', 1, 0]) },
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
          ['JPY', 9, 6500], ['JPY', 10, 6000], ['JPY', 2, 9500], ['GBP', 2, 81.95], ['EUR', 4, 89.95], ['GBP', 9, 69.95],
          ['EUR', 9, 65.95], ['EUR', 5, 85.95], ['EUR', 6, 80.95], ['USD', 10, 60.95], ['EUR', 10, 60.95], ['JPY', 3, 9000],
          ['EUR', 2, 95.95], ['USD', 2, 95.95], ['GBP', 7, 73.95], ['JPY', 7, 7500], ['USD', 9, 65.95], ['USD', 6, 80.95],
          ['GBP', 10, 67.95], ['USD', 8, 70.95], ['JPY', 1, 10000], ['EUR', 1, 99.95], ['EUR', 3, 90.95], ['EUR', 7, 75.95],
          ['GBP', 1, 83.95], ['GBP', 5, 75.95], ['JPY', 5, 8500], ['USD', 1, 99.95], ['EUR', 8, 70.95], ['JPY', 4, 9000],
          ['GBP', 4, 77.95], ['USD', 5, 85.95], ['GBP', 3, 79.95], ['JPY', 8, 7000], ['USD', 4, 89.95], ['JPY', 6, 8000],
          ['USD', 3, 90.95], ['USD', 7, 75.95], ['GBP', 8, 71.95], ['GBP', 6, 75.95],
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
          ['HKD', 3, 0], ['GBP', 4, 20.95], ['JPY', 5, 1500], ['USD', 4, 16], ['GBP', 5, 18.95], ['GBP', 3, 22.95],
          ['JPY', 1, 0], ['JPY', 4, 2000], ['GBP', 1, 0], ['USD', 1, 5.99], ['BRL', 3, 0], ['JPY', 3, 2500],
          ['USD', 3, 15], ['USD', 5, 17],
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
      price: { id: 174681, isGross: true, baseCurrency: 'USD', volumePricingMethod: 'PRICE_SCALE', tiers: tiers(['USD', 1, 0]) },
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
          ['EUR', 1, 0, 1], ['JPY', 1, 0, 1], ['GBP', 1, 0, 1], ['EUR', 1, 19.95], ['USD', 1, 19.95],
          ['GBP', 1, 14.95], ['USD', 1, 0, 1], ['JPY', 1, 395],
        ),
      },
    }),
    cloudbit(221563, 8, 'Cloudbit - 1 Year', 150, yearly),
    product({
      ...base,
      id: 97771,
      baseProductId: 97769,
      numberOfLicenses: 5,
      names: loc(["EN", "Internet Security Basic Extended"], ["DE", "Internet Security Basic Extended"]),
      additionalNameInformation: loc(["EN", "For your home"], ["DE", "Für zu Hause"]),
      version: loc(["DE", "Kostenpflichtige Personal-Vollversion (B2C)"], ["EN", "Personal full, paid version (B2C)"]),
      defaultProductSelectionId: 2516,
      isDependentOnOriginalProduct: true,
      maximumOrderQuantity: 5,
      salesTaxCode: 'DC010500',
      reportingGroupId: 3559,
      allowDynamicProductPrice: true,
      shippingSetId: 1126,
      contentSettings: {
        deliveryImageId: null,
        deliveryTextHtml: loc(["EN", "Download"], ["DE", "Download"]),
        deliveryTextPdf: loc(["EN", "Download"], ["DE", "Download"]),
        description: loc(["EN", "Internet Security Basic Extended offers virus protection, anti-phishing tools, mail protection, and identity theft protection. "], ["DE", "Internet Security Basic Extended bietet Virenschutz, Anti-Phishing-Tools, Mailschutz sowie Schutz vor Identitätsdiebstahl."]),
        popupCartInformation: loc(["EN", "<table>\r\n <tr>\r\n <td><img src=/mycontent/864/GenericBoxshotGreenSmall.png></td>\r\n <td>\r\n <h1>Internet Security Basic Extended</h1>\r\n <p><font color= \"green\" ><b>Anti-virus software </font></b> for personal use. This product offers virus protection, anti-phishing tools, mail protection, and identity theft protection. It removes worms and eliminates malware. Protect your Internet browsing, online banking, social networking, and more.</p><br />\r\n </td>\r\n </tr>\r\n</table>\r\n\r\n"], ["DE", "<table>\r\n <tr>\r\n <td><img src=/mycontent/864/GenericBoxshotGreenSmall.png></td>\r\n <td>\r\n <h1>Internet Security Basic Extended</h1>\r\n <p>Antivirus-Software für den persönlichen Gebrauch. Dieses Produkt bietet Virenschutz, Anti-Phishing-Tools, Mailschutz sowie Schutz vor Identitätsdiebstahl. Damit können Sie Würmer und Malware entfernen. Schützen Sie Ihren Computer, wenn Sie im Internet surfen, Online-Banking tätigen, soziale Netzwerke pflegen usw.</p><br />\r\n </td>\r\n </tr>\r\n</table>"]),
        shortDescription: loc(["DE", "Internet Security Basic Extended bietet Virenschutz, Anti-Phishing-Tools, Mailschutz sowie Schutz vor Identitätsdiebstahl."], ["EN", "Internet Security Basic Extended offers virus protection, anti-phishing tools, mail protection, and identity theft protection. "]),
        systemRequirements: loc(["EN", "867 MHz or faster processor\r\n512MB of RAM; 1GB recommended"], ["DE", "Prozessor mit 867 MHz oder schneller, 512 MB Arbeitsspeicher, 1 GB empfohlen"]),
        recommendationBannerImage: [{ language: 'EN', webbinaryId: 58435 }],
        bigImage: [{ language: 'EN', webbinaryId: 58432 }],
        smallImage: [{ language: 'EN', webbinaryId: 58434 }],
        mediumImage: [{ language: 'EN', webbinaryId: 58435 }],
      },
      deliverySettings: {
        deliveryInformation: loc(["EN", "You will find detailed instructions on how to install and use your product if you click the following link:"], ["DE", "Unter diesem Link finden Sie eine detaillierte Anleitung zur Installation und Verwendung Ihres Produkts:"]),
        deliveryNote: loc(["EN", "<p>Thank you for your order. To download and install your product, please follow these instructions:<p>\r\n<ol>\r\n <li>\r\n\tDownload the installation file by clicking the button below. \r\n </li>\r\n <li>\r\n\tDouble-click on the downloaded file to begin installation. \r\n </li>\r\n\t<li>\r\n\tFollow the onscreen installation instructions. \r\n </li>\r\n <li>\r\n\tWhen prompted, enter your license key.<br />\r\n </li>\r\n</ol>\r\n<br>\r\n</br>\r\n<p>Please note: The license key is also included in your confirmation email.</p></p></p>"], ["DE", "<p>Vielen Dank für Ihre Bestellung. Gehen Sie folgendermaßen vor, um das Produkt herunterzuladen und zu installieren:</p>\r\n<ol>\r\n <li> Laden Sie die Installationsdatei herunter, indem Sie auf die Schaltfläche unten klicken. </li>\r\n <li> Doppelklicken Sie auf die heruntergeladene Datei, um die Installation zu starten. </li>\r\n\t<li> Befolgen Sie die Installationsanleitung auf dem Bildschirm. </li>\r\n <li> Geben Sie den Lizenzschlüssel ein, wenn Sie dazu aufgefordert werden.</li>\r\n</ol>\r\n</br>\r\n</br>\r\n<p>Beachten Sie: Der Lizenzschlüssel ist auch in Ihrer Bestätigungs-E-Mail enthalten.</p>"]),
        keyTemplate: loc(["EN", "<RegName>, here is your product key for\r\nyour purchase of <ProductName>. \r\n\r\n<Key>"], ["DE", "<RegName>, hier ist der Lizenschlüssel für Ihr Produkt <ProductName>. <Key>"]),
        productDeliveries: [
          {
            runningNo: 1,
            deliveryType: 'CLEVERBRIDGE_DELIVERS_KEY',
            availabilityInMonths: null,
            copyOnRecurringBilling: false,
            executeOnInitialPurchase: false,
            executeOnRecurringBilling: true,
            keyDeliveryOptions: {
              keyGeneratorId: null,
              keyListId: 14435,
              keyResultType: 'AUTO',
              separatePidPerQuantityUnit: false,
              useKeyTemplate: true,
            },
            downloadDeliveryOptions: null,
          },
          {
            runningNo: 2,
            deliveryType: 'CLIENT_DELIVERS',
            availabilityInMonths: null,
            copyOnRecurringBilling: false,
            executeOnInitialPurchase: true,
            executeOnRecurringBilling: false,
            keyDeliveryOptions: null,
            downloadDeliveryOptions: null,
          },
        ],
      },
      price: {
        id: 174682,
        isGross: true,
        baseCurrency: 'USD',
        volumePricingMethod: 'PRICE_SCALE',
        tiers: tiers(
          ['USD', 5, 17], ['GBP', 5, 18.95], ['GBP', 3, 22.95], ['HKD', 3, 0], ['USD', 3, 15], ['JPY', 4, 2000],
          ['BRL', 3, 0], ['GBP', 1, 0], ['JPY', 1, 0], ['USD', 1, 5.99], ['GBP', 4, 20.95], ['JPY', 3, 2500],
          ['USD', 4, 16], ['JPY', 5, 1500],
        ),
      },
      subscriptionSettings: subscription(yearly),
    }),
    product({
      ...base,
      id: 97772,
      status: 'DEACTIVATED',
      baseProductId: 97769,
      names: loc(['EN', 'Internet Security Premium (legacy)'], ['DE', 'Internet Security Premium (alt)']),
      salesTaxCode: 'DC010500',
      price: { id: 174683, isGross: true, baseCurrency: 'USD', volumePricingMethod: 'PRICE_SCALE', tiers: tiers(['USD', 1, 39.95]) },
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
      price: { id: 201500, isGross: true, baseCurrency: 'USD', volumePricingMethod: 'PRICE_SCALE', tiers: tiers(['USD', 1, 49.95]) },
    }),
    product({
      ...base,
      id: 221724,
      names: loc(['EN', 'graphql_test_product']),
      salesTaxCode: 'DC010500',
      price: { id: 201601, isGross: false, baseCurrency: 'EUR', volumePricingMethod: 'PRICE_SCALE', tiers: tiers(['EUR', 1, 10]) },
    }),
  ];
}

function cloudbit(id: number, n: number, name: string, usd: number, interval: { intervalPeriod: string; value: number }) {
  return product({
    ...base,
    id,
    internalId: shieldwareProduct2Id(n),
    billingType: 'RECURRING',
    names: loc(['EN', name]),
    contentSettings: { shortDescription: loc(['EN', 'Encrypted cloud backup for all your devices.']) },
    salesTaxCode: 'SW050000',
    subscriptionSettings: subscription(interval),
    price: { id: id + 100_000, isGross: false, baseCurrency: 'USD', volumePricingMethod: 'PRICE_SCALE', tiers: tiers(['USD', 1, usd]) },
  });
}

export function shieldwareCatalog(): CatalogState {
  return {
    nextProductId: 221755,
    nextPriceId: 400_000,
    clients: [shieldware, othersoft],
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
        price: { id: 300001, isGross: false, baseCurrency: 'EUR', volumePricingMethod: 'PRICE_SCALE', tiers: tiers(['EUR', 1, 4.99]) },
        creationDate: created,
        lastModifyDate: modified,
      }),
    ],
  };
}
