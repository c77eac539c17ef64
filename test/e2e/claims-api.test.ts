import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { fundCreditsCompleteKey } from '../../functions/adapters/claim-fund-credits';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import { coopAdjustment } from './coop-claim';
import { localStackPerFile } from './local-api';

const local = localStackPerFile('programs');
const { api } = local;

const token = (user: string) => ({ token: local.stack.tokens[user] });
const north = () => token('demo-partner-dist-north');
const checkbookPath = '/partners/DIST-NORTH/checkbook?programId=COOP-2026';

/** DIST-NORTH's co-op checkbook period 2026-03 in USD, as finance reads it. */
async function coopMarch() {
  const books = (await api('GET', checkbookPath, token('demo-finance'))).json.items;
  const book = books.find(
    (each: { fund: string; currency: string }) => each.fund === 'coop' && each.currency === 'USD',
  );
  return book?.periods.find((period: { period: string }) => period.period === '2026-03');
}

const claimOf = (amount: string, reference: string, extra: Record<string, unknown> = {}) => ({
  type: 'rebate',
  programId: 'COOP-2026',
  period: '2026-03',
  fund: 'coop',
  currency: 'USD',
  lines: [{ amount, reference, evidence: ['s3://evidence/booth-invoice.pdf'] }],
  ...extra,
});

