import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateDebitClaimLines } from '../../../domain/ship-and-debit/claim-line-validation';
import type { DebitAuthorization } from '../../../domain/ship-and-debit/debit-authorization';
import { type DebitClaimLine, invoiceLineKey } from '../../../domain/ship-and-debit/debit-claim-line';
import {
  type DebitClaimReason,
  debitClaimReasonPrecedence,
  debitClaimReasons,
} from '../../../domain/ship-and-debit/debit-claim-reasons';
import { sampleAuthorization } from './authorization-fixtures';
import { sampleClaimLines, sampleContext } from './claim-validation-fixtures';

const [first] = sampleClaimLines;
if (first === undefined) throw new Error('fixture');
const resale: DebitClaimLine = first;

/** What one line, its authorization and the claim's context become once some rules are made to fail. */
interface Case {
  readonly line: DebitClaimLine;
  readonly authorization: DebitAuthorization;
  readonly context: NonNullable<Parameters<typeof sampleContext>[0]>;
}

const gx100 = (authorization: DebitAuthorization, patch: object): DebitAuthorization => ({
  ...authorization,
  lines: authorization.lines.map((line) => (line.productSku === 'GX-100' ? { ...line, ...patch } : line)),
});

/**
 * One way to fail each rule, each on its own field, so any set of them can be applied together to the 844
 * sample's line 1 (1000 GX-100 shipped 2026-11-15 to EC-7788 under DA-2026-0042, received 2026-11-30).
 * Applied last to first, so zero balance (nothing left) overrides quantity exceeded (500 left).
 */
const failures: Record<DebitClaimReason, (each: Case) => Case> = {
  invalidInput: (each) => ({ ...each, line: { ...each.line, quantity: 0 } }),
  authorizationInvalid: (each) => ({
    ...each,
    authorization: { ...each.authorization, partnerId: 'DIST-002' },
  }),
  authorizationCancelled: (each) => ({
    ...each,
    authorization: { ...each.authorization, status: 'cancelled' },
  }),
  invalidShipDate: (each) => ({ ...each, line: { ...each.line, shipDate: '2026-11-31' } }),
  shipDateInFuture: (each) => ({ ...each, context: { ...each.context, receivedOn: '2026-11-10' } }),
  shipDateBeforeAuthorization: (each) => ({
    ...each,
    authorization: { ...each.authorization, issuedOn: '2026-11-20' },
  }),
  authorizationExpired: (each) => ({
    ...each,
    authorization: { ...each.authorization, validTo: '2026-11-10' },
  }),
  pastExercisePeriod: (each) => ({ ...each, context: { ...each.context, claimWindowDays: 10 } }),
  productNotAuthorized: (each) => ({ ...each, line: { ...each.line, productSku: 'GX-999' } }),
  invalidCustomer: (each) => ({ ...each, line: { ...each.line, endCustomerId: 'EC-0001' } }),
  duplicateInvoice: (each) => ({
    ...each,
    context: { ...each.context, claimedInvoiceLines: new Set([invoiceLineKey(each.line)]) },
  }),
  resaleAboveCeiling: (each) => ({ ...each, line: { ...each.line, resalePrice: '2.70' } }),
  bookCostIncorrect: (each) => ({ ...each, line: { ...each.line, bookCost: '2.60' } }),
  authorizedCostIncorrect: (each) => ({ ...each, line: { ...each.line, authorizedCost: '1.70' } }),
  amountIncorrect: (each) => ({ ...each, line: { ...each.line, amount: '700.01' } }),
  noMatchingSale: (each) => ({ ...each, context: { ...each.context, sales: [] } }),
  zeroBalance: (each) => ({ ...each, authorization: gx100(each.authorization, { remainingQuantity: 0 }) }),
  quantityExceeded: (each) => ({
    ...each,
    authorization: gx100(each.authorization, { remainingQuantity: 500 }),
  }),
};

/** The reason line 1 is reported under once `failing` rules are made to fail (none: approved). */
function reportedReason(failing: readonly DebitClaimReason[]): DebitClaimReason | undefined {
  let each: Case = {
    line: resale,
    // GX-100 resold at most at 2.60: the sample line sends no resale price, so the ceiling holds.
    authorization: gx100(sampleAuthorization(), { resaleCeiling: '2.60' }),
    context: {},
  };
  for (const reason of [...failing].reverse()) each = failures[reason](each);
  const context = sampleContext({ ...each.context, authorizations: [each.authorization] }, [each.line]);
  return validateDebitClaimLines(context, [each.line])[0]?.reason;
}

describe('ship & debit reason precedence: a line failing several rules is reported under the first', () => {
  it('the order, as the 849 and the bench SQL report it: the line date rules (27, 18, 29) interleave with the authorization rules (01 23 19 02 03 26)', () => {
    expect(debitClaimReasonPrecedence.map((reason) => debitClaimReasons[reason].x12)).toEqual([
      '33',
      '01',
      '23',
      '27',
      '18',
      '19',
      '02',
      '29',
      '03',
      '26',
      '28',
      '16',
      '31',
      '06',
      '33',
      '09',
      '05',
      '04',
    ]);
    expect(new Set(debitClaimReasonPrecedence)).toEqual(new Set(Object.keys(debitClaimReasons)));
  });

  it('each rule alone gives its own reason; none gives an approval', () => {
    for (const reason of debitClaimReasonPrecedence) expect(reportedReason([reason])).toBe(reason);
    expect(reportedReason([])).toBeUndefined();
  });

  it('product not on it (03) and another customer (26) past the 10-day window: 29, the date rule first', () => {
    expect(reportedReason(['productNotAuthorized', 'invalidCustomer', 'pastExercisePeriod'])).toBe(
      'pastExercisePeriod',
    );
    expect(reportedReason(['authorizationCancelled', 'invalidShipDate'])).toBe('authorizationCancelled');
    expect(reportedReason(['invalidShipDate', 'authorizationExpired'])).toBe('invalidShipDate');
  });

  it('any set of failing rules is reported under the first of them in the precedence', () => {
    fc.assert(
      fc.property(fc.subarray([...debitClaimReasonPrecedence], { minLength: 1 }), (failing) => {
        expect(reportedReason(failing)).toBe(failing[0]);
      }),
      { numRuns: 300 },
    );
  });
});
