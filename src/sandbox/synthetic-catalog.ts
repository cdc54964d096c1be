import { createRandom } from './shared/random.js';
import { shieldwareProduct2Id } from './shieldware-ids.js';

/**
 * A synthetic product catalog, independent of either vendor's format, from which both
 * emulators build their `synthetic:N` seeds, so the two sides describe the same products.
 * Product i depends only on (seed, i): synthetic:100 is the first hundred of synthetic:10000.
 */
export interface SyntheticProduct {
  index: number;
  /** The Salesforce Product2 id; the cleverbridge product carries it as internalId. */
  product2Id: string;
  productCode: string;
  family: string;
  active: boolean;
  /** Language enum id ("EN", "DE", ...) -> text. EN is always present. */
  names: Record<string, string>;
  descriptions: Record<string, string>;
  /** Unit prices; several quantities per currency form volume tiers. USD always present. */
  prices: Array<{ currency: string; quantity: number; value: number }>;
  recurring: { intervalPeriod: 'MONTHS' | 'YEARS'; value: number } | null;
}

/** First Product2 sequence number of synthetic products (Shieldware's own use 1..999). */
export const SYNTHETIC_ID_BASE = 1000;

const LINES = [
  'Antivirus',
  'Firewall',
  'VPN',
  'Backup',
  'Password Manager',
  'Cloud Drive',
  'Mail Guard',
  'Device Care',
];
const LINES_DE = [
  'Virenschutz',
  'Firewall',
  'VPN',
  'Datensicherung',
  'Passwort-Manager',
  'Cloud-Speicher',
  'Mail-Schutz',
  'Gerätepflege',
];
const LINES_FR = [
  'Antivirus',
  'Pare-feu',
  'VPN',
  'Sauvegarde',
  'Gestionnaire de mots de passe',
  'Stockage cloud',
  'Protection mail',
  'Entretien',
];
const EDITIONS = ['Basic', 'Plus', 'Pro', 'Business', 'Enterprise'];
const FAMILIES = ['Security', 'Security', 'Privacy', 'Backup', 'Privacy', 'Backup', 'Security', 'Utilities'];
const TIER_QUANTITIES = [1, 5, 10, 25];
/** Rough exchange rates from USD, and how each currency is rounded. */
const CURRENCIES: Array<{ id: string; share: number; rate: number; integer: boolean }> = [
  { id: 'EUR', share: 0.9, rate: 0.92, integer: false },
  { id: 'GBP', share: 0.6, rate: 0.79, integer: false },
  { id: 'JPY', share: 0.3, rate: 150, integer: true },
  { id: 'CHF', share: 0.2, rate: 0.88, integer: false },
];

const priceIn = (usd: number, rate: number, integer: boolean) =>
  integer ? Math.max(100, Math.round((usd * rate) / 100) * 100) : Math.max(0.99, Math.floor(usd * rate) + 0.99);

export function syntheticProduct(seed: number, index: number): SyntheticProduct {
  const r = createRandom((Math.imul(seed, 2654435761) ^ Math.imul(index + 1, 40503)) >>> 0);
  const line = r.int(0, LINES.length - 1);
  const edition = r.pick(EDITIONS);
  const code = `SW-${String(index + 1).padStart(6, '0')}`;
  const recurring = r.chance(0.7)
    ? r.chance(0.5)
      ? { intervalPeriod: 'YEARS' as const, value: r.int(1, 3) }
      : { intervalPeriod: 'MONTHS' as const, value: r.pick([1, 6, 12]) }
    : null;
  const term = recurring
    ? ` ${recurring.value} ${recurring.intervalPeriod === 'YEARS' ? 'Year' : 'Month'}${recurring.value > 1 ? 's' : ''}`
    : '';
  const termDe = recurring
    ? ` ${recurring.value} ${recurring.intervalPeriod === 'YEARS' ? (recurring.value > 1 ? 'Jahre' : 'Jahr') : recurring.value > 1 ? 'Monate' : 'Monat'}`
    : '';
  const names: Record<string, string> = { EN: `Shieldware ${LINES[line]} ${edition}${term} (${code})` };
  const descriptions: Record<string, string> = {
    EN: `${LINES[line]} ${edition} by Shieldware for ${edition === 'Business' || edition === 'Enterprise' ? 'teams' : 'home users'}.`,
  };
  if (r.chance(0.8)) {
    names.DE = `Shieldware ${LINES_DE[line]} ${edition}${termDe} (${code})`;
    descriptions.DE = `${LINES_DE[line]} ${edition} von Shieldware.`;
  }
  if (r.chance(0.4)) {
    names.FR = `Shieldware ${LINES_FR[line]} ${edition} (${code})`;
    descriptions.FR = `${LINES_FR[line]} ${edition} par Shieldware.`;
  }
  const usd = r.int(9, 499) + r.pick([0.99, 0.95]);
  const quantities = r.chance(0.4) ? TIER_QUANTITIES.slice(0, r.int(3, 4)) : [1];
  const prices: SyntheticProduct['prices'] = [];
  const addCurrency = (currency: string, rate: number, integer: boolean) => {
    quantities.forEach((quantity, i) => {
      // Each tier lowers the unit price by 5 to 20 percent.
      const unit = usd * (1 - i * 0.1);
      prices.push({
        currency,
        quantity,
        value: currency === 'USD' ? Math.floor(unit) + 0.99 : priceIn(unit, rate, integer),
      });
    });
  };
  addCurrency('USD', 1, false);
  for (const c of CURRENCIES) if (r.chance(c.share)) addCurrency(c.id, c.rate, c.integer);
  return {
    index,
    product2Id: shieldwareProduct2Id(SYNTHETIC_ID_BASE + index),
    productCode: code,
    family: FAMILIES[line] as string,
    active: r.chance(0.9),
    names,
    descriptions,
    prices,
    recurring,
  };
}

export function* syntheticCatalog(count: number, seed: number): Generator<SyntheticProduct> {
  for (let i = 0; i < count; i++) yield syntheticProduct(seed, i);
}
