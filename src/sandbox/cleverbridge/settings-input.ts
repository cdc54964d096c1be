import { CbErrorCode, cbError } from './errors.js';
import { mergeLocalized, readBool, readInt, readRef, type Input } from './input-readers.js';
import type {
  ClientAccount,
  LocalizedImage,
  PriceTier,
  StoredBundleItem,
  StoredContent,
  StoredDelivery,
  StoredPrice,
  StoredProduct,
  StoredProductDelivery,
} from './model.js';
import type { ProductStore } from './store.js';

/** Price values carry at most this many decimal places; more is refused, never rounded. */
const PRICE_DECIMALS = 2;
const MAX_PRICE = 1e9;

function readTiers(values: unknown, path: string): PriceTier[] {
  if (!Array.isArray(values) || values.filter(Boolean).length === 0) {
    throw cbError(CbErrorCode.RequiredField, 'A price needs at least one price value.', path);
  }
  const seen = new Set<string>();
  const tiers: PriceTier[] = [];
  (values as Array<Input | null>).forEach((v, i) => {
    if (v === null) return;
    const at = `${path}[${i}]`;
    const tier: PriceTier = {
      currency: v.currencyId as string,
      quantity: (v.quantity as number | null | undefined) ?? 1,
      interval: (v.interval as number | null | undefined) ?? 0,
      value: v.value as number,
    };
    if (tier.quantity < 1) throw cbError(CbErrorCode.InvalidValue, 'quantity must be at least 1.', `${at}.quantity`);
    if (tier.interval < 0) throw cbError(CbErrorCode.InvalidValue, 'interval must be at least 0.', `${at}.interval`);
    if (!(tier.value >= 0) || tier.value > MAX_PRICE) {
      throw cbError(CbErrorCode.InvalidValue, `value must be between 0 and ${MAX_PRICE}.`, `${at}.value`);
    }
    const scaled = tier.value * 10 ** PRICE_DECIMALS;
    if (Math.abs(scaled - Math.round(scaled)) > 1e-6) {
      throw cbError(CbErrorCode.InvalidValue, `value allows at most ${PRICE_DECIMALS} decimal places.`, `${at}.value`);
    }
    const key = `${tier.currency}/${tier.quantity}/${tier.interval}`;
    if (seen.has(key)) {
      throw cbError(
        CbErrorCode.DuplicatePriceTier,
        `Currency ${tier.currency} has two values for quantity ${tier.quantity}, interval ${tier.interval}.`,
        at,
      );
    }
    seen.add(key);
    tiers.push(tier);
  });
  return tiers;
}

/**
 * A price given on update replaces the settings it names; its priceAbsoluteValues, when given,
 * replace the whole list (tiers are one set of values, so a tier can be removed).
 */
export function applyPrice(
  current: StoredPrice | null,
  input: unknown,
  allocateId: () => number,
  path: string,
): StoredPrice | null {
  if (input === undefined) return current;
  if (input === null) throw cbError(CbErrorCode.RequiredField, 'price cannot be null.', path);
  const p = input as Input;
  const baseCurrency = (p.baseCurrencyId as string | null | undefined) ?? current?.baseCurrency;
  if (!baseCurrency) throw cbError(CbErrorCode.RequiredField, 'baseCurrencyId is required.', `${path}.baseCurrencyId`);
  const tiers =
    p.priceAbsoluteValues === undefined && current
      ? current.tiers
      : readTiers(p.priceAbsoluteValues, `${path}.priceAbsoluteValues`);
  return {
    id: current?.id ?? allocateId(),
    isGross: readBool(p.isGross, current?.isGross ?? false),
    baseCurrency,
    volumePricingMethod:
      (p.volumePricingMethod as string | null | undefined) ?? current?.volumePricingMethod ?? 'PRICE_SCALE',
    tiers,
  };
}

/** Images per language: referencedId names an uploaded file; a language without one is removed. */
function mergeImages(current: LocalizedImage | undefined, input: unknown, client: ClientAccount, path: string) {
  if (input === undefined) return current;
  if (input === null) return [];
  const merged = (current ?? []).map((i) => ({ ...i }));
  (input as Array<Input | null>).forEach((entry, i) => {
    if (entry === null) return;
    const language = entry.languageId as string;
    const id = readRef(entry.referencedId, null, client.webbinaries, 'image', `${path}[${i}].referencedId`);
    const at = merged.findIndex((m) => m.language === language);
    if (id === null) {
      if (at >= 0) merged.splice(at, 1);
    } else if (at >= 0) merged[at] = { language, webbinaryId: id };
    else merged.push({ language, webbinaryId: id });
  });
  return merged;
}

