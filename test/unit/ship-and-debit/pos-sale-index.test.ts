import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DebitClaimLine,
  invoiceLineKey,
  invoiceLineKeyHash,
} from '../../../domain/ship-and-debit/debit-claim-line';
import { hashOf, KeyFilter } from '../../../domain/ship-and-debit/key-filter';
import { type PosSale, PosSaleIndex } from '../../../domain/ship-and-debit/pos-sale-index';

// Few distinct values, so that invoices, lines, customers and dates repeat and collide across lines.
const pick = (...values: string[]) => fc.constantFrom(...values);
const quantity = fc.integer({ min: -50, max: 200 });
const sale: fc.Arbitrary<PosSale> = fc.record(
  {
    invoiceNumber: pick('INV-1', 'INV-2', 'INV-3'),
    invoiceLine: pick('1', '2', '3'),
    endCustomerId: pick('EC-1', 'EC-2'),
    productSku: pick('SKU-1', 'SKU-2', 'SKU-3'),
    shipDate: pick('2026-11-01', '2026-11-02', '2026-11-03'),
    quantity,
  },
  { requiredKeys: ['invoiceNumber', 'endCustomerId', 'productSku', 'shipDate', 'quantity'] },
);
const claimLine = fc.tuple(sale, fc.integer({ min: 1, max: 200 })).map(
  ([each, claimed]): DebitClaimLine => ({
    ...each,
    lineNumber: 1,
    authorizationNumber: 'DA-1',
    quantity: claimed,
    bookCost: '1.00',
    authorizedCost: '0.50',
    amount: '0.50',
  }),
);

/** The rule `backs` states, by scanning every sale: the reference the index must agree with. */
function backedByScan(line: DebitClaimLine, sales: readonly PosSale[], tolerance: number): boolean {
  const net = (matches: (each: PosSale) => boolean) => {
    const found = sales.filter(matches);
    return found.length === 0 ? undefined : found.reduce((sum, each) => sum + each.quantity, 0);
  };
  const within = (sold: number | undefined) =>
    sold !== undefined && sold !== 0 && Math.abs(sold - line.quantity) * 10_000 <= line.quantity * tolerance;
  const sameInvoice = (each: PosSale) =>
    each.invoiceNumber === line.invoiceNumber &&
    (line.invoiceLine === undefined
      ? each.productSku === line.productSku
      : each.invoiceLine === line.invoiceLine);
  const sameResale = (each: PosSale) =>
    each.endCustomerId === line.endCustomerId &&
    each.productSku === line.productSku &&
    each.shipDate === line.shipDate;
  return within(net(sameInvoice)) || within(net(sameResale));
}

describe('POS sale index and key filters', () => {
  it('backs a claim line exactly when a scan of every sale does, whatever repeats in the claim and the POS data, by position or not', () => {
    fc.assert(
      fc.property(
        fc.array(claimLine, { minLength: 1, maxLength: 12 }),
        fc.array(sale, { maxLength: 30 }),
        fc.constantFrom(0, 500, 10_000),
        (lines, sales, tolerance) => {
          const index = PosSaleIndex.of(lines, sales);
          lines.forEach((line, position) => {
            const backed = backedByScan(line, sales, tolerance);
            expect(index.backs(line, tolerance)).toBe(backed);
            // Found by its position; a position holding another line falls back to the lookup by invoice.
            expect(index.backs(line, tolerance, position)).toBe(backed);
            expect(index.backs(line, tolerance, (position + 1) % lines.length)).toBe(backed);
          });
        },
      ),
    );
  });

  it('hashes an invoice line from its parts as its key string hashes, so the filter of earlier claims finds it', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.option(fc.string(), { nil: undefined }),
        fc.string(),
        (invoice, line, sku) => {
          const parts = {
            invoiceNumber: invoice,
            productSku: sku,
            ...(line === undefined ? {} : { invoiceLine: line }),
          };
          expect(invoiceLineKeyHash(parts)).toBe(hashOf(invoiceLineKey(parts)));
        },
      ),
    );
  });

  it('never answers "surely not" for a key it was given', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string(), { maxLength: 200 }), (keys) => {
        const filter = new KeyFilter(keys.length);
        for (const key of keys) filter.add(hashOf(key));
        expect(keys.every((key) => filter.mayHave(hashOf(key)))).toBe(true);
      }),
    );
  });
});
