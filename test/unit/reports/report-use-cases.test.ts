import { describe, expect, it } from 'vitest';
import type { ChannelFileData } from '../../../domain/channel-files/channel-file';
import type { ClaimFilter } from '../../../domain/claims/ports';
import type { PartnerData } from '../../../domain/partners/partner';
import {
  claimsAgeingReport,
  liabilitiesReport,
  performanceReport,
  type ReportDeps,
  scorecardReport,
  topPartnersReport,
} from '../../../domain/reports/report-use-cases';
import { ForbiddenError, NotFoundError, ValidationError } from '../../../domain/shared/errors';
import type { PageRequest, Stored } from '../../../domain/shared/ports';
import { finance, partnerUser } from '../../support/actors';
import { InMemoryRecordStore } from '../../support/in-memory-record-store';
import { InMemorySalesSummaries } from '../../support/in-memory-sales-summaries';
import { InMemoryAccrualLedger } from '../accrual-runs/fakes';
import { claim } from '../claims/builders';
import { InMemoryClaimStore } from '../claims/fakes';
import { posting } from '../ledger/builders';

function partner(partnerId: string): Stored<PartnerData> {
  return {
    partnerId,
    name: partnerId,
    partnerType: 'distributor',
    region: 'US-WEST',
    country: 'US',
    currency: 'USD',
    status: 'active',
    sites: [],
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

/** P1 and P2 each earned in PRG-1 and have one open claim and March sales. */
async function twoPartners() {
  const partners = new InMemoryRecordStore<PartnerData>((record) => record.partnerId);
  await partners.create(partner('P1'));
  await partners.create(partner('P2'));
  const claims = new InMemoryClaimStore();
  await claims.create(claim({ claimId: 'C1', partnerId: 'P1' }));
  await claims.create(claim({ claimId: 'C2', partnerId: 'P2', amountClaimed: '7.00' }));
  const salesSummaries = new InMemorySalesSummaries();
  const cell = { category: 'A', currency: 'USD' as const, quantity: '1', revenue: '10.00', lines: 1 };
  await salesSummaries.replaceMonth('2026-03', [
    { month: '2026-03', partnerId: 'P1', cells: [cell], products: [] },
    { month: '2026-03', partnerId: 'P2', cells: [cell], products: [] },
  ]);
  const deps: ReportDeps = {
    liabilities: new InMemoryAccrualLedger().seed(
      posting('accrual', { beneficiaryPartnerId: 'P1', partnerId: 'P1', amount: '100.00', postingId: 'A1' }),
      posting('accrual', { beneficiaryPartnerId: 'P2', partnerId: 'P2', amount: '300.00', postingId: 'A2' }),
    ),
    partners,
    claims,
    claimQueries: {
      async list(filter: ClaimFilter, page: PageRequest) {
        const all = await Promise.all(
          ['validated', 'paid'].map((status) => claims.withStatus(status as 'validated')),
        );
        const items = all.flat().filter((item) => item.partnerId === filter.partnerId);
        return page.cursor === undefined ? { items } : { items: [] };
      },
    },
    files: new InMemoryRecordStore<ChannelFileData>(
      (file) => file.fileId,
      (file) => file.partnerId,
    ),
    salesSummaries,
    inventorySnapshots: { ofMonth: async () => [] },
  };
  return deps;
}

describe('report access', () => {
  it('staff see every partner’s liabilities; a partner only its own, and asking for another is 404', async () => {
    const deps = await twoPartners();

    const staff = await liabilitiesReport(deps, finance, {});
    const own = await liabilitiesReport(deps, partnerUser('P1'), {});

    expect(staff.rows.map((row) => [row.partnerId, row.balance])).toEqual([
      ['P1', '100.00'],
      ['P2', '300.00'],
    ]);
    expect(own.rows.map((row) => row.partnerId)).toEqual(['P1']);
    await expect(liabilitiesReport(deps, partnerUser('P1'), { partnerId: 'P2' })).rejects.toThrow(
      NotFoundError,
    );
  });

  it('claims ageing: staff see both partners’ open claims, a partner its own', async () => {
    const deps = await twoPartners();
    const asOf = '2026-04-10';

    const staff = await claimsAgeingReport(deps, finance, { asOf });
    const own = await claimsAgeingReport(deps, partnerUser('P2'), { asOf });

    expect(staff.totals).toEqual([{ currency: 'USD', bucket: '0-30', claims: 2, amount: '107.00' }]);
    expect(own.totals).toEqual([{ currency: 'USD', bucket: '0-30', claims: 1, amount: '7.00' }]);
  });

  it('a scorecard of another partner, or of a partner not in master data, is 404', async () => {
    const deps = await twoPartners();
    const window = { from: '2026-03', to: '2026-03' };

    const own = await scorecardReport(deps, partnerUser('P1'), { ...window, partnerId: 'P1' });

    expect(own.sales).toMatchObject([{ currency: 'USD', revenue: '10.00', growth: null }]);
    await expect(scorecardReport(deps, partnerUser('P1'), { ...window, partnerId: 'P2' })).rejects.toThrow(
      NotFoundError,
    );
    await expect(scorecardReport(deps, finance, { ...window, partnerId: 'NOPE' })).rejects.toThrow(
      NotFoundError,
    );
  });

  it('rankings across partners are for staff only', async () => {
    const deps = await twoPartners();

    const top = await topPartnersReport(deps, finance, { by: 'earned', limit: 1 });
    const performance = await performanceReport(deps, finance, {
      from: '2026-03',
      to: '2026-03',
      by: 'partnerType',
    });

    expect(top).toEqual([{ currency: 'USD', rank: 1, partnerId: 'P2', earned: '300.00' }]);
    expect(
      await topPartnersReport(deps, finance, { by: 'revenue', from: '2026-03', to: '2026-03', limit: 1 }),
    ).toEqual([{ currency: 'USD', rank: 1, partnerId: 'P1', revenue: '10.00' }]);
    expect(performance).toMatchObject([{ group: 'distributor', revenue: '20.00', partners: 2 }]);
    await expect(topPartnersReport(deps, partnerUser('P1'), { by: 'earned', limit: 5 })).rejects.toThrow(
      ForbiddenError,
    );
    await expect(
      performanceReport(deps, partnerUser('P1'), { from: '2026-03', to: '2026-03', by: 'region' }),
    ).rejects.toThrow(ForbiddenError);
  });

  it('ranking by revenue needs a window of months and takes no program: the fields at fault are named', async () => {
    const deps = await twoPartners();

    const refused = topPartnersReport(deps, finance, {
      by: 'revenue',
      programId: 'PRG-1',
      to: '2026-03',
      limit: 5,
    });

    await expect(refused).rejects.toThrow(ValidationError);
    await expect(refused).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: 'from' }), expect.objectContaining({ path: 'programId' })],
    });
  });

  it("a scorecard reads the partner's snapshots of the month before the window through its end", async () => {
    const deps = await twoPartners();
    const months: string[] = [];
    const onHand = { '2026-01': '4', '2026-03': '3' } as Record<string, string>;
    const withSnapshots: ReportDeps = {
      ...deps,
      inventorySnapshots: {
        async ofMonth(partnerId, month) {
          months.push(`${partnerId}:${month}`);
          const quantityOnHand = onHand[month];
          if (quantityOnHand === undefined) return [];
          const asOfDate = `${month}-28`;
          return [
            {
              partnerId,
              sourceFileId: 'F',
              sourceLineNumber: 1,
              sku: 'SKU-1',
              asOfDate,
              uom: 'EA',
              quantityOnHand,
            },
          ];
        },
      },
    };

    const scorecard = await scorecardReport(withSnapshots, finance, {
      from: '2026-02',
      to: '2026-03',
      partnerId: 'P1',
    });

    expect(months.sort()).toEqual(['P1:2026-01', 'P1:2026-02', 'P1:2026-03']);
    expect(scorecard.inventoryVariance).toMatchObject({
      skusCompared: 1,
      computedUnits: '4',
      reportedUnits: '3',
    });
  });
});
