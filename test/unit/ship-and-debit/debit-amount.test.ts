import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Money } from '../../../domain/shared/money/money';
import { formatScaled } from '../../../domain/shared/money/scaled-integer';
import {
  authorizedUnitCost,
  debitLineAmount,
  exactScale,
  isPlainDecimal,
  parsePlainPrice,
  parsePrice,
  scalePricing,
} from '../../../domain/ship-and-debit/debit-amount';
import type { PricingMethod } from '../../../domain/ship-and-debit/debit-authorization';

const usd = (pricing: PricingMethod, book: string, quantity: number): string =>
  formatScaled(debitLineAmount(scalePricing(pricing), parsePrice(book), quantity, 'USD').amountMinor, 2, 2);

describe('ship & debit line amount', () => {
  it('40 units, book 25.00: down-to 21.75 → 130.00; down-by 2.00 → 80.00; down-by 6% → 60.00', () => {
    expect(usd({ method: 'downTo', authorizedCost: '21.75' }, '25.00', 40)).toBe('130.00');
    expect(usd({ method: 'downBy', amountPerUnit: '2.00' }, '25.00', 40)).toBe('80.00');
    expect(usd({ method: 'downByPercent', percent: '6' }, '25.00', 40)).toBe('60.00');
  });

  it('fixed per claim pays its amount once, capped at book × quantity', () => {
    expect(usd({ method: 'fixedPerClaim', amount: '500.00' }, '25.00', 40)).toBe('500.00');
    expect(usd({ method: 'fixedPerClaim', amount: '500.00' }, '25.00', 4)).toBe('100.00');
  });

  it('rounds the line once, half to even: 3 × 0.125 = 0.375 → 0.38; 1 × 0.125 → 0.12', () => {
    expect(usd({ method: 'downBy', amountPerUnit: '0.125' }, '1.00', 3)).toBe('0.38');
    expect(usd({ method: 'downBy', amountPerUnit: '0.125' }, '1.00', 1)).toBe('0.12');
  });

  it('a down-to cost above book credits nothing; the net cost granted is book − credit', () => {
    expect(usd({ method: 'downTo', authorizedCost: '30.00' }, '25.00', 40)).toBe('0.00');
    const pricing = scalePricing({ method: 'downByPercent', percent: '6' });
    expect(formatScaled(authorizedUnitCost(pricing, parsePrice('25.00')), 6, 2)).toBe('23.50');
  });
});

const price = fc.bigInt({ min: 0n, max: 100_000_000_000n }).map((units) => formatScaled(units, 6));
const pricing: fc.Arbitrary<PricingMethod> = fc.oneof(
  price.map((authorizedCost) => ({ method: 'downTo' as const, authorizedCost })),
  price.map((amountPerUnit) => ({ method: 'downBy' as const, amountPerUnit })),
  fc
    .integer({ min: 0, max: 1_000_000 })
    .map((basis) => ({ method: 'downByPercent' as const, percent: formatScaled(BigInt(basis), 4) })),
);
const pricingOrFixed = fc.oneof(
  pricing,
  price.map((amount) => ({ method: 'fixedPerClaim' as const, amount })),
);
const quantity = fc.integer({ min: 0, max: 1_000_000 });

describe('ship & debit line amount properties', () => {
  it('is never negative and never above book × quantity (exact and rounded)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          pricing,
          price.map((amount) => ({ method: 'fixedPerClaim' as const, amount })),
        ),
        price,
        quantity,
        (method, book, units) => {
          const amount = debitLineAmount(scalePricing(method), parsePrice(book), units, 'USD');
          const ceiling = parsePrice(book) * BigInt(units);
          expect(amount.amountExact).toBeGreaterThanOrEqual(0n);
          expect(amount.amountExact).toBeLessThanOrEqual(ceiling * 10n ** BigInt(exactScale - 6));
          expect(amount.amountMinor).toBeGreaterThanOrEqual(0n);
          expect(amount.amountMinor).toBeLessThanOrEqual(ceiling / 10n ** 4n + 1n);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is additive over splitting a line: exactly before rounding, within one cent per piece after', () => {
    fc.assert(
      fc.property(pricing, price, quantity, quantity, (method, book, first, second) => {
        const scaled = scalePricing(method);
        const whole = debitLineAmount(scaled, parsePrice(book), first + second, 'USD');
        const a = debitLineAmount(scaled, parsePrice(book), first, 'USD');
        const b = debitLineAmount(scaled, parsePrice(book), second, 'USD');
        expect(a.amountExact + b.amountExact).toBe(whole.amountExact);
        const drift = a.amountMinor + b.amountMinor - whole.amountMinor;
        expect(drift >= -1n && drift <= 1n).toBe(true);
        // A unit credit in whole cents leaves nothing to round: the split is exact after rounding too.
        if (whole.unitCreditExact % 10n ** 10n === 0n) expect(drift).toBe(0n);
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with decimal.js: quantity × credit clamped to [0, book] (fixed: min(amount, book × qty)), half-even to cents', () => {
    fc.assert(
      fc.property(pricingOrFixed, price, quantity, (method, book, units) => {
        const bookCost = new Money(book);
        const clamp = (credit: InstanceType<typeof Money>) => Money.min(bookCost, Money.max(0, credit));
        let exact: InstanceType<typeof Money>;
        if (method.method === 'downTo') exact = clamp(bookCost.minus(method.authorizedCost)).times(units);
        else if (method.method === 'downBy') exact = clamp(new Money(method.amountPerUnit)).times(units);
        else if (method.method === 'downByPercent')
          exact = clamp(bookCost.times(method.percent).div(100)).times(units);
        else exact = Money.min(method.amount, bookCost.times(units));
        const expected = exact.toDecimalPlaces(2, Money.ROUND_HALF_EVEN).toFixed(2);
        expect(usd(method, book, units)).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });
});

describe('parsing a claim price in one pass (the validation hot loop)', () => {
  const reference = (text: string) => (isPlainDecimal(text) ? parsePrice(text) : undefined);

  it('agrees with the regular expression and the bigint parser on any decimal spelling, large ones included', () => {
    const digits = (min: number, max: number) =>
      fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''));
    const spelled = fc.oneof(
      fc
        .tuple(digits(0, 14), fc.option(digits(0, 8), { nil: undefined }))
        .map(([whole, fraction]) => (fraction === undefined ? whole : `${whole}.${fraction}`)),
      price,
      fc.string(),
    );
    fc.assert(fc.property(spelled, (text) => parsePlainPrice(text) === reference(text)));
  });

  it('reads the bounds exactly: 12 integer digits and 6 decimals, past 2^53 at 1e-6', () => {
    for (const text of [
      '999999999999.999999',
      '9000000000.000001',
      '8999999999.999999',
      '0',
      '0.5',
      '007.10',
    ]) {
      expect(parsePlainPrice(text)).toBe(parsePrice(text));
    }
    for (const text of ['', '.5', '5.', '1.1234567', '1234567890123', '-1', '+1', '1e3', ' 1', '1,5', '١']) {
      expect(parsePlainPrice(text)).toBeUndefined();
    }
  });
});
