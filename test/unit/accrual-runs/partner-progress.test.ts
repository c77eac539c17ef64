import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partnerProgress, partnerWhatIf } from '../../../domain/accrual-runs/partner-progress';
import type { ProductData } from '../../../domain/products/product';
import { BusinessRuleError, NotFoundError } from '../../../domain/shared/errors';
import { channelManager, finance, partnerUser } from '../../support/actors';
import { InMemoryRecordStore } from '../../support/in-memory-record-store';
import { productData } from '../../support/master-data-fixtures';
import { accrualRunDeps, channelLine } from './fakes';
import { inForce } from './scenario';

const asOf = '2026-03-20';

/** The volume program ($0.10 a unit, $0.20 from 1,000 units a month); P1 sold `p1Units` by 20 March. */
async function partnerView(p1Units = '600') {
  const products = new InMemoryRecordStore<ProductData>(
    (product) => product.sku,
    (product) => `${product.category}#`,
  );
  const meta = { version: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
  await products.create({ ...productData('SKU-1', { category: 'CAT-A' }), ...meta });
  await products.create({ ...productData('SKU-9', { category: 'CAT-B' }), ...meta });
  const deps = { ...accrualRunDeps(), products };
  await inForce(deps);
  deps.lines.add(
    channelLine({ partnerId: 'P1', invoiceNumber: 'INV-1', invoiceDate: '2026-03-05', quantity: p1Units }),
    channelLine({ partnerId: 'P1', invoiceNumber: 'INV-AFTER', invoiceDate: '2026-03-25', quantity: '5000' }),
    channelLine({ partnerId: 'P2', invoiceNumber: 'INV-2', invoiceDate: '2026-03-05', quantity: '4000' }),
  );
  return deps;
}

describe('partnerProgress', () => {
  it('shows the tier reached, the next tier and the gap to it, period to date', async () => {
    // Arrange
    const deps = await partnerView('600');

    // Act
    const progress = await partnerProgress(deps, partnerUser('P1'), { partnerId: 'P1', asOf });

    // Assert
    expect(progress).toEqual([
      {
        programId: 'VOL-2026',
        name: 'Volume rebate 2026',
        kind: 'volume',
        currency: 'USD',
        periods: ['2026-03'],
        earned: '60.00',
        tiers: [
          {
            pool: expect.any(String),
            basis: 'quantity',
            volume: '600',
            tierReached: { index: 0, from: '0', rate: '0.10' },
            nextTier: { index: 1, from: '1000', rate: '0.20' },
            gap: '400',
          },
        ],
      },
    ]);
  });

  it('has no next tier and no gap at the top tier', async () => {
    const deps = await partnerView('1200');

    const [program] = await partnerProgress(deps, finance, { partnerId: 'P1', asOf });

    expect(program?.earned).toBe('240.00');
    expect(program?.tiers).toMatchObject([
      { volume: '1200', tierReached: { index: 1 }, nextTier: null, gap: null },
    ]);
  });

  it("reads only the partner's own lines, and answers NotFoundError for another partner's view", async () => {
    // Arrange
    const deps = await partnerView('600');

    // Act
    const own = await partnerProgress(deps, partnerUser('P1'), { partnerId: 'P1', asOf });

    // Assert
    expect(own[0]?.tiers[0]?.volume).toBe('600');
    expect(deps.lines.reads.every((read) => read.partnerId === 'P1')).toBe(true);
    await expect(partnerProgress(deps, partnerUser('P1'), { partnerId: 'P2', asOf })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect((await partnerProgress(deps, finance, { partnerId: 'P2', asOf }))[0]?.earned).toBe('800.00');
  });

  it('leaves out programs the partner earns nothing in', async () => {
    const deps = await partnerView('600');
    await inForce(deps, {
      programId: 'OTHERS-ONLY',
      eligibility: { startDate: '2026-01-01', partners: ['P9'] },
    });

    const progress = await partnerProgress(deps, partnerUser('P1'), { partnerId: 'P1', asOf });

    expect(progress.map((program) => program.programId)).toEqual(['VOL-2026']);
  });
});

describe('partnerWhatIf', () => {
  it('shows that selling the gap reaches the next tier, and what it adds', async () => {
    // Arrange
    const deps = await partnerView('600');
    const [now] = await partnerProgress(deps, partnerUser('P1'), { partnerId: 'P1', asOf });
    const gap = now?.tiers[0]?.gap ?? '';

    // Act
    const [result] = await partnerWhatIf(deps, partnerUser('P1'), {
      partnerId: 'P1',
      asOf,
      sale: { category: 'CAT-A', quantity: gap, unitPrice: '10' },
    });

    // Assert
    expect(result).toMatchObject({
      programId: 'VOL-2026',
      earnedNow: '60.00',
      earnedWithSale: '200.00',
      difference: '140.00',
    });
    expect(result?.tiersWithSale).toMatchObject([{ volume: '1000', tierReached: { index: 1 }, gap: null }]);
    expect(result?.tiersNow).toEqual(now?.tiers);
  });

  it('reaches the next tier with any volume short of it plus the gap, and always earns more (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 999 }), async (units) => {
        const deps = await partnerView(String(units));
        const [now] = await partnerProgress(deps, finance, { partnerId: 'P1', asOf });
        const gap = now?.tiers[0]?.gap ?? '';

        const [result] = await partnerWhatIf(deps, finance, {
          partnerId: 'P1',
          asOf,
          sale: { sku: 'SKU-1', category: 'CAT-A', quantity: gap, unitPrice: '1' },
        });

        expect(gap).toBe(String(1000 - units));
        expect(result?.tiersWithSale[0]?.tierReached?.index).toBe(1);
        expect(new Decimal(result?.difference ?? '0').gt(0)).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  it("answers NotFoundError for another partner's what-if; staff may ask for any partner", async () => {
    const deps = await partnerView('600');
    const sale = { category: 'CAT-A', quantity: '1', unitPrice: '1' };
    await expect(
      partnerWhatIf(deps, partnerUser('P1'), { partnerId: 'P2', asOf, sale }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const [staffView] = await partnerWhatIf(deps, channelManager, { partnerId: 'P2', asOf, sale });
    expect(staffView).toMatchObject({ earnedNow: '800.00', earnedWithSale: '800.20', difference: '0.20' });
  });

  it('takes the category from the product record: a SKU alone is enough', async () => {
    const deps = await partnerView('600');

    const [result] = await partnerWhatIf(deps, partnerUser('P1'), {
      partnerId: 'P1',
      asOf,
      sale: { sku: 'SKU-1', quantity: '400', unitPrice: '10' },
    });

    expect(result).toMatchObject({ earnedNow: '60.00', earnedWithSale: '200.00' });
  });

  it.each([
    [{ sku: 'NO-SUCH-SKU' }, 'sku'],
    [{ category: 'NO-SUCH-CATEGORY' }, 'category'],
    [{ sku: 'SKU-9', category: 'CAT-A' }, 'category'],
  ])('refuses %o with a 422 naming the field %s', async (item, path) => {
    const deps = await partnerView('600');

    const asked = partnerWhatIf(deps, partnerUser('P1'), {
      partnerId: 'P1',
      asOf,
      sale: { ...item, quantity: '1', unitPrice: '1' },
    });

    await expect(asked).rejects.toBeInstanceOf(BusinessRuleError);
    await expect(asked).rejects.toMatchObject({ issues: [{ path }] });
  });
});

describe('partnerProgress on counted units', () => {
  it.each([
    ['999', 0, '1'],
    ['1000', 1, null],
  ])('at %s units the tier reached is %i and the gap is %s unit(s)', async (units, tier, gap) => {
    const deps = await partnerView(units);

    const [program] = await partnerProgress(deps, finance, { partnerId: 'P1', asOf });

    expect(program?.tiers[0]).toMatchObject({ volume: units, tierReached: { index: tier }, gap });
  });
});
