import { base, subscription, yearly } from './shieldware-account.js';
import { loc, product, tiers } from './build.js';
import type { StoredProduct } from '../model.js';

/**
 * Product 97771 exactly as the guide's product(id: 97771) example answer shows it, every
 * localized text in the answer's language order.
 */
export function guideProduct97771(): StoredProduct {
  return product({
    ...base,
    id: 97771,
    baseProductId: 97769,
    numberOfLicenses: 5,
    names: loc(['EN', 'Internet Security Basic Extended'], ['DE', 'Internet Security Basic Extended']),
    additionalNameInformation: loc(['EN', 'For your home'], ['DE', 'Für zu Hause']),
    version: loc(['DE', 'Kostenpflichtige Personal-Vollversion (B2C)'], ['EN', 'Personal full, paid version (B2C)']),
    defaultProductSelectionId: 2516,
    isDependentOnOriginalProduct: true,
    maximumOrderQuantity: 5,
    salesTaxCode: 'DC010500',
    reportingGroupId: 3559,
    allowDynamicProductPrice: true,
    shippingSetId: 1126,
    contentSettings: {
      deliveryImageId: null,
      deliveryTextHtml: loc(['EN', 'Download'], ['DE', 'Download']),
      deliveryTextPdf: loc(['EN', 'Download'], ['DE', 'Download']),
      description: loc(
        [
          'EN',
          'Internet Security Basic Extended offers virus protection, anti-phishing tools, mail protection, and identity theft protection. ',
        ],
        [
          'DE',
          'Internet Security Basic Extended bietet Virenschutz, Anti-Phishing-Tools, Mailschutz sowie Schutz vor Identitätsdiebstahl.',
        ],
      ),
      popupCartInformation: loc(
        [
          'EN',
          '<table>\r\n <tr>\r\n <td><img src=/mycontent/864/GenericBoxshotGreenSmall.png></td>\r\n <td>\r\n <h1>Internet Security Basic Extended</h1>\r\n <p><font color= "green" ><b>Anti-virus software </font></b> for personal use. This product offers virus protection, anti-phishing tools, mail protection, and identity theft protection. It removes worms and eliminates malware. Protect your Internet browsing, online banking, social networking, and more.</p><br />\r\n </td>\r\n </tr>\r\n</table>\r\n\r\n',
        ],
        [
          'DE',
          '<table>\r\n <tr>\r\n <td><img src=/mycontent/864/GenericBoxshotGreenSmall.png></td>\r\n <td>\r\n <h1>Internet Security Basic Extended</h1>\r\n <p>Antivirus-Software für den persönlichen Gebrauch. Dieses Produkt bietet Virenschutz, Anti-Phishing-Tools, Mailschutz sowie Schutz vor Identitätsdiebstahl. Damit können Sie Würmer und Malware entfernen. Schützen Sie Ihren Computer, wenn Sie im Internet surfen, Online-Banking tätigen, soziale Netzwerke pflegen usw.</p><br />\r\n </td>\r\n </tr>\r\n</table>',
        ],
      ),
      shortDescription: loc(
        [
          'DE',
          'Internet Security Basic Extended bietet Virenschutz, Anti-Phishing-Tools, Mailschutz sowie Schutz vor Identitätsdiebstahl.',
        ],
        [
          'EN',
          'Internet Security Basic Extended offers virus protection, anti-phishing tools, mail protection, and identity theft protection. ',
        ],
      ),
      systemRequirements: loc(
        ['EN', '867 MHz or faster processor\r\n512MB of RAM; 1GB recommended'],
        ['DE', 'Prozessor mit 867 MHz oder schneller, 512 MB Arbeitsspeicher, 1 GB empfohlen'],
      ),
      recommendationBannerImage: [{ language: 'EN', webbinaryId: 58435 }],
      bigImage: [{ language: 'EN', webbinaryId: 58432 }],
      smallImage: [{ language: 'EN', webbinaryId: 58434 }],
      mediumImage: [{ language: 'EN', webbinaryId: 58435 }],
    },
    deliverySettings: {
      deliveryInformation: loc(
        [
          'EN',
          'You will find detailed instructions on how to install and use your product if you click the following link:',
        ],
        [
          'DE',
          'Unter diesem Link finden Sie eine detaillierte Anleitung zur Installation und Verwendung Ihres Produkts:',
        ],
      ),
      deliveryNote: loc(
        [
          'EN',
          '<p>Thank you for your order. To download and install your product, please follow these instructions:<p>\r\n<ol>\r\n <li>\r\n\tDownload the installation file by clicking the button below. \r\n </li>\r\n <li>\r\n\tDouble-click on the downloaded file to begin installation. \r\n </li>\r\n\t<li>\r\n\tFollow the onscreen installation instructions. \r\n </li>\r\n <li>\r\n\tWhen prompted, enter your license key.<br />\r\n </li>\r\n</ol>\r\n<br>\r\n</br>\r\n<p>Please note: The license key is also included in your confirmation email.</p></p></p>',
        ],
        [
          'DE',
          '<p>Vielen Dank für Ihre Bestellung. Gehen Sie folgendermaßen vor, um das Produkt herunterzuladen und zu installieren:</p>\r\n<ol>\r\n <li> Laden Sie die Installationsdatei herunter, indem Sie auf die Schaltfläche unten klicken. </li>\r\n <li> Doppelklicken Sie auf die heruntergeladene Datei, um die Installation zu starten. </li>\r\n\t<li> Befolgen Sie die Installationsanleitung auf dem Bildschirm. </li>\r\n <li> Geben Sie den Lizenzschlüssel ein, wenn Sie dazu aufgefordert werden.</li>\r\n</ol>\r\n</br>\r\n</br>\r\n<p>Beachten Sie: Der Lizenzschlüssel ist auch in Ihrer Bestätigungs-E-Mail enthalten.</p>',
        ],
      ),
      keyTemplate: loc(
        ['EN', '<RegName>, here is your product key for\r\nyour purchase of <ProductName>. \r\n\r\n<Key>'],
        ['DE', '<RegName>, hier ist der Lizenschlüssel für Ihr Produkt <ProductName>. <Key>'],
      ),
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
        ['USD', 5, 17],
        ['GBP', 5, 18.95],
        ['GBP', 3, 22.95],
        ['HKD', 3, 0],
        ['USD', 3, 15],
        ['JPY', 4, 2000],
        ['BRL', 3, 0],
        ['GBP', 1, 0],
        ['JPY', 1, 0],
        ['USD', 1, 5.99],
        ['GBP', 4, 20.95],
        ['JPY', 3, 2500],
        ['USD', 4, 16],
        ['JPY', 5, 1500],
      ),
    },
    subscriptionSettings: subscription(yearly),
  });
}
