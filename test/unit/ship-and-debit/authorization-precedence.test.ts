import { describe, expect, it } from 'vitest';
import { indexAuthorizations } from '../../../domain/ship-and-debit/authorization-index';
import { AuthorizationPrecedence } from '../../../domain/ship-and-debit/authorization-precedence';
import { validateDebitClaimLines } from '../../../domain/ship-and-debit/claim-line-validation';
import type { DebitAuthorization } from '../../../domain/ship-and-debit/debit-authorization';
import type { DebitClaimLine } from '../../../domain/ship-and-debit/debit-claim-line';
import { sampleAuthorization } from './authorization-fixtures';
import { sampleClaimLines, sampleContext } from './claim-validation-fixtures';

const [, gx200Line] = sampleClaimLines;
if (gx200Line === undefined) throw new Error('fixture');

/** DA-BLANKET-1: DIST-001 may resell GX-200 down to 8.25 to any end customer, 500 units. */
const blanket = (patch: Partial<DebitAuthorization> = {}) =>
  sampleAuthorization({
    authorizationNumber: 'DA-BLANKET-1',
    coverage: { kind: 'anyEndCustomer' },
    lines: [
      {
        productSku: 'GX-200',
        pricing: { method: 'downTo', authorizedCost: '8.25' },
        quantityCap: 500,
        remainingQuantity: 500,
      },
    ],
    ...patch,
  });

/** `quantity` GX-200 to `endCustomerId` on its own invoice, quoting no authorization: 1.75 a unit. */
const unquoted = (lineNumber: number, quantity: number, endCustomerId = 'EC-7788'): DebitClaimLine => ({
  ...gx200Line,
  lineNumber,
  authorizationNumber: '',
  invoiceNumber: `INV-U${lineNumber}`,
  endCustomerId,
  quantity,
  amount: (quantity * 1.75).toFixed(2),
});

const sale = (line: DebitClaimLine) => ({
  invoiceNumber: line.invoiceNumber,
  endCustomerId: line.endCustomerId,
  productSku: line.productSku,
  shipDate: line.shipDate,
  quantity: line.quantity,
});

function validate(authorizations: DebitAuthorization[], lines: DebitClaimLine[]) {
  const context = sampleContext({ authorizations, sales: lines.map(sale) }, lines);
  return validateDebitClaimLines(context, lines);
}

describe('blanket debit authorizations and precedence', () => {
  it('a blanket authorization covers any end customer of the partner: EC-0001, quoted, 30 × 1.75 = 52.50', () => {
    const line = { ...unquoted(1, 30, 'EC-0001'), authorizationNumber: 'DA-BLANKET-1' };
    expect(validate([blanket()], [line])[0]).toMatchObject({ outcome: 'approved', approvedAmount: '52.50' });
  });

  it('a blanket authorization still keeps to its products (03) and dates (02)', () => {
    const line = { ...unquoted(1, 30, 'EC-0001'), authorizationNumber: 'DA-BLANKET-1' };
    expect(validate([blanket()], [{ ...line, productSku: 'GX-100' }])[0]?.x12Code).toBe('03');
    expect(validate([blanket({ validTo: '2026-11-10' })], [line])[0]?.x12Code).toBe('02');
  });

  it('a line quoting no number, covered by both, takes the customer-specific DA-2026-0042 first', () => {
    const [result] = validate([blanket(), sampleAuthorization()], [unquoted(1, 40)]);
    expect(result).toMatchObject({
      outcome: 'approved',
      approvedQuantity: 40,
      approvedAmount: '70.00',
      appliedAuthorizationNumber: 'DA-2026-0042',
    });
  });

  it('the specific one drawn down (100 left: 100 taken by line 1), line 2 falls to the blanket', () => {
    const results = validate([sampleAuthorization(), blanket()], [unquoted(1, 100), unquoted(2, 30)]);
    expect(results.map((result) => [result.appliedAuthorizationNumber, result.approvedQuantity])).toEqual([
      ['DA-2026-0042', 100],
      ['DA-BLANKET-1', 30],
    ]);
  });

  it('a line larger than what the specific one has left is cut to it (04), not split across the two', () => {
    const [result] = validate([sampleAuthorization(), blanket()], [unquoted(1, 120)]);
    expect(result).toMatchObject({
      outcome: 'partiallyApproved',
      x12Code: '04',
      approvedQuantity: 100,
      appliedAuthorizationNumber: 'DA-2026-0042',
    });
  });

  it('another end customer has no specific deal: the blanket applies; no covering authorization at all is 01', () => {
    expect(validate([sampleAuthorization(), blanket()], [unquoted(1, 10, 'EC-0001')])[0]).toMatchObject({
      outcome: 'approved',
      appliedAuthorizationNumber: 'DA-BLANKET-1',
    });
    const [none] = validate([sampleAuthorization()], [unquoted(1, 10, 'EC-0001')]);
    expect(none).toMatchObject({ outcome: 'rejected', x12Code: '01' });
    expect(none).not.toHaveProperty('appliedAuthorizationNumber');
  });

  it('a quoted number is binding: quoting the blanket for EC-7788 draws on the blanket, not the specific one', () => {
    const line = { ...unquoted(1, 10), authorizationNumber: 'DA-BLANKET-1' };
    const [result] = validate([sampleAuthorization(), blanket()], [line]);
    expect(result).toMatchObject({ outcome: 'approved', approvedQuantity: 10 });
    expect(result).not.toHaveProperty('appliedAuthorizationNumber');
  });

  it('every covering authorization exhausted: the first in precedence answers, 05', () => {
    const spent = sampleAuthorization({
      lines: [{ ...gx200Auth(), remainingQuantity: 0 }],
    });
    const [result] = validate(
      [spent, blanket({ lines: [{ ...gx200Auth(), remainingQuantity: 0 }] })],
      [unquoted(1, 10)],
    );
    expect(result).toMatchObject({ x12Code: '05', appliedAuthorizationNumber: 'DA-2026-0042' });
  });

  it('precedence: named end customer, then segment blanket, then any-customer blanket; within a rank the one ending first', () => {
    const segments = new Map([['EC-7788', [{ segment: 'EDU' }]]]);
    const authorizations = [
      blanket({ authorizationNumber: 'DA-ANY' }),
      blanket({ authorizationNumber: 'DA-SEG', coverage: { kind: 'segment', segment: 'EDU' } }),
      sampleAuthorization({ authorizationNumber: 'DA-LATE' }),
      sampleAuthorization({ authorizationNumber: 'DA-EARLY', validTo: '2026-11-30' }),
      sampleAuthorization({ authorizationNumber: 'DA-OTHER-PARTNER', partnerId: 'DIST-002' }),
      sampleAuthorization({ authorizationNumber: 'DA-CANCELLED', status: 'cancelled' }),
    ];
    const precedence = new AuthorizationPrecedence(indexAuthorizations(authorizations).values());
    const order = precedence
      .covering(unquoted(1, 1), { partnerId: 'DIST-001', currency: 'USD', endCustomerSegments: segments })
      .map((indexed) => indexed.authorization.authorizationNumber);
    expect(order).toEqual(['DA-EARLY', 'DA-LATE', 'DA-SEG', 'DA-ANY']);
  });
});

function gx200Auth() {
  const line = sampleAuthorization().lines.find((each) => each.productSku === 'GX-200');
  if (line === undefined) throw new Error('fixture');
  return line;
}
