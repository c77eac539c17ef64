import { describe, expect, it } from 'vitest';
import type { StoredLine } from '../../../domain/channel-files/ports';
import type { FundRequest } from '../../../domain/funds/fund-request';
import { fundRoi, sameDayYearBefore } from '../../../domain/funds/fund-roi';
import { NotFoundError, ValidationError } from '../../../domain/shared/errors';
import type { PageRequest } from '../../../domain/shared/ports';
import { channelManager, partnerUser } from '../../support/actors';
import { fundDeps } from './fund-deps';

const request = (
  requestId: string,
  fields: Pick<FundRequest, 'activityType' | 'startDate' | 'endDate' | 'status'> & Partial<FundRequest>,
): FundRequest => ({
  requestId,
  fundId: 'FND-1',
  partnerId: 'P1',
  currency: 'USD',
  description: requestId,
  plannedCost: '2000.00',
  sharePercent: '50',
  requestedAmount: '1000.00',
  approvedAmount: '1000.00',
  claimBy: '2026-06-30',
  submittedBy: { userId: 'u-P1', role: 'partner' },
  submittedAt: '2026-01-05T10:00:00.000Z',
  history: [],
  version: 2,
  ...fields,
});

const sale = (
  partnerId: string,
  invoiceDate: string,
  extendedAmount: string,
  currency = 'USD',
): StoredLine => ({
  partnerId,
  sourceFileId: 'F-1',
  invoiceNumber: `INV-${invoiceDate}-${extendedAmount}`,
  invoiceLine: '1',
  invoiceDate,
  sku: 'WIDGET-1',
  quantity: '1',
  extendedAmount,
  currency,
});

/** POS lines served like the sales-by-month index: by partner and invoice month, paged by 2. */
function salesByMonth(lines: readonly StoredLine[]) {
  const months: string[] = [];
  return {
    months,
    salesInMonth: async (partnerId: string, month: string, page: PageRequest) => {
      if (page.cursor === undefined) months.push(`${partnerId} ${month}`);
      const matching = lines.filter(
        (line) => line.partnerId === partnerId && String(line.invoiceDate).startsWith(month),
      );
      const start = Number(page.cursor ?? 0);
      return {
        items: matching.slice(start, start + 2),
        ...(start + 2 < matching.length ? { nextCursor: String(start + 2) } : {}),
      };
    },
  };
}

function setup() {
  const { funds } = fundDeps();
  for (const each of [
    request('FRQ-A', {
      activityType: 'advertising',
      startDate: '2026-03-10',
      endDate: '2026-03-12',
      status: 'approved',
      approvedAmount: '500.00',
    }),
    request('FRQ-B', {
      activityType: 'advertising',
      startDate: '2026-03-12',
      endDate: '2026-03-13',
      status: 'closed',
      approvedAmount: '300.00',
    }),
    request('FRQ-C', {
      activityType: 'event',
      startDate: '2026-04-01',
      endDate: '2026-04-01',
      status: 'claimed',
    }),
    // Not funded, or not P1's: left out.
    request('FRQ-D', {
      activityType: 'training',
      startDate: '2026-03-10',
      endDate: '2026-03-12',
      status: 'rejected',
    }),
    request('FRQ-E', {
      activityType: 'digital',
      startDate: '2026-03-10',
      endDate: '2026-03-12',
      status: 'submitted',
    }),
    request('FRQ-F', {
      activityType: 'advertising',
      startDate: '2026-05-01',
      endDate: '2026-05-02',
      status: 'approved',
      partnerId: 'P2',
    }),
  ])
    funds.requests.set(each.requestId, each);
  const sales = salesByMonth([
    sale('P1', '2026-03-11', '1000.00'),
    sale('P1', '2026-03-12', '250.50'),
    sale('P1', '2026-03-13', '80.00', 'EUR'),
    sale('P1', '2026-03-14', '999.00'),
    sale('P1', '2025-03-10', '400.00'),
    sale('P1', '2025-03-13', '-50.00'),
    sale('P1', '2025-03-20', '7.00'),
    sale('P1', '2026-04-01', '300.00'),
    sale('P1', '2025-04-01', '500.00'),
    sale('P2', '2026-03-11', '5000.00'),
  ]);
  return { deps: { funds, sales }, sales };
}

describe('ROI per activity type', () => {
  it('advertising 10–13 March (two overlapping activities, 4 days): 1,250.50 USD and 80.00 EUR against 350.00 USD a year before; event 1 April: 300.00 against 500.00', async () => {
    const { deps, sales } = setup();
    const report = await fundRoi(deps, partnerUser('P1'), {});
    expect([...sales.months].sort()).toEqual(['P1 2025-03', 'P1 2025-04', 'P1 2026-03', 'P1 2026-04']);
    expect(report).toEqual({
      partnerId: 'P1',
      items: [
        {
          activityType: 'advertising',
          activities: 2,
          days: 4,
          funded: [{ amount: '800.00', currency: 'USD' }],
          sales: [
            { amount: '80.00', currency: 'EUR' },
            { amount: '1250.50', currency: 'USD' },
          ],
          salesYearBefore: [{ amount: '350.00', currency: 'USD' }],
          change: [
            { amount: '80.00', currency: 'EUR' },
            { amount: '900.50', currency: 'USD' },
          ],
        },
        {
          activityType: 'event',
          activities: 1,
          days: 1,
          funded: [{ amount: '1000.00', currency: 'USD' }],
          sales: [{ amount: '300.00', currency: 'USD' }],
          salesYearBefore: [{ amount: '500.00', currency: 'USD' }],
          change: [{ amount: '-200.00', currency: 'USD' }],
        },
      ],
    });
    expect(await fundRoi(deps, channelManager, { partnerId: 'P1' })).toEqual(report);
  });

  it('staff name the partner (400 otherwise); a partner naming another is 404', async () => {
    const { deps, sales } = setup();
    await expect(fundRoi(deps, channelManager, {})).rejects.toThrow(ValidationError);
    await expect(fundRoi(deps, partnerUser('P2'), { partnerId: 'P1' })).rejects.toThrow(NotFoundError);
    expect(sales.months).toEqual([]);
  });

  it('a year before 29 February 2028 is 28 February 2027', () => {
    expect(sameDayYearBefore('2028-02-29')).toBe('2027-02-28');
    expect(sameDayYearBefore('2026-03-01')).toBe('2025-03-01');
  });
});
