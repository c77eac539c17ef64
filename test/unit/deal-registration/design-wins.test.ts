import { describe, expect, it } from 'vitest';
import type { StoredLine } from '../../../domain/channel-files/ports';
import { designWinReport } from '../../../domain/deal-registration/design-wins';
import { NotFoundError, StateConflictError } from '../../../domain/shared/errors';
import type { PageRequest } from '../../../domain/shared/ports';
import { channelManager, partnerUser } from '../../support/actors';
import { registration, wonRegistration } from './builders';
import { dealDeps } from './fakes';

const won = wonRegistration();

const sale = (
  invoiceNumber: string,
  invoiceDate: string,
  sku: string,
  quantity: string,
  amount: string,
  endCustomerName: string,
  currency = 'USD',
): StoredLine => ({
  partnerId: 'P1',
  sourceFileId: 'F-1',
  invoiceNumber,
  invoiceLine: '1',
  invoiceDate,
  sku,
  quantity,
  extendedAmount: amount,
  currency,
  endCustomerName,
});

/** P1's POS lines, served like the product-sales index: by partner, product and invoice-date range, paged by 2. */
function salesIndex(lines: readonly StoredLine[]) {
  const reads: string[] = [];
  return {
    reads,
    salesOfProduct: async (partnerId: string, sku: string, from: string, to: string, page: PageRequest) => {
      reads.push(`${partnerId} ${sku} ${from}..${to}`);
      const matching = lines.filter(
        (line) =>
          line.partnerId === partnerId &&
          line.sku === sku &&
          String(line.invoiceDate) >= from &&
          String(line.invoiceDate) <= to,
      );
      const start = Number(page.cursor ?? 0);
      const next = start + 2;
      return {
        items: matching.slice(start, next),
        ...(next < matching.length ? { nextCursor: String(next) } : {}),
      };
    },
  };
}

describe('design-win credit report', () => {
  it('credits lines to "Acme" however spelled, in the window: 30 − 5 + 12 + 10 + 1 = 48 units; 2,100.00 − 350.00 + 800.00 + 99.99 = 2,649.99 USD, 10.00 EUR apart', async () => {
    const { deps, store } = dealDeps();
    store.registrations.set(won.registrationId, won);
    const sales = salesIndex([
      sale('INV-1', '2026-03-02', 'WIDGET-1', '30', '2100.00', 'Acme, Inc.'),
      sale('INV-2', '2026-04-10', 'WIDGET-1', '-5', '-350.00', 'ACME'),
      sale('INV-3', '2026-05-30', 'WIDGET-1', '12', '800.00', 'acme inc'),
      sale('INV-4', '2026-04-11', 'WIDGET-1', '10', '99.99', 'The Acme Corporation'),
      sale('INV-5', '2026-04-12', 'WIDGET-1', '1', '10.00', 'Acme GmbH', 'EUR'),
      // Not credited: another customer, before approval, after protection, another partner.
      sale('INV-6', '2026-04-12', 'WIDGET-1', '7', '700.00', 'Acme Rockets Ltd'),
      sale('INV-7', '2026-03-01', 'WIDGET-1', '7', '700.00', 'Acme'),
      sale('INV-8', '2026-05-31', 'WIDGET-1', '7', '700.00', 'Acme'),
      { ...sale('INV-9', '2026-04-12', 'WIDGET-1', '7', '700.00', 'Acme'), partnerId: 'P2' },
    ]);
    const report = await designWinReport({ ...deps, sales }, partnerUser('P1'), 'DR-WON1');
    // One index query per product, page after page (6 WIDGET-1 lines of P1 in the window: 3 pages of 2).
    expect([...sales.reads].sort()).toEqual([
      'P1 GADGET-2 2026-03-02..2026-05-30',
      'P1 WIDGET-1 2026-03-02..2026-05-30',
      'P1 WIDGET-1 2026-03-02..2026-05-30',
      'P1 WIDGET-1 2026-03-02..2026-05-30',
    ]);
    expect(report.window).toEqual({ from: '2026-03-02', to: '2026-05-30' });
    expect(report.lines.map((line) => line.invoiceNumber)).toEqual([
      'INV-1',
      'INV-2',
      'INV-4',
      'INV-5',
      'INV-3',
    ]);
    expect(report.totals).toEqual([
      {
        sku: 'WIDGET-1',
        quantity: '48',
        revenue: [
          { amount: '10.00', currency: 'EUR' },
          { amount: '2649.99', currency: 'USD' },
        ],
      },
      { sku: 'GADGET-2', quantity: '0', revenue: [] },
    ]);
  });

  it('a registration never protected has no window (409); another partner’s is not found', async () => {
    const { deps, store } = dealDeps();
    const { protectedUntil: _never, ...draft } = registration({
      registrationId: 'DR-DRAFT',
      status: 'draft',
    });
    store.registrations.set('DR-DRAFT', draft);
    store.registrations.set(won.registrationId, won);
    const sales = salesIndex([]);
    await expect(designWinReport({ ...deps, sales }, channelManager, 'DR-DRAFT')).rejects.toThrow(
      StateConflictError,
    );
    await expect(designWinReport({ ...deps, sales }, partnerUser('P2'), 'DR-WON1')).rejects.toThrow(
      NotFoundError,
    );
    expect(sales.reads).toEqual([]);
  });
});
