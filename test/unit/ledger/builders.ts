import fc from 'fast-check';
import { type AccrualDimensions, accrualKey } from '../../../domain/accruals/accrual-entry';
import type { LedgerPosting, LedgerPostingKind } from '../../../domain/ledger/ledger-posting';
import { fromMinorUnits } from '../../../domain/shared/money/minor-units';
import type { CurrencyCode } from '../../../domain/shared/money/money';

/** Accrual dimensions with plausible defaults; tests override what they are about. */
export function dimensions(overrides: Partial<AccrualDimensions> = {}): AccrualDimensions {
  return {
    programId: 'PRG-1',
    period: '2026-03',
    fund: 'rebate',
    beneficiaryPartnerId: 'P1',
    partnerId: 'P1',
    endCustomerId: null,
    billTo: null,
    sku: 'SKU-1',
    uom: 'EA',
    currency: 'USD',
    salesperson: null,
    ...overrides,
  };
}

type PostingOverrides = Partial<AccrualDimensions> & {
  readonly amount?: string;
  readonly postingId?: string;
  readonly postedOn?: string;
  readonly reason?: string;
  readonly priorPeriod?: boolean;
  readonly businessUnit?: string;
};

/** A valid posting of `kind` with its source reference; accrual keys follow the dimensions. */
export function posting(kind: LedgerPostingKind, overrides: PostingOverrides = {}): LedgerPosting {
  const {
    amount = '10.00',
    postingId = `${kind}-1`,
    postedOn = '2026-03-31',
    reason,
    priorPeriod = false,
    businessUnit,
    ...rest
  } = overrides;
  const base = {
    ...dimensions(rest),
    postingId,
    amount,
    postedOn,
    reason: reason ?? `${kind} reason`,
    ...(businessUnit === undefined ? {} : { businessUnit }),
  };
  switch (kind) {
    case 'accrual':
    case 'trueUp':
      return { ...base, kind, runId: 'RUN-1', accrualKey: accrualKey(base), priorPeriod };
    case 'adjustment':
      return { ...base, kind, adjustmentId: 'ADJ-1' };
    case 'claim':
      return { ...base, kind, claimId: 'CLM-1' };
    case 'payment':
      return { ...base, kind, paymentId: 'PAY-1' };
  }
}

const kinds: readonly LedgerPostingKind[] = ['accrual', 'trueUp', 'adjustment', 'claim', 'payment'];
const currencies: readonly CurrencyCode[] = ['USD', 'EUR', 'JPY'];

/** Any valid posting over a small set of checkbooks, with amounts up to ±10^13 minor units. */
export const postingArbitrary: fc.Arbitrary<LedgerPosting> = fc
  .record({
    kind: fc.constantFrom(...kinds),
    programId: fc.constantFrom('PRG-1', 'PRG-2'),
    period: fc.constantFrom('2026-01', '2026-02', 'FY2026-Q1'),
    fund: fc.constantFrom('rebate' as const, 'coop' as const, 'spif' as const),
    beneficiaryPartnerId: fc.constantFrom('P1', 'P2'),
    partnerId: fc.constantFrom('P1', 'P3'),
    currency: fc.constantFrom(...currencies),
    minorUnits: fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }).filter((value) => value !== 0n),
    postedOn: fc.constantFrom('2026-01-31', '2026-02-15', '2026-03-01'),
  })
  .map(({ kind, minorUnits, ...fields }) =>
    posting(kind, { ...fields, amount: fromMinorUnits(minorUnits, fields.currency) }),
  );

/** Lists of postings with distinct posting ids. */
export const postingsArbitrary = fc
  .array(postingArbitrary, { maxLength: 40 })
  .map((postings) => postings.map((item, index) => ({ ...item, postingId: `POST-${index}` })));
