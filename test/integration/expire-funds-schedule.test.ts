import type { Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { newFund } from '../../domain/funds/fund';
import { newFundRequest, requestMovedTo } from '../../domain/funds/fund-request';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import { DynamoFundStore } from '../../functions/adapters/dynamo-fund-store';
import { loadConfig } from '../../functions/shared/config';
import { createTestTable } from '../support/test-table';

let store: DynamoFundStore;
let handler: (event: unknown, context: Context) => Promise<{ requestsExpired: number; fundsExpired: number }>;
const by = { userId: 'u-cm', role: 'channel_manager' as const };

beforeAll(async () => {
  await createTestTable();
  Object.assign(process.env, { UPLOADS_BUCKET: 'chrm-test-uploads' });
  const config = loadConfig();
  store = new DynamoFundStore(createDocumentClient(config), config.TABLE_NAME);
  handler = (await import('../../functions/schedule/expire-funds')).handler as typeof handler;
});

describe('the daily fund expiry Lambda', () => {
  it('run for 2026-04-02 by its schedule: the approved request due 2026-04-01 expires, the fund releases 1,000.00 as expired', async () => {
    const fund = newFund(
      {
        kind: 'discretionary',
        partnerId: 'P1',
        name: 'MDF Q1',
        period: 'FY2026-Q1',
        currency: 'EUR',
        amount: '1000.00',
        validFrom: '2026-01-01',
        validTo: '2026-03-31',
        claimWindowDays: 1,
      },
      { fundId: 'FND-SCHED', allocated: 100_000n, by, at: '2026-01-01T00:00:00.000Z' },
    );
    await store.createFund(fund, {
      movementId: 'allocation-FND-SCHED',
      fundId: fund.fundId,
      kind: 'allocation',
      amount: '1000.00',
      at: '2026-01-01T00:00:00.000Z',
      by,
      note: 'MDF budget',
    });
    const request = newFundRequest(
      fund,
      {
        fundId: fund.fundId,
        activityType: 'digital',
        description: 'Banner ads',
        startDate: '2026-03-01',
        endDate: '2026-03-31',
        plannedCost: '400.00',
        sharePercent: '50',
      },
      {
        requestId: 'FRQ-SCHED',
        plannedCost: 40_000n,
        by: { userId: 'u-p1', role: 'partner' },
        at: '2026-02-01T00:00:00.000Z',
      },
    );
    await store.createRequest(request);
    const approved = requestMovedTo(request, 'approved', {
      by,
      at: '2026-02-02T00:00:00.000Z',
      amount: '200.00',
    });
    expect(
      await store.commit({
        fund: {
          fundId: fund.fundId,
          expectedStatus: 'active',
          delta: { reserved: 20_000n, claimed: 0n, expired: 0n },
          limit: 80_000n,
        },
        request: { next: approved, expected: 'submitted' },
        movements: [],
      }),
    ).toBe('committed');

    const context = { getRemainingTimeInMillis: () => 60_000 } as Context;
    const report = await handler({ scheduledAt: '2026-04-02T00:15:00Z' }, context);
    expect(report).toEqual({ requestsExpired: 1, fundsExpired: 1 });
    expect(await store.getRequest('FRQ-SCHED')).toMatchObject({ status: 'expired' });
    expect((await store.getFund('FND-SCHED'))?.balances).toEqual({
      allocated: 100_000n,
      reserved: 0n,
      claimed: 0n,
      expired: 100_000n,
    });
    expect(await handler({ scheduledAt: '2026-04-03T00:15:00Z' }, context)).toEqual({
      requestsExpired: 0,
      fundsExpired: 0,
    });
  });
});