/** The partner's claims listed as in approval, once the workflow has taken `claimId` in (or after 10 s). */
async function claimIdsInApproval(claimId: string): Promise<string[]> {
  let ids: string[] = [];
  for (let attempt = 0; attempt < 200; attempt++) {
    const listed = await api('GET', '/claims?status=inApproval', north());
    ids = listed.json.items.map((claim: { claimId: string }) => claim.claimId);
    if (ids.includes(claimId)) return ids;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return ids;
}

describe('claims', () => {
  it('a partner submits a claim and sees it validated, its amount reserved in the checkbook', async () => {
    // A balance to claim from: an approved manual adjustment of 500.00 co-op.
    const adjustment = coopAdjustment('500.00', 'Co-op fund for the claims test');
    const requested = await api('POST', '/adjustments', { ...token('demo-finance'), body: adjustment });
    const approved = await api('POST', `/adjustments/${requested.json.adjustmentId}/decision`, {
      ...token('demo-approver'),
      headers: { 'if-match': '"1"' },
      body: { decision: 'approve' },
    });
    expect(approved.json.status).toBe('approved');
    const before = await coopMarch();

    const submitted = await api('POST', '/claims', {
      ...north(),
      headers: { 'idempotency-key': 'booth-2026-03' },
      body: claimOf('120.5', 'BOOTH-2026-03'),
    });
    expect(submitted.status).toBe(201);
    expect(submitted.json).toMatchObject({
      status: 'validated',
      amountClaimed: '120.50',
      partnerId: 'DIST-NORTH',
    });
    const again = await api('POST', '/claims', {
      ...north(),
      headers: { 'idempotency-key': 'booth-2026-03' },
      body: claimOf('120.50', 'BOOTH-2026-03'),
    });
    expect(again.status).toBe(200);
    expect(again.json.claimId).toBe(submitted.json.claimId);

    // A validated claim goes on into approval by itself (ClaimSubmitted → the approval workflow).
    const read = await api('GET', `/claims/${submitted.json.claimId}`, north());
    expect(['validated', 'inApproval']).toContain(read.json.status);
    const after = await coopMarch();
    expect(after.reserved).toBe(new Decimal(before.reserved).plus('120.50').toFixed(2));
    expect(after.availableToClaim).toBe(new Decimal(before.availableToClaim).minus('120.50').toFixed(2));
    expect(await claimIdsInApproval(submitted.json.claimId)).toContain(submitted.json.claimId);
  });

  it('an over-claim is refused with its reason; malformed amounts are 400s with the field', async () => {
    const { availableToClaim } = await coopMarch();
    const over = await api('POST', '/claims', {
      ...north(),
      body: claimOf(new Decimal(availableToClaim).plus('0.01').toFixed(2), 'OVER-1'),
    });
    expect(over.status).toBe(201);
    expect(over.json.status).toBe('validationFailed');
    expect(over.json.validationFailures.map((failure: { code: string }) => failure.code)).toEqual([
      'exceedsAvailable',
    ]);
    expect((await coopMarch()).availableToClaim).toBe(availableToClaim);
    for (const amount of ['-5.00', '1.234', '0']) {
      const bad = await api('POST', '/claims', { ...north(), body: claimOf(amount, 'BAD-1') });
      expect(bad.status).toBe(400);
      expect(bad.json.errors.map((error: { path: string }) => error.path)).toEqual(['lines.0.amount']);
    }
  });

  it('another partner cannot read it (404) nor list it; an approver may not submit (403)', async () => {
    const mine = (await api('GET', '/claims', north())).json.items;
    const claimId = mine[0].claimId;
    const acme = token('demo-partner-res-acme');
    const other = await api('GET', `/claims/${claimId}`, acme);
    expect(other.status).toBe(404);
    expect((await api('GET', '/claims?partnerId=DIST-NORTH', acme)).json.items).toEqual([]);
    expect(
      (await api('POST', '/claims', { ...acme, body: claimOf('1.00', 'X', { partnerId: 'DIST-NORTH' }) }))
        .status,
    ).toBe(403);
    expect(
      (
        await api('POST', '/claims', {
          ...token('demo-approver'),
          body: claimOf('1.00', 'X', { partnerId: 'DIST-NORTH' }),
        })
      ).status,
    ).toBe(403);
    expect(
      (await api('POST', '/claims/bulk', { ...north(), body: { programId: 'COOP-2026', period: '2026-03' } }))
        .status,
    ).toBe(403);
  });

  it('a channel manager submits on the partner’s behalf; finance claims the rest in bulk', async () => {
    const onBehalf = await api('POST', '/claims', {
      ...token('demo-channel-manager'),
      body: claimOf('10.00', 'CM-1', { partnerId: 'DIST-NORTH' }),
    });
    expect(onBehalf.status).toBe(201);
    expect(onBehalf.json).toMatchObject({
      status: 'validated',
      partnerId: 'DIST-NORTH',
      submittedBy: { role: 'channel_manager' },
    });
    const staffList = await api(
      'GET',
      '/claims?partnerId=DIST-NORTH&programId=COOP-2026',
      token('demo-finance'),
    );
    expect(staffList.json.items.length).toBeGreaterThanOrEqual(3);

    const bulk = await api('POST', '/claims/bulk', {
      ...token('demo-finance'),
      body: { programId: 'COOP-2026', period: '2026-03' },
    });
    expect(bulk.status).toBe(200);
    const north = bulk.json.created.find((claim: { partnerId: string }) => claim.partnerId === 'DIST-NORTH');
    expect(north).toBeDefined();
    expect((await coopMarch()).availableToClaim).toBe('0.00');
    const repeat = await api('POST', '/claims/bulk', {
      ...token('demo-finance'),
      body: { programId: 'COOP-2026', period: '2026-03' },
    });
    expect(repeat.json.created).toEqual([]);
  });

  it('a table npm start creates has the fund credit upgrade complete, so claims read fund credits from their items', async () => {
    const table = {
      TABLE_NAME: local.stack.tableName,
      AWS_REGION: 'us-east-1',
      DYNAMODB_ENDPOINT: local.stack.endpoints.dynamoDb,
    };
    const { Item } = await createDocumentClient(table).send(
      new GetCommand({ TableName: table.TABLE_NAME, Key: fundCreditsCompleteKey, ConsistentRead: true }),
    );
    expect(Item?.completedAt).toEqual(expect.any(String));
  });
});
