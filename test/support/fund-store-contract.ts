import { beforeAll, describe, expect, it } from 'vitest';
import type { Fund } from '../../domain/funds/fund';
import type { FundRequest } from '../../domain/funds/fund-request';
import type { FundMovement, FundStore, FundTransaction } from '../../domain/funds/ports';
import type { FundClaim } from '../../domain/funds/proof-of-performance';
import { ownIds } from './contract-pages';

const by = { userId: 'u-cm', role: 'channel_manager' } as const;
const partnerActor = { userId: 'u-p1', role: 'partner' } as const;

/** An active USD fund of `partnerId` holding 1,000.00, created at `createdAt`, expiring on `expiresOn`. */
function fund(fundId: string, partnerId: string, createdAt: string, expiresOn = '2026-08-29'): Fund {
  return {
    fundId,
    kind: 'discretionary',
    partnerId,
    name: `MDF ${fundId}`,
    period: 'FY2026',
    currency: 'USD',
    validFrom: '2026-01-01',
    validTo: '2026-06-30',
    expiry: { claimWindowDays: 60 },
    expiresOn,
    status: 'active',
    balances: { allocated: 100_000n, reserved: 0n, claimed: 0n, expired: 0n },
    allocatedBy: by,
    createdAt,
  };
}

function movement(fundId: string, movementId: string, at: string, amount = '1000.00'): FundMovement {
  return { movementId, fundId, kind: 'allocation', amount, at, by, note: 'allocated' };
}

/** A submitted request for 100.00 of `fundId`, its activity ending on `endDate` (its due date while submitted). */
function request(
  requestId: string,
  fundId: string,
  partnerId: string,
  submittedAt: string,
  endDate = '2026-04-30',
): FundRequest {
  return {
    requestId,
    fundId,
    partnerId,
    currency: 'USD',
    activityType: 'digital',
    description: 'Search ads',
    startDate: '2026-04-01',
    endDate,
    plannedCost: '200.00',
    sharePercent: '50',
    requestedAmount: '100.00',
    claimBy: '2026-06-29',
    status: 'submitted',
    submittedBy: partnerActor,
    submittedAt,
    history: [{ at: submittedAt, by: partnerActor, from: null, to: 'submitted' }],
    version: 1,
  };
}

function fundClaim(fundClaimId: string, fundId: string, partnerId: string, submittedAt: string): FundClaim {
  return {
    fundClaimId,
    requestId: `${fundClaimId}-REQ`,
    fundId,
    partnerId,
    currency: 'USD',
    actualCost: '200.00',
    payable: '100.00',
    amountClaimed: '100.00',
    evidence: [`partners/${partnerId}/invoice.pdf`],
    status: 'submitted',
    submittedBy: partnerActor,
    submittedAt,
    version: 1,
  };
}

/** The fund part of a transaction that moves no money (a request rejected, a claim submitted). */
const unchanged = (fundId: string): FundTransaction['fund'] => ({
  fundId,
  expectedStatus: 'active',
  delta: { reserved: 0n, claimed: 0n, expired: 0n },
});

/** A reservation of `amount` minor units on an active fund, under the limit the domain computes. */
const reservation = (fundId: string, amount: bigint, limit: bigint, movementId: string): FundTransaction => ({
  fund: {
    fundId,
    expectedStatus: 'active',
    delta: { reserved: amount, claimed: 0n, expired: 0n },
    limit,
  },
  movements: [{ ...movement(fundId, movementId, '2026-03-02T09:00:00.000Z', '100.00'), kind: 'reservation' }],
});

/**
 * The FundStore contract, run against the in-memory fake (unit suite) and the DynamoDB adapter (integration
 * suite): funds and requests created once, read back exactly; a commit applies the fund's delta, the
 * request's and claim's new versions and the movements together or nothing (conflict: status, version, a
 * movement posted already; insufficientFunds: over the limit); listings oldest first in the order of the
 * index sort keys (created or submitted time, then id), expiry and due listings by date then id, only what is
 * open. Listings are read for this contract's own ids, as the table may hold other tests' funds.
 */
