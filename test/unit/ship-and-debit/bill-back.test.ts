import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  billBackOffsets,
  billBackParts,
  type ClaimLineReversal,
  type PosReturn,
  reversalIncrement,
  reversalKeyOf,
  type ShipAndDebitBillBack,
} from '../../../domain/ship-and-debit/bill-back';
import { quantityRestorations } from '../../../domain/ship-and-debit/bill-back-returns';
import { sampleAuthorization } from './authorization-fixtures';
import { creditedClaim } from './credited-claim-fixture';

const returnOf = (patch: Partial<PosReturn> = {}): PosReturn => ({
  invoiceNumber: 'RMA-1',
  invoiceLine: '1',
  date: '2026-11-25',
  endCustomerId: 'EC-7788',
  productSku: 'GX-200',
  quantity: 3,
  ...patch,
});

const none = new Map<string, ClaimLineReversal>();

describe('reversing ship & debit credit', () => {
  it('returned units take back the credit pro rata, rounded once on the running total: never below zero, never above the credit, exactly the credit when all come back', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.bigInt({ min: 0n, max: 10_000_000n }),
        fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 30 }),
        (approvedQuantity, amountMinor, returns) => {
          const approved = { quantity: approvedQuantity, amountMinor };
          let reversed = { quantity: 0, amountMinor: 0n };
          for (const asked of [...returns, approvedQuantity]) {
            const quantity = Math.min(asked, approvedQuantity - reversed.quantity);
            if (quantity === 0) break;
            const increment = reversalIncrement(approved, reversed, quantity);
            expect(increment).toBeGreaterThanOrEqual(0n);
            reversed = {
              quantity: reversed.quantity + quantity,
              amountMinor: reversed.amountMinor + increment,
            };
            expect(reversed.amountMinor).toBeLessThanOrEqual(amountMinor);
          }
          expect(reversed).toEqual({ quantity: approvedQuantity, amountMinor });
        },
      ),
    );
  });

  it('3 of 8 units credited 160.00 come back on the same invoice: 60.00 taken back from that line, not from a later resale to the same customer', () => {
    const claims = [
      creditedClaim('SDC-1', '2026-11-21T09:00:00Z', [
        ['INV-1', '2026-11-20', 8, '160.00'],
        ['INV-2', '2026-11-22', 5, '100.00'],
      ]),
    ];

    const planned = billBackParts(returnOf({ invoiceNumber: 'INV-1' }), claims, none);

    expect(planned).toEqual({
      currency: 'USD',
      parts: [
        {
          claimId: 'SDC-1',
          lineNumber: 1,
          authorizationNumber: 'DA-2026-0042',
          productSku: 'GX-200',
          quantity: 3,
          amount: '60.00',
        },
      ],
    });
  });

  it('a return on its own credit memo goes to the latest resale to the same customer first, spills over to earlier ones, and bills back only units that were credited', () => {
    const claims = [
      creditedClaim('SDC-1', '2026-11-21T09:00:00Z', [['INV-1', '2026-11-20', 2, '3.50']]),
      creditedClaim('SDC-2', '2026-11-23T09:00:00Z', [['INV-2', '2026-11-22', 4, '7.00']]),
    ];
    const reversals = new Map([
      [
        reversalKeyOf('SDC-2', 1),
        { claimId: 'SDC-2', lineNumber: 1, quantity: 1, amount: '1.75', billBackIds: ['SDB-EARLIER'] },
      ],
    ]);

    const planned = billBackParts(returnOf({ quantity: 9 }), claims, reversals);

    expect(planned?.parts.map((part) => [part.claimId, part.quantity, part.amount])).toEqual([
      ['SDC-2', 3, '5.25'],
      ['SDC-1', 2, '3.50'],
    ]);
  });

  it('no bill-back for another product, another customer on another invoice, a resale shipped after the return, or a claim received after it (its POS check netted the return)', () => {
    const claims = [
      creditedClaim('SDC-1', '2026-11-21T09:00:00Z', [['INV-1', '2026-11-20', 8, '160.00']]),
      creditedClaim('SDC-LATE', '2026-11-26T09:00:00Z', [['INV-9', '2026-11-20', 8, '160.00']]),
    ];

    expect(billBackParts(returnOf({ productSku: 'GX-100' }), claims, none)).toBeUndefined();
    expect(billBackParts(returnOf({ endCustomerId: 'EC-1' }), claims, none)).toBeUndefined();
    expect(billBackParts(returnOf({ date: '2026-11-19' }), claims, none)).toBeUndefined();
    expect(
      billBackParts(returnOf({ invoiceNumber: 'INV-9', endCustomerId: 'EC-1' }), claims, none),
    ).toBeUndefined();
  });

  it('returned units go back to an authorization that can still be claimed on, not to a cancelled one', () => {
    const part = {
      claimId: 'SDC-1',
      lineNumber: 1,
      authorizationNumber: 'DA-2026-0042',
      productSku: 'GX-200',
      quantity: 3,
      amount: '5.25',
    };
    const approved = new Map([['DA-2026-0042', sampleAuthorization()]]);
    const cancelled = new Map([['DA-2026-0042', sampleAuthorization({ status: 'cancelled' })]]);

    expect(quantityRestorations([part, { ...part, lineNumber: 2, quantity: 2 }], approved)).toEqual([
      { authorizationNumber: 'DA-2026-0042', productSku: 'GX-200', quantity: 5, expectedRemaining: 100 },
    ]);
    expect(quantityRestorations([part], cancelled)).toEqual([]);
  });
});

describe('netting bill-backs', () => {
  const open = (billBackId: string, amount: string): ShipAndDebitBillBack => ({
    billBackId,
    partnerId: 'DIST-001',
    currency: 'USD',
    returned: returnOf(),
    parts: [],
    quantity: 1,
    amount,
    restoredQuantity: 1,
    status: 'open',
    createdAt: '2026-11-25T09:00:00Z',
    createdBy: { userId: 'u-cm', role: 'channel_manager' },
  });

  it('a claim approved for 100.00 nets open bill-backs of 30.00 and 50.00 (oldest first) and leaves 40.00 for a later claim', () => {
    const offsets = billBackOffsets(
      [open('SDB-1', '-30.00'), open('SDB-2', '-50.00'), open('SDB-3', '-40.00'), open('SDB-4', '-10.00')],
      '100.00',
      'USD',
    );

    expect(offsets).toEqual([
      { billBackId: 'SDB-1', amount: '30.00' },
      { billBackId: 'SDB-2', amount: '50.00' },
    ]);
  });
});
