import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateDebitClaimLines } from '../../../domain/ship-and-debit/claim-line-validation';
import type { DebitClaimLine } from '../../../domain/ship-and-debit/debit-claim-line';
import { invoiceLineKey } from '../../../domain/ship-and-debit/debit-claim-line';
import { sampleAuthorization } from './authorization-fixtures';
import { sampleClaimLines, sampleContext } from './claim-validation-fixtures';

const [firstLine] = sampleClaimLines;
if (firstLine === undefined) throw new Error('fixture');
const line = (patch: Partial<DebitClaimLine>): DebitClaimLine => ({ ...firstLine, ...patch });
const codes = (patch: Parameters<typeof sampleContext>[0], claimLine: DebitClaimLine) => {
  const [result] = validateDebitClaimLines(sampleContext(patch, [claimLine]), [claimLine]);
  return [result?.x12Code, result?.followUp];
};

describe('ship & debit claim line validation', () => {
  it('the 844 sample: 1000 × 0.70 = 700.00 approved; 120 asked, 100 left → 100 × 1.75 = 175.00 (04 C); line 3 repeats line 1 (28 N)', () => {
    const results = validateDebitClaimLines(sampleContext(), sampleClaimLines);

    expect(results).toEqual([
      {
        lineNumber: 1,
        outcome: 'approved',
        approvedQuantity: 1000,
        approvedAmount: '700.00',
        bookCostBasis: 'priceListOnShipDate',
        bookCost: '2.50',
        authorizedCost: '1.80',
      },
      expect.objectContaining({
        lineNumber: 2,
        outcome: 'partiallyApproved',
        reason: 'quantityExceeded',
        x12Code: '04',
        followUp: 'C',
        approvedQuantity: 100,
        approvedAmount: '175.00',
      }),
      expect.objectContaining({
        lineNumber: 3,
        outcome: 'rejected',
        reason: 'duplicateInvoice',
        x12Code: '28',
        followUp: 'N',
        approvedQuantity: 0,
        approvedAmount: '0.00',
      }),
    ]);
  });

  it('an invoice line an earlier claim holds is a duplicate (28)', () => {
    const context = { claimedInvoiceLines: new Set([invoiceLineKey(firstLine)]) };
    expect(codes(context, firstLine)).toEqual(['28', 'N']);
  });

  it('another partner quoting the authorization gets 01, as for an unknown number', () => {
    expect(codes({ partnerId: 'DIST-002' }, firstLine)).toEqual(['01', 'C']);
    expect(codes({}, line({ authorizationNumber: 'DA-NOPE' }))).toEqual(['01', 'C']);
    const requested = sampleAuthorization({ status: 'requested' });
    expect(codes({ authorizations: [requested] }, firstLine)[0]).toBe('01');
  });

  it('dates: after validTo 02, before issue 19, after receipt 18, not a date 27, past the 90-day window 29', () => {
    const late = { receivedOn: '2027-01-10' };
    expect(codes(late, line({ shipDate: '2027-01-02' }))[0]).toBe('02');
    expect(codes({}, line({ shipDate: '2026-09-30' }))[0]).toBe('19');
    expect(codes({}, line({ shipDate: '2026-12-01' }))[0]).toBe('18');
    expect(codes({}, line({ shipDate: '2026-11-31' }))[0]).toBe('27');
    expect(codes({}, line({ shipDate: '15/11/2026' }))[0]).toBe('27');
    expect(codes({}, line({ shipDate: '2026-13-01' }))[0]).toBe('27');
    expect(codes({ receivedOn: '2027-03-01' }, line({ shipDate: '2026-11-15' }))[0]).toBe('29');
    // Expired since the sale: the resale was made while the deal held, so it is still claimable.
    const expired = sampleAuthorization({ status: 'expired' });
    expect(codes({ authorizations: [expired] }, firstLine)).toEqual([undefined, undefined]);
  });

  it('a cancelled authorization 23; product not on it 03; another end customer 26', () => {
    const cancelled = sampleAuthorization({ status: 'cancelled' });
    expect(codes({ authorizations: [cancelled] }, firstLine)[0]).toBe('23');
    expect(codes({}, line({ productSku: 'GX-999' }))[0]).toBe('03');
    expect(codes({}, line({ endCustomerId: 'EC-0001' }))[0]).toBe('26');
  });

  it('a blanket authorization covers any end customer of its segment', () => {
    const blanket = sampleAuthorization({ coverage: { kind: 'segment', segment: 'EDU' } });
    const segments = new Map([['EC-7788', [{ segment: 'EDU' }]]]);
    expect(codes({ authorizations: [blanket], endCustomerSegments: segments }, firstLine)[0]).toBe(undefined);
    expect(codes({ authorizations: [blanket] }, firstLine)[0]).toBe('26');
  });

  it('resale 9.75 above the 9.50 ceiling is 16; at the ceiling it passes the rule', () => {
    const [, second] = sampleClaimLines;
    if (second === undefined) throw new Error('fixture');
    expect(codes({}, { ...second, resalePrice: '9.75' })).toEqual(['16', 'C']);
    expect(codes({}, { ...second, resalePrice: '9.50' })[0]).toBe('04');
  });

  it('book cost not the price list price 31; special cost not the authorized one 06; amount not qty × credit 33', () => {
    expect(codes({}, line({ bookCost: '2.60', amount: '800.00' }))[0]).toBe('31');
    expect(codes({}, line({ authorizedCost: '1.70', amount: '800.00' }))[0]).toBe('06');
    expect(codes({}, line({ amount: '700.01' }))).toEqual(['33', 'C']);
    expect(codes({}, line({ amount: '700' }))[0]).toBe(undefined);
    expect(codes({}, line({ quantity: -5, amount: '-3.50' }))[0]).toBe('33');
    expect(codes({}, line({ bookCost: '2,50' }))[0]).toBe('33');
    expect(codes({}, line({ quantity: 2e9, amount: '1400000000.00' }))[0]).toBe('33');
    expect(codes({}, line({ amount: '7e2' }))[0]).toBe('33');
  });

  it('no POS line behind the claim is 09 R; a sale on the same customer, product and date within 5 % backs it', () => {
    expect(codes({ sales: [] }, firstLine)).toEqual(['09', 'R']);
    const nearby = [
      {
        invoiceNumber: 'OTHER',
        endCustomerId: 'EC-7788',
        productSku: 'GX-100',
        shipDate: '2026-11-15',
        quantity: 960,
      },
    ];
    expect(codes({ sales: nearby, posToleranceBasisPoints: 500 }, firstLine)[0]).toBe(undefined);
    expect(codes({ sales: nearby, posToleranceBasisPoints: 300 }, firstLine)[0]).toBe('09');
  });

  it('a return nets out the sale it reverses (1000 sold, 1000 returned: 09); an invoice line must match itself', () => {
    const sale = {
      invoiceNumber: 'INV-55501',
      endCustomerId: 'EC-7788',
      productSku: 'GX-100',
      shipDate: '2026-11-15',
    };
    const returned = [
      { ...sale, quantity: 1000 },
      { ...sale, quantity: -1000 },
    ];
    expect(codes({ sales: returned }, firstLine)[0]).toBe('09');
    const onLine = [{ ...sale, invoiceLine: '2', shipDate: '2026-11-14', quantity: 1000 }];
    expect(codes({ sales: onLine }, line({ invoiceLine: '2' }))[0]).toBe(undefined);
    expect(codes({ sales: onLine }, line({ invoiceLine: '3' }))[0]).toBe('09');
  });

  it('down by 10 % on the acquisition cost, per line: 2.50 → 2.25, "2.5" the same cost, 3.00 → 2.70, back to 2.50 → 2.25', () => {
    const authorization = sampleAuthorization({
      bookCostBasis: 'acquisitionCost',
      lines: [
        {
          productSku: 'GX-100',
          pricing: { method: 'downByPercent', percent: '10' },
          quantityCap: 5000,
          remainingQuantity: 5000,
        },
      ],
    });
    // Book cost, the net cost it grants and 10 units' credit, as the partner claims them.
    const claimed = [
      ['2.50', '2.25', '2.50'],
      ['2.5', '2.25', '2.50'],
      ['3.00', '2.70', '3.00'],
      ['2.50', '2.25', '2.50'],
    ];
    const lines = claimed.map(([bookCost = '', authorizedCost = '', amount = ''], index) =>
      line({
        lineNumber: index + 1,
        invoiceNumber: `INV-B${index}`,
        quantity: 10,
        bookCost,
        authorizedCost,
        amount,
      }),
    );
    const sales = lines.map(({ invoiceNumber, endCustomerId, productSku, shipDate }) => ({
      invoiceNumber,
      endCustomerId,
      productSku,
      shipDate,
      quantity: 10,
    }));
    const context = sampleContext(
      { authorizations: [authorization], sales, bookCostOf: (_authorization, each) => each.bookCost },
      lines,
    );
    const results = validateDebitClaimLines(context, lines);
    expect(results.map((result) => [result.outcome, result.authorizedCost, result.approvedAmount])).toEqual([
      ['approved', '2.25', '2.50'],
      ['approved', '2.25', '2.50'],
      ['approved', '2.70', '3.00'],
      ['approved', '2.25', '2.50'],
    ]);
  });

  it('nothing left on the product is 05 zero balance', () => {
    const authorization = sampleAuthorization();
    const drained = sampleAuthorization({
      lines: authorization.lines.map((entry) => ({ ...entry, remainingQuantity: 0 })),
    });
    expect(codes({ authorizations: [drained] }, firstLine)).toEqual(['05', 'N']);
  });

  it('never throws on arbitrary line values (a CSV claim): one result per line, rejected or priced', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('2.50', '1.80', '700.00', '2026-11-15'),
    );
    const anyLine = fc.record({
      lineNumber: fc.nat(),
      authorizationNumber: fc.constantFrom('DA-2026-0042', ''),
      invoiceNumber: text,
      shipDate: text,
      endCustomerId: fc.constantFrom('EC-7788', 'X'),
      productSku: fc.constantFrom('GX-100', 'GX-200', ''),
      quantity: fc.oneof(fc.integer(), fc.double()),
      bookCost: text,
      authorizedCost: text,
      resalePrice: text,
      amount: text,
    });
    fc.assert(
      fc.property(fc.array(anyLine, { maxLength: 5 }), (lines) => {
        const results = validateDebitClaimLines(sampleContext({}, lines), lines);
        expect(results).toHaveLength(lines.length);
      }),
      { numRuns: 200 },
    );
  });
});