export function fundStoreContract(label: string, open: () => Promise<FundStore>) {
  describe(`${label} keeps the FundStore contract`, () => {
    let store: FundStore;

    beforeAll(async () => {
      store = await open();
    });

    it('creates a fund once with its allocation, and reads back exactly what it stored', async () => {
      const created = fund('CF-ONCE', 'CP1', '2026-03-01T09:00:00.000Z');
      const allocation = movement('CF-ONCE', 'allocation', created.createdAt);
      expect(await store.createFund(created, allocation)).toBe(true);
      expect(await store.createFund({ ...created, name: 'Again' }, allocation)).toBe(false);
      expect(await store.getFund('CF-ONCE')).toEqual(created);
      expect(await store.movementsOf('CF-ONCE')).toEqual([allocation]);
      expect(await store.getFund('CF-NONE')).toBeUndefined();
    });

    it('commits a reservation under its limit with its movement; over the limit, or stale, nothing changes', async () => {
      const created = fund('CF-RES', 'CP1', '2026-03-01T09:00:00.000Z');
      await store.createFund(created, movement('CF-RES', 'allocation', created.createdAt));
      // 1,000.00 allocated: 600.00 fits (drawn 0 ≤ 400.00), another 600.00 does not (drawn 600.00 > 400.00).
      expect(await store.commit(reservation('CF-RES', 60_000n, 40_000n, 'reservation-a'))).toBe('committed');
      expect(await store.commit(reservation('CF-RES', 60_000n, 40_000n, 'reservation-b'))).toBe(
        'insufficientFunds',
      );
      expect(await store.commit(reservation('CF-RES', 100n, 99_900n, 'reservation-a'))).toBe('conflict');
      const expired = reservation('CF-RES', 100n, 99_900n, 'reservation-c');
      expect(await store.commit({ ...expired, fund: { ...expired.fund, expectedStatus: 'expired' } })).toBe(
        'conflict',
      );
      expect(await store.commit({ ...expired, fund: { ...expired.fund, expectedDrawn: 1n } })).toBe(
        'conflict',
      );

      expect((await store.getFund('CF-RES'))?.balances).toEqual({ ...created.balances, reserved: 60_000n });
      expect((await store.movementsOf('CF-RES')).map((each) => each.movementId)).toEqual([
        'allocation',
        'reservation-a',
      ]);
    });

    it('moves a request only from the status and version read, and creates a claim only once, with the fund', async () => {
      const created = fund('CF-REQ', 'CP1', '2026-03-01T09:00:00.000Z');
      await store.createFund(created, movement('CF-REQ', 'allocation', created.createdAt));
      const submitted = request('CF-REQ-1', 'CF-REQ', 'CP1', '2026-03-02T09:00:00.000Z');
      expect(await store.createRequest(submitted)).toBe(true);
      expect(await store.createRequest({ ...submitted, description: 'Again' })).toBe(false);
      expect(await store.getRequest('CF-REQ-1')).toEqual(submitted);
      const approved: FundRequest = {
        ...submitted,
        status: 'approved',
        approvedAmount: '100.00',
        version: 2,
      };
      const approval = reservation('CF-REQ', 10_000n, 90_000n, 'reservation-CF-REQ-1');

      expect(await store.commit({ ...approval, request: { next: approved, expected: 'submitted' } })).toBe(
        'committed',
      );
      expect(
        await store.commit({
          ...reservation('CF-REQ', 10_000n, 90_000n, 'reservation-CF-REQ-1-again'),
          request: { next: approved, expected: 'submitted' },
        }),
      ).toBe('conflict');
      expect(await store.getRequest('CF-REQ-1')).toEqual(approved);

      const claim = fundClaim('CF-CLM-1', 'CF-REQ', 'CP1', '2026-03-03T09:00:00.000Z');
      const claimed = { ...approved, status: 'claimed' as const, version: 3 };
      const submitClaim: FundTransaction = {
        fund: unchanged('CF-REQ'),
        request: { next: claimed, expected: 'approved' },
        fundClaim: { next: claim, expected: null },
        movements: [],
      };
      expect(await store.commit(submitClaim)).toBe('committed');
      expect(
        await store.commit({
          ...submitClaim,
          request: { next: { ...claimed, version: 4 }, expected: 'claimed' },
        }),
      ).toBe('conflict');
      expect(await store.getClaim('CF-CLM-1')).toEqual(claim);
      expect(await store.getRequest('CF-REQ-1')).toEqual(claimed);
      expect(await store.getClaim('CF-CLM-NONE')).toBeUndefined();
    });

    it("lists a partner's funds and every fund oldest first (created, then id); active funds past expiry by date, then id", async () => {
      const funds = [
        fund('CF-LIST-B', 'CP2', '2026-02-01T00:00:00.000Z', '2026-05-01'),
        fund('CF-LIST-A', 'CP2', '2026-02-01T00:00:00.000Z', '2026-05-01'),
        fund('CF-LIST-C', 'CP3', '2026-01-15T00:00:00.000Z', '2026-04-30'),
        fund('CF-LIST-D', 'CP2', '2026-01-20T00:00:00.000Z', '2026-05-02'),
        fund('CF-LIST-E', 'CP2', '2026-01-10T00:00:00.000Z', '2026-04-01'),
      ];
      for (const each of funds)
        await store.createFund(each, movement(each.fundId, 'allocation', each.createdAt));
      // An expired fund leaves the expiry listing.
      const expire = { reserved: 0n, claimed: 0n, expired: 100_000n };
      expect(
        await store.commit({
          fund: { fundId: 'CF-LIST-E', expectedStatus: 'active', delta: expire, nextStatus: 'expired' },
          movements: [],
        }),
      ).toBe('committed');
      const fundId = (each: Fund) => each.fundId;

      expect(ownIds(await store.listFunds('CP2'), fundId, 'CF-LIST')).toEqual([
        'CF-LIST-E',
        'CF-LIST-D',
        'CF-LIST-A',
        'CF-LIST-B',
      ]);
      expect(ownIds(await store.listFunds(undefined), fundId, 'CF-LIST')).toEqual([
        'CF-LIST-E',
        'CF-LIST-C',
        'CF-LIST-D',
        'CF-LIST-A',
        'CF-LIST-B',
      ]);
      expect(ownIds(await store.fundsExpiringBefore('2026-05-02'), fundId, 'CF-LIST')).toEqual([
        'CF-LIST-C',
        'CF-LIST-A',
        'CF-LIST-B',
      ]);
      expect((await store.listFunds('CP2')).find((each) => each.fundId === 'CF-LIST-E')).toEqual({
        ...funds[4],
        status: 'expired',
        balances: { ...funds[4]?.balances, expired: 100_000n },
      });
    });

    it("lists a partner's and a fund's requests oldest first (submitted, then id), and open requests past due by date, then id", async () => {
      for (const each of [
        fund('CF-RQL-F1', 'CP4', '2026-01-01T00:00:00.000Z'),
        fund('CF-RQL-F2', 'CP4', '2026-01-02T00:00:00.000Z'),
      ])
        await store.createFund(each, movement(each.fundId, 'allocation', each.createdAt));
      const requests = [
        request('CF-RQL-2', 'CF-RQL-F1', 'CP4', '2026-03-05T00:00:00.000Z', '2026-04-10'),
        request('CF-RQL-1', 'CF-RQL-F2', 'CP4', '2026-03-05T00:00:00.000Z', '2026-04-20'),
        request('CF-RQL-3', 'CF-RQL-F1', 'CP4', '2026-03-01T00:00:00.000Z', '2026-04-10'),
        request('CF-RQL-4', 'CF-RQL-F1', 'CP5', '2026-03-02T00:00:00.000Z', '2026-05-01'),
      ];
      for (const each of requests) await store.createRequest(each);
      // A rejected request is not open: it leaves the due listing.
      const rejected: FundRequest = { ...requests[2], status: 'rejected', version: 2 } as FundRequest;
      await store.commit({
        fund: unchanged('CF-RQL-F1'),
        request: { next: rejected, expected: 'submitted' },
        movements: [],
      });
      const requestId = (each: FundRequest) => each.requestId;

      expect(ownIds(await store.listRequests({ partnerId: 'CP4' }), requestId, 'CF-RQL')).toEqual([
        'CF-RQL-3',
        'CF-RQL-1',
        'CF-RQL-2',
      ]);
      expect(ownIds(await store.listRequests({ fundId: 'CF-RQL-F1' }), requestId, 'CF-RQL')).toEqual([
        'CF-RQL-3',
        'CF-RQL-4',
        'CF-RQL-2',
      ]);
      expect(
        ownIds(await store.listRequests({ fundId: 'CF-RQL-F1', partnerId: 'CP5' }), requestId, 'CF-RQL'),
      ).toEqual(['CF-RQL-4']);
      // Every request, across funds: one order, as if one index held them all.
      expect(ownIds(await store.listRequests({}), requestId, 'CF-RQL')).toEqual([
        'CF-RQL-3',
        'CF-RQL-4',
        'CF-RQL-1',
        'CF-RQL-2',
      ]);
      expect(ownIds(await store.requestsDueBefore('2026-05-01'), requestId, 'CF-RQL')).toEqual([
        'CF-RQL-2',
        'CF-RQL-1',
      ]);
    });

    it("lists a fund's, a partner's and a status's proof-of-performance claims oldest first (submitted, then id)", async () => {
      const claims = [
        fundClaim('CF-PCL-2', 'CF-PCL-F1', 'CP6', '2026-03-05T00:00:00.000Z'),
        fundClaim('CF-PCL-1', 'CF-PCL-F2', 'CP6', '2026-03-05T00:00:00.000Z'),
        fundClaim('CF-PCL-3', 'CF-PCL-F1', 'CP7', '2026-03-01T00:00:00.000Z'),
        {
          ...fundClaim('CF-PCL-0', 'CF-PCL-F2', 'CP7', '2026-03-05T00:00:00.000Z'),
          status: 'approved' as const,
        },
      ];
      for (const fundId of ['CF-PCL-F1', 'CF-PCL-F2'])
        await store.createFund(
          fund(fundId, 'CP6', '2026-01-01T00:00:00.000Z'),
          movement(fundId, 'allocation', '2026-01-01T00:00:00.000Z'),
        );
      // Each claim is created with a fund transaction, as submitting one does.
      for (const claim of claims)
        await store.commit({
          fund: unchanged(claim.fundId),
          fundClaim: { next: claim, expected: null },
          movements: [],
        });
      const fundClaimId = (each: FundClaim) => each.fundClaimId;

      expect(ownIds(await store.listClaims({ fundId: 'CF-PCL-F1' }), fundClaimId, 'CF-PCL')).toEqual([
        'CF-PCL-3',
        'CF-PCL-2',
      ]);
      expect(ownIds(await store.listClaims({ partnerId: 'CP6' }), fundClaimId, 'CF-PCL')).toEqual([
        'CF-PCL-1',
        'CF-PCL-2',
      ]);
      expect(
        ownIds(await store.listClaims({ partnerId: 'CP6', status: 'submitted' }), fundClaimId, 'CF-PCL'),
      ).toEqual(['CF-PCL-1', 'CF-PCL-2']);
      expect(ownIds(await store.listClaims({ status: 'submitted' }), fundClaimId, 'CF-PCL')).toEqual([
        'CF-PCL-3',
        'CF-PCL-1',
        'CF-PCL-2',
      ]);
      expect(ownIds(await store.listClaims({ status: 'rejected' }), fundClaimId, 'CF-PCL')).toEqual([]);
      // Every claim, across statuses: one order, as if one index held them all.
      expect(ownIds(await store.listClaims({}), fundClaimId, 'CF-PCL')).toEqual([
        'CF-PCL-3',
        'CF-PCL-0',
        'CF-PCL-1',
        'CF-PCL-2',
      ]);
    });
  });
}
