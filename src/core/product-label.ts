import type { CanonicalProduct } from './product.js';

/** What a person calls a product: its name in `language`, else its first name, else null. */
export function productLabel(product: CanonicalProduct | null, language?: string): string | null {
  if (!product) return null;
  return (language !== undefined ? product.names[language] : undefined) ?? Object.values(product.names)[0] ?? null;
}
