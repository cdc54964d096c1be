import { describe, expect, it } from 'vitest';
import { applyChanges, diffProducts } from '../../src/core/diff.js';
import { canonicalProduct } from '../helpers/products.js';

const base = canonicalProduct();
const renamed = canonicalProduct({ names: { EN: 'Backup', DE: 'Sicherung' }, numberOfLicenses: 5 });

describe('field changes', () => {
  it('lists the fields that differ, in the order asked, from the old value to the new', () => {
    expect(diffProducts(base, renamed, ['numberOfLicenses', 'status', 'names'])).toEqual([
      { field: 'numberOfLicenses', from: 1, to: 5 },
      { field: 'names', from: { EN: 'Antivirus' }, to: { EN: 'Backup', DE: 'Sicherung' } },
    ]);
    // Fields not asked about are never compared.
    expect(diffProducts(base, renamed, ['status', 'price'])).toEqual([]);
    // Equal in value is no change, whatever the key order.
    expect(
      diffProducts(renamed, canonicalProduct({ numberOfLicenses: 5, names: { DE: 'Sicherung', EN: 'Backup' } }), [
        'names',
      ]),
    ).toEqual([]);
  });

  it('applies changes to a copy: the changed fields take their new value, the others stay', () => {
    const next = applyChanges(base, [
      { field: 'names', from: { EN: 'Antivirus' }, to: { EN: 'Backup' } },
      { field: 'status', from: 'FULLY_AVAILABLE', to: 'DEACTIVATED' },
    ]);
    expect(next).toEqual(canonicalProduct({ names: { EN: 'Backup' }, status: 'DEACTIVATED' }));
    expect(base).toEqual(canonicalProduct());
    expect(applyChanges(base, [])).toEqual(base);
  });
});
