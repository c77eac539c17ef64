import type { SaleLine } from '../../../domain/accruals/sale-line';
import {
  type RebateProgram,
  type RebateProgramInput,
  rebateProgramSchema,
} from '../../../domain/programs/program';

/** A sale line with plausible defaults; tests override what they are about. */
export function saleLine(overrides: Partial<SaleLine> & Pick<SaleLine, 'lineId'>): SaleLine {
  return {
    partnerId: 'P1',
    invoiceDate: '2026-03-10',
    shipDate: '2026-03-10',
    orderDate: '2026-03-10',
    sku: 'SKU-1',
    category: 'CAT-A',
    uom: 'EA',
    quantityBase: '1',
    extendedAmount: '10.00',
    currency: 'USD',
    endCustomerId: 'C1',
    billTo: 'B1',
    shipTo: 'S1',
    orderType: 'STANDARD',
    salesperson: 'REP-1',
    warehouse: 'W1',
    attributes: {},
    ...overrides,
  };
}

type TermsInput = RebateProgramInput['terms'];

/** An active program version, validated through the real schema so defaults are the production ones. */
export function program(
  terms: TermsInput,
  overrides: Partial<Omit<RebateProgramInput, 'terms'>> = {},
): RebateProgram {
  return rebateProgramSchema.parse({
    programId: 'PRG-1',
    version: 1,
    name: 'Test program',
    status: 'active',
    currency: 'USD',
    periodGranularity: 'month',
    eligibility: { startDate: '2026-01-01' },
    ...overrides,
    terms,
  });
}

/** Tiers 0–999 @1 %, 1000–4999 @2 %, 5000+ @3 %: the textbook three-tier table. */
export const threeTiers = [
  { from: '0', rate: '1' },
  { from: '1000', rate: '2' },
  { from: '5000', rate: '3' },
];

/** An annual-volume program accrued monthly: $0.10 a unit, $0.20 from 1,000 units in the year. */
export const annualVolumeProgram = program(
  {
    kind: 'annualVolume',
    basis: 'quantity',
    method: 'retrospective',
    rateType: 'amountPerUnit',
    tiers: [
      { from: '0', rate: '0.10' },
      { from: '1000', rate: '0.20' },
    ],
  },
  { periodGranularity: 'month' },
);

export const march2026 = { start: '2026-03-01', end: '2026-03-31' };

/** Sums decimal strings exactly (cents) for assertions. */
export function sumCents(amounts: readonly string[]): string {
  let total = 0n;
  for (const amount of amounts) {
    const [whole = '0', fraction = ''] = amount.replace('-', '').split('.');
    const cents = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
    total += amount.startsWith('-') ? -cents : cents;
  }
  const sign = total < 0n ? '-' : '';
  const magnitude = total < 0n ? -total : total;
  return `${sign}${magnitude / 100n}.${String(magnitude % 100n).padStart(2, '0')}`;
}