export function applyContent(current: StoredContent | undefined, input: unknown, client: ClientAccount, path: string) {
  if (input === undefined) return current;
  const c = (input ?? {}) as Input;
  const base = current ?? {};
  const next: StoredContent = { ...base };
  const textFields = [
    'deliveryTextHtml',
    'deliveryTextPdf',
    'description',
    'popupCartInformation',
    'priceScaleNoteHtml',
    'shortDescription',
    'systemRequirements',
  ] as const;
  for (const field of textFields) {
    next[field] = input === null ? [] : mergeLocalized(base[field], c[field], field, `${path}.${field}`);
  }
  const imageFields = [
    ['bigImage', 'bigImageId'],
    ['mediumImage', 'mediumImageId'],
    ['smallImage', 'smallImageId'],
    ['recommendationBannerImage', 'recommendationBannerImageId'],
  ] as const;
  for (const [field, inputName] of imageFields) {
    next[field] = input === null ? [] : mergeImages(base[field], c[inputName], client, `${path}.${inputName}`);
  }
  next.deliveryImageId = readRef(
    c.deliveryImageId,
    input === null ? null : (base.deliveryImageId ?? null),
    client.webbinaries,
    'image',
    `${path}.deliveryImageId`,
  );
  return next;
}

function readProductDeliveries(input: unknown, client: ClientAccount, path: string): StoredProductDelivery[] {
  if (input === null) return [];
  const seen = new Set<number>();
  return (input as Array<Input | null>)
    .filter((d): d is Input => d !== null)
    .map((d, i) => {
      const at = `${path}[${i}]`;
      const runningNo = (d.runningNo as number | null | undefined) ?? i + 1;
      if (seen.has(runningNo))
        throw cbError(CbErrorCode.InvalidValue, `runningNo ${runningNo} is given twice.`, `${at}.runningNo`);
      seen.add(runningNo);
      const key = d.keyDeliveryOptions as Input | null | undefined;
      const download = d.downloadDeliveryOptions as Input | null | undefined;
      return {
        runningNo,
        deliveryType: d.deliveryType as string,
        availabilityInMonths: readInt(d.availabilityInMonths, null, 0, `${at}.availabilityInMonths`),
        copyOnRecurringBilling: readBool(d.copyOnRecurringBilling, false),
        executeOnInitialPurchase: readBool(d.executeOnInitialPurchase, false),
        executeOnRecurringBilling: readBool(d.executeOnRecurringBilling, false),
        keyDeliveryOptions: key
          ? {
              keyGeneratorId: readRef(
                key.keyGeneratorId,
                null,
                client.keyGenerators,
                'key generator',
                `${at}.keyDeliveryOptions.keyGeneratorId`,
              ),
              keyListId: readRef(
                key.keyListId,
                null,
                client.keyLists,
                'key list',
                `${at}.keyDeliveryOptions.keyListId`,
              ),
              keyResultType: (key.keyResultType as string | null | undefined) ?? null,
              separatePidPerQuantityUnit: readBool(key.separatePidPerQuantityUnit, false),
              useKeyTemplate: readBool(key.useKeyTemplate, false),
            }
          : null,
        downloadDeliveryOptions: download
          ? {
              downloadFileId: readRef(
                download.downloadFileId,
                null,
                client.downloadFiles,
                'download file',
                `${at}.downloadDeliveryOptions.downloadFileId`,
              ),
              description:
                mergeLocalized([], download.description, 'description', `${at}.downloadDeliveryOptions.description`) ??
                [],
              language: (download.languageId as string | null | undefined) ?? null,
              linkValidityInDays: readInt(
                download.linkValidityInDays,
                null,
                1,
                `${at}.downloadDeliveryOptions.linkValidityInDays`,
              ),
            }
          : null,
      };
    });
}

export function applyDelivery(
  current: StoredDelivery | undefined,
  input: unknown,
  client: ClientAccount,
  path: string,
) {
  if (input === undefined) return current;
  const d = (input ?? {}) as Input;
  const base = current ?? {};
  const next: StoredDelivery = { ...base };
  for (const field of ['deliveryInformation', 'deliveryNote', 'keyTemplate', 'keyTemplateForEmail'] as const) {
    next[field] = input === null ? [] : mergeLocalized(base[field], d[field], field, `${path}.${field}`);
  }
  if (input === null) next.productDeliveries = [];
  else if (d.productDeliveries !== undefined) {
    next.productDeliveries = readProductDeliveries(d.productDeliveries, client, `${path}.productDeliveries`);
  }
  return next;
}

/** Bundle items replace the whole list; each must be another product of the same client. */
export function readBundle(
  input: unknown,
  current: StoredBundleItem[] | undefined,
  product: StoredProduct,
  store: ProductStore,
  path: string,
): StoredBundleItem[] | undefined {
  if (input === undefined) return current;
  if (input === null) return [];
  return (input as Array<Input | null>)
    .filter((b): b is Input => b !== null)
    .map((b, i) => {
      const at = `${path}[${i}]`;
      const itemId = b.itemProductId as number;
      const item = store.get(itemId);
      if (!item || item.clientId !== product.clientId || itemId === product.id) {
        throw cbError(CbErrorCode.InvalidReference, `Unknown bundle item product ${itemId}.`, `${at}.itemProductId`);
      }
      return {
        itemProductId: itemId,
        position: (b.position as number | null | undefined) ?? i + 1,
        quantity: readInt(b.quantity, 1, 1, `${at}.quantity`) ?? 1,
        isHidden: readBool(b.isHidden, false),
      };
    });
}
