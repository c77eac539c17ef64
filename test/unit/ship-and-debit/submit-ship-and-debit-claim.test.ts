import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../domain/access/actor';
import type { ApprovalPolicyRecord } from '../../../domain/approvals/approval-policy-use-cases';
import type { Claim } from '../../../domain/claims/claim';
import type { ClaimFunds } from '../../../domain/claims/ports';
import type { EndCustomerData } from '../../../domain/end-customers/end-customer';
import { ForbiddenError } from '../../../domain/shared/errors';
import { authorizationLineKey } from '../../../domain/ship-and-debit/authorization-index';
import type { PosReturn } from '../../../domain/ship-and-debit/bill-back';
import {
  type BillBackDeps,
  billBackReturns,
  billBackReturnsOfPosFile,
} from '../../../domain/ship-and-debit/bill-back-returns';
import type { DebitAuthorization } from '../../../domain/ship-and-debit/debit-authorization';
import type {
  DebitAuthorizationStore,
  PlannedQuantityReservation,
  ShipAndDebitClaimStore,
} from '../../../domain/ship-and-debit/ports';
import type { PosSale } from '../../../domain/ship-and-debit/pos-sale-index';
import type { ShipAndDebitClaim } from '../../../domain/ship-and-debit/ship-and-debit-claim';
import {
  type ShipAndDebitClaimDeps,
  submitShipAndDebitClaim,
} from '../../../domain/ship-and-debit/submit-ship-and-debit-claim';
import type { DomainEvent } from '../../../events/domain-event';
import { storedUsdPolicy } from '../../support/approval-policy-fixture';
import { InMemoryRecordStore } from '../../support/in-memory-record-store';
import { sampleAuthorization } from './authorization-fixtures';
import { inMemoryBillBacks } from './in-memory-bill-backs';

const partner: Actor = { userId: 'u-dist-001', role: 'partner', partnerId: 'DIST-001' };

const lineKeyOf = (reservation: PlannedQuantityReservation) =>
  authorizationLineKey(reservation.authorizationNumber, reservation.productSku);
/** GX-200 on DA-2026-0042, the line most claims here draw on. */
const gx200 = authorizationLineKey('DA-2026-0042', 'GX-200');

/** Every store call waits for `pause` first, so a scheduler can interleave concurrent claims at each read and write. */
type Pause = () => Promise<void>;

/**
 * In-memory stores with DynamoDB's semantics where they matter: a claim's save is one atomic step that
 * checks every reservation's remaining quantity against what was read, and every invoice line and claim
 * number against what is held.
 */
function inMemory(
  authorization: DebitAuthorization,
  sales: PosSale[],
  pause: Pause,
  others: readonly DebitAuthorization[] = [],
) {
  const all = [authorization, ...others];
  const remaining = new Map(
    all.flatMap((each) =>
      each.lines.map((line) => [
        authorizationLineKey(each.authorizationNumber, line.productSku),
        line.remainingQuantity,
      ]),
    ),
  );
  const billBacks = inMemoryBillBacks(remaining);
  const policies = new InMemoryRecordStore<ApprovalPolicyRecord>((policy) => policy.policyId);
  const endCustomers = new InMemoryRecordStore<EndCustomerData>((customer) => customer.endCustomerId);
  const claims = new Map<string, ShipAndDebitClaim>();
  const numbers = new Map<string, string>();
  const invoiceLines = new Set<string>();
  const settlements: Claim[] = [];
  const events: DomainEvent<unknown>[] = [];
  const current = (each: DebitAuthorization): DebitAuthorization => ({
    ...each,
    lines: each.lines.map((line) => ({
      ...line,
      remainingQuantity: remaining.get(authorizationLineKey(each.authorizationNumber, line.productSku)) ?? 0,
    })),
  });
  const authorizations: DebitAuthorizationStore = {
    get: async () => current(authorization),
    getAll: async (wanted) => {
      await pause();
      return new Map(
        all
          .filter((each) => wanted.includes(each.authorizationNumber))
          .map((each) => [each.authorizationNumber, current(each)]),
      );
    },
    create: async () => false,
    replace: async () => false,
    list: async () => {
      await pause();
      return { items: all.map(current) };
    },
  };
  const claimStore: ShipAndDebitClaimStore = {
    get: async (claimId) => claims.get(claimId),
    holderOfClaimNumber: async (_partnerId, claimNumber) => numbers.get(claimNumber),
    claimedInvoiceLines: async (_partnerId, keys) => {
      await pause();
      return new Set(keys.filter((key) => invoiceLines.has(key)));
    },
    save: async (claim, reservations: readonly PlannedQuantityReservation[], keys) => {
      await pause();
      if (numbers.has(claim.claimNumber)) return { kind: 'claimNumberTaken' };
      const stale = reservations.some((reservation) => {
        const left = remaining.get(lineKeyOf(reservation)) ?? 0;
        return left !== reservation.expectedRemaining || left < reservation.quantity;
      });
      if (stale) return { kind: 'remainingChanged' };
      if (keys.some((key) => invoiceLines.has(key))) return { kind: 'invoiceLineTaken' };
      const offsets = (claim.billBackOffsets ?? []).map((offset) => offset.billBackId);
      if (!billBacks.offset(claim.claimId, offsets)) return { kind: 'billBackTaken' };
      for (const reservation of reservations)
        remaining.set(
          lineKeyOf(reservation),
          (remaining.get(lineKeyOf(reservation)) ?? 0) - reservation.quantity,
        );
      for (const key of keys) invoiceLines.add(key);
      numbers.set(claim.claimNumber, claim.claimId);
      claims.set(claim.claimId, claim);
      return { kind: 'saved' };
    },
    list: async () => ({ items: [...claims.values()] }),
  };
  const claimFunds = {
    reserve: async (claim: Claim) => {
      settlements.push(claim);
      return { kind: 'reserved' as const };
    },
  } as unknown as ClaimFunds;
  let nextId = 0;
  const deps: ShipAndDebitClaimDeps & BillBackDeps = {
    authorizations,
    claims: claimStore,
    billBacks: billBacks.store,
    evidence: { salesFor: async () => sales, returnsOf: async () => [], listPriceOn: async () => undefined },
    endCustomers,
    claimFunds,
    settlements: { get: async (claimId) => settlements.find((claim) => claim.claimId === claimId) },
    policies,
    events: { publish: async (event) => void events.push(event) },
    clock: () => new Date('2026-11-30T10:00:00Z'),
    policy: { claimWindowDays: 90, posToleranceBasisPoints: 0, interchangeId: 'CHRM' },
    newClaimId: () => `SDC-${++nextId}`,
  };
  return { deps, remaining, settlements, events, billBacks, policies, endCustomers };
}

/**
 * One JSON claim of `quantity` GX-200 on its own invoice: book 10.00, down to 8.25, 1.75 a unit, quoting
 * `quoting` (null: none, the claim matches an authorization).
 */
const claimOf = (index: number, quantity: number, quoting: string | null = 'DA-2026-0042') => ({
  format: 'json' as const,
  claim: {
    claimNumber: `DM-${index}`,
    currency: 'USD' as const,
    lines: [
      {
        ...(quoting === null ? {} : { authorizationNumber: quoting }),
        invoiceNumber: `INV-${index}`,
        invoiceLine: '1',
        shipDate: '2026-11-20',
        endCustomerId: 'EC-7788',
        productSku: 'GX-200',
        quantity,
        bookCost: '10.00',
        authorizedCost: '8.25',
        amount: (quantity * 1.75).toFixed(2),
      },
    ],
  },
});

const saleOf = (index: number, quantity: number): PosSale => ({
  invoiceNumber: `INV-${index}`,
  invoiceLine: '1',
  endCustomerId: 'EC-7788',
  productSku: 'GX-200',
  shipDate: '2026-11-20',
  quantity,
});

/** A return of `quantity` GX-200 on line 2 of INV-1, on the day claims are received. */
const returnOfInv1 = (quantity: number): PosReturn => ({
  invoiceNumber: 'INV-1',
  invoiceLine: '2',
  date: '2026-11-30',
  endCustomerId: 'EC-7788',
  productSku: 'GX-200',
  quantity,
});

describe('submitting ship & debit claims', () => {
  it('concurrent claims in any interleaving take min(100 remaining, Σ asked) of GX-200, never more, and settle what they took', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 6 }),
        fc.scheduler(),
        async (asked, s) => {
          const authorization = sampleAuthorization({ bookCostBasis: 'acquisitionCost' });
          const { deps, remaining, settlements } = inMemory(
            authorization,
            asked.map((quantity, index) => saleOf(index, quantity)),
            () => s.schedule(Promise.resolve()),
          );

          const runs = asked.map((quantity, index) =>
            submitShipAndDebitClaim(deps, partner, { document: claimOf(index, quantity) }),
          );
          const submitted = await s.waitFor(Promise.all(runs));

          const approved = submitted.map(({ claim }) => claim.results[0]?.approvedQuantity ?? 0);
          const total = approved.reduce((sum, units) => sum + units, 0);
          const asks = asked.reduce((sum, units) => sum + units, 0);
          expect(total).toBe(Math.min(100, asks));
          expect(remaining.get(gx200)).toBe(100 - total);
          submitted.forEach(({ claim }, index) => {
            const result = claim.results[0];
            const units = approved[index] ?? 0;
            if (units === asked[index]) expect(result?.outcome).toBe('approved');
            else if (units > 0) expect(result).toMatchObject({ outcome: 'partiallyApproved', x12Code: '04' });
            else expect(result).toMatchObject({ outcome: 'rejected', x12Code: '05' });
          });
          const settled = settlements.reduce(
            (sum, claim) => sum + Math.round(Number(claim.amountClaimed) * 100),
            0,
          );
          expect(settled).toBe(total * 175);
          expect(
            settlements.every((claim) => claim.type === 'shipAndDebit' && claim.status === 'validated'),
          ).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('unquoted lines of concurrent claims draw DA-2026-0042 (specific, 100 left) first and the blanket only once it is spent, neither past its cap', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 80 }),
        fc.scheduler(),
        async (asked, blanketCap, s) => {
          const specific = sampleAuthorization({ bookCostBasis: 'acquisitionCost' });
          const blanket = sampleAuthorization({
            authorizationNumber: 'DA-BLANKET-1',
            bookCostBasis: 'acquisitionCost',
            coverage: { kind: 'anyEndCustomer' },
            lines: [
              {
                productSku: 'GX-200',
                pricing: { method: 'downTo', authorizedCost: '8.25' },
                quantityCap: blanketCap,
                remainingQuantity: blanketCap,
              },
            ],
          });
          const { deps, remaining } = inMemory(
            specific,
            asked.map((quantity, index) => saleOf(index, quantity)),
            () => s.schedule(Promise.resolve()),
            [blanket],
          );

          const runs = asked.map((quantity, index) =>
            submitShipAndDebitClaim(deps, partner, { document: claimOf(index, quantity, null) }),
          );
          const submitted = await s.waitFor(Promise.all(runs));

          const taken = (number: string) =>
            submitted
              .filter(({ claim }) => claim.lines[0]?.authorizationNumber === number)
              .reduce((sum, { claim }) => sum + (claim.results[0]?.approvedQuantity ?? 0), 0);
          const leftOnSpecific = remaining.get(gx200) ?? -1;
          const leftOnBlanket = remaining.get(authorizationLineKey('DA-BLANKET-1', 'GX-200')) ?? -1;
          expect(taken('DA-2026-0042')).toBe(100 - leftOnSpecific);
          expect(taken('DA-BLANKET-1')).toBe(blanketCap - leftOnBlanket);
          expect(leftOnSpecific).toBeGreaterThanOrEqual(0);
          expect(leftOnBlanket).toBeGreaterThanOrEqual(0);
          // The blanket is reached only when a claim read the specific one spent, and nothing gives units back.
          if (leftOnBlanket < blanketCap) expect(leftOnSpecific).toBe(0);
          for (const { claim } of submitted) {
            expect(claim.results[0]?.appliedAuthorizationNumber).toBe(claim.lines[0]?.authorizationNumber);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a claim number sent twice answers the first claim and takes nothing more', async () => {
    const { deps, remaining } = inMemory(
      sampleAuthorization({ bookCostBasis: 'acquisitionCost' }),
      [saleOf(1, 30)],
      async () => {},
    );

    const first = await submitShipAndDebitClaim(deps, partner, { document: claimOf(1, 30) });
    const again = await submitShipAndDebitClaim(deps, partner, { document: claimOf(1, 30) });

    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, claim: { claimId: first.claim.claimId } });
    expect(remaining.get(gx200)).toBe(70);
  });

  it('a channel manager must name the partner; a partner user may not name another', async () => {
    const { deps } = inMemory(sampleAuthorization(), [], async () => {});
    const manager: Actor = { userId: 'u-cm', role: 'channel_manager' };

    await expect(submitShipAndDebitClaim(deps, manager, { document: claimOf(1, 1) })).rejects.toThrow(
      'Name the partner the claim is for',
    );
    await expect(
      submitShipAndDebitClaim(deps, partner, { partnerId: 'DIST-002', document: claimOf(1, 1) }),
    ).rejects.toThrow('its own partner only');
    const named = claimOf(1, 1);
    await expect(
      submitShipAndDebitClaim(deps, partner, {
        document: { ...named, claim: { ...named.claim, partnerId: 'DIST-002' } },
      }),
    ).rejects.toThrow('its own partner only');
  });

  it('a claim of more than 45 lines is refused whole (422): its approved lines must fit one atomic write', async () => {
    const { deps } = inMemory(sampleAuthorization(), [], async () => {});
    const header =
      'authorization_number,invoice_number,ship_date,end_customer_id,product_sku,quantity,book_cost,authorized_cost,amount';
    const rows = Array.from(
      { length: 46 },
      (_, index) => `DA-2026-0042,INV-${index},2026-11-20,EC-7788,GX-200,1,10.00,8.25,1.75`,
    );

    await expect(
      submitShipAndDebitClaim(deps, partner, {
        document: {
          format: 'csv',
          text: [header, ...rows].join('\n'),
          claimNumber: 'DM-BIG',
          currency: 'USD',
        },
      }),
    ).rejects.toMatchObject({ issues: [{ path: 'lines', message: expect.stringContaining('at most 45') }] });
  });

  it('a return of 3 of the 30 GX-200 credited 52.50 is billed back once (−5.25), the 3 units go back to the authorization, and the next claim (17.50) settles 12.25', async () => {
    const { deps, remaining, settlements, billBacks } = inMemory(
      sampleAuthorization({ bookCostBasis: 'acquisitionCost' }),
      [saleOf(1, 30), saleOf(2, 10)],
      async () => {},
    );
    const manager: Actor = { userId: 'u-cm', role: 'channel_manager' };
    const returned = returnOfInv1(3);
    const detecting = { ...deps, evidence: { ...deps.evidence, returnsOf: async () => [returned] } };
    const range = { partnerId: 'DIST-001', from: '2026-11-01', to: '2026-11-30' };
    const credited = await submitShipAndDebitClaim(deps, partner, { document: claimOf(1, 30) });

    const first = await billBackReturns(detecting, manager, range);
    const again = await billBackReturns(detecting, manager, range);
    const next = await submitShipAndDebitClaim(deps, partner, { document: claimOf(2, 10) });

    expect(first.created).toEqual([
      expect.objectContaining({
        quantity: 3,
        amount: '-5.25',
        restoredQuantity: 3,
        status: 'open',
        parts: [expect.objectContaining({ claimId: credited.claim.claimId, lineNumber: 1, amount: '5.25' })],
      }),
    ]);
    expect(again).toEqual({ created: [], existing: first.created, unmatched: [] });
    expect(remaining.get(gx200)).toBe(100 - 30 + 3 - 10);
    const billBackId = first.created[0]?.billBackId as string;
    expect(next.claim).toMatchObject({
      amountApproved: '17.50',
      billBackOffsets: [{ billBackId, amount: '5.25' }],
    });
    expect(settlements.map((claim) => claim.amountClaimed)).toEqual(['52.50', '12.25']);
    expect(billBacks.billBacks.get(billBackId)).toMatchObject({
      status: 'offset',
      offsetByClaimId: next.claim.claimId,
    });
    await expect(billBackReturns(detecting, partner, range)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('with auto-approval below 20.00 a line (10 × 1.75 = 17.50) settles on its own claim the workflow approves, and the line of 20 × 1.75 = 35.00 on the claim people decide', async () => {
    const { deps, settlements, policies } = inMemory(
      sampleAuthorization({ bookCostBasis: 'acquisitionCost' }),
      [saleOf(1, 10), saleOf(2, 20)],
      async () => {},
    );
    await policies.create(storedUsdPolicy('20.00'));
    const one = claimOf(1, 10).claim.lines[0];
    const two = claimOf(2, 20).claim.lines[0];
    if (one === undefined || two === undefined) throw new Error('fixture');

    const { claim } = await submitShipAndDebitClaim(deps, partner, {
      document: { format: 'json', claim: { claimNumber: 'DM-SPLIT', currency: 'USD', lines: [one, two] } },
    });

    expect(claim).toMatchObject({
      amountApproved: '52.50',
      linesForReview: [2],
      settlementClaimId: 'CLM-SD-1',
      autoSettlementClaimId: 'CLM-SD-1-A',
    });
    expect(settlements.map((each) => [each.claimId, each.amountClaimed, each.lines.length])).toEqual([
      ['CLM-SD-1', '35.00', 1],
      ['CLM-SD-1-A', '17.50', 1],
    ]);
  });

  it('a completed POS file bills back the returns invoiced in the 90 days up to it, once; an inventory or failed file looks for none', async () => {
    const { deps, billBacks } = inMemory(
      sampleAuthorization({ bookCostBasis: 'acquisitionCost' }),
      [saleOf(1, 30)],
      async () => {},
    );
    await submitShipAndDebitClaim(deps, partner, { document: claimOf(1, 30) });
    const asked: [string, string][] = [];
    const returned = returnOfInv1(1);
    const detecting = {
      ...deps,
      evidence: {
        ...deps.evidence,
        returnsOf: async (_partner: string, _skus: readonly string[], from: string, to: string) => {
          asked.push([from, to]);
          return [returned];
        },
      },
    };
    const file = {
      partnerId: 'DIST-001',
      kind: 'pos',
      status: 'completed',
      occurredAt: '2026-11-30T12:00:00Z',
    } as const;

    const first = await billBackReturnsOfPosFile(detecting, file);
    const again = await billBackReturnsOfPosFile(detecting, { ...file, status: 'completed_with_rejections' });
    const inventory = await billBackReturnsOfPosFile(detecting, { ...file, kind: 'inventory' });
    const failed = await billBackReturnsOfPosFile(detecting, { ...file, status: 'failed' });

    expect(first?.created).toEqual([
      expect.objectContaining({ amount: '-1.75', createdBy: { userId: 'system', role: 'admin' } }),
    ]);
    expect(again?.existing).toEqual(first?.created);
    expect([inventory, failed]).toEqual([undefined, undefined]);
    expect(asked).toEqual([
      ['2026-09-01', '2026-11-30'],
      ['2026-09-01', '2026-11-30'],
    ]);
    expect(billBacks.billBacks.size).toBe(1);
  });

  it('a return takes back only what a person granted: nothing of a rejected settlement; of one approved at half (26.25 of 52.50), 3 × 0.875 = 2.625 → 2.62', async () => {
    const billedBackAfter = async (decided: Partial<Claim>) => {
      const { deps, settlements } = inMemory(
        sampleAuthorization({ bookCostBasis: 'acquisitionCost' }),
        [saleOf(1, 30)],
        async () => {},
      );
      await submitShipAndDebitClaim(deps, partner, { document: claimOf(1, 30) });
      const [settlement] = settlements;
      if (settlement === undefined) throw new Error('no settlement');
      settlements[0] = { ...settlement, ...decided };
      const detecting = { ...deps, evidence: { ...deps.evidence, returnsOf: async () => [returnOfInv1(3)] } };
      const manager: Actor = { userId: 'u-cm', role: 'channel_manager' };
      const range = { partnerId: 'DIST-001', from: '2026-11-01', to: '2026-11-30' };
      return (await billBackReturns(detecting, manager, range)).created.map((billBack) => billBack.amount);
    };

    expect(await billedBackAfter({ status: 'rejected', amountApproved: '0.00' })).toEqual([]);
    expect(await billedBackAfter({ status: 'partiallyApproved', amountApproved: '26.25' })).toEqual([
      '-2.62',
    ]);
    expect(await billedBackAfter({ status: 'paid', amountApproved: '52.50' })).toEqual(['-5.25']);
  });
});

describe('segment blankets against the end-customer master', () => {
  /** DA-SEG: GX-200 down to 8.25 for any EDU end customer (acquisition cost: the claimed 10.00). */
  const eduBlanket = sampleAuthorization({
    authorizationNumber: 'DA-SEG',
    bookCostBasis: 'acquisitionCost',
    coverage: { kind: 'segment', segment: 'EDU' },
  });
  const meta = { version: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
  const endCustomer = (endCustomerId: string, segmentHistory: EndCustomerData['segmentHistory']) => ({
    endCustomerId,
    name: endCustomerId,
    country: 'US',
    segment: segmentHistory.at(-1)?.segment ?? '',
    status: 'active' as const,
    segmentHistory,
    ...meta,
  });
  /** Claim `index`: 10 GX-200 shipped 2026-11-20 to `endCustomerId`, quoting `quoting` (null: none). */
  const claimFor = (index: number, endCustomerId: string, quoting: string | null) => {
    const document = claimOf(index, 10, quoting);
    const lines = document.claim.lines.map((line) => ({ ...line, endCustomerId }));
    return { ...document, claim: { ...document.claim, lines } };
  };
  const saleFor = (index: number, endCustomerId: string) => ({ ...saleOf(index, 10), endCustomerId });

  function setup(others: readonly DebitAuthorization[] = []) {
    const sales = ['EC-UNI', 'EC-HOSP', 'EC-GONE', 'EC-NEW', 'EC-7788'].map((id, index) =>
      saleFor(index + 1, id),
    );
    const stores = inMemory(eduBlanket, sales, async () => {}, others);
    stores.endCustomers.records.set('EC-UNI', endCustomer('EC-UNI', [{ segment: 'EDU' }]));
    stores.endCustomers.records.set('EC-HOSP', endCustomer('EC-HOSP', [{ segment: 'HEALTHCARE' }]));
    // Moved out of EDU after the 2026-11-20 resale: still covered; moved into EDU after it: not.
    stores.endCustomers.records.set(
      'EC-GONE',
      endCustomer('EC-GONE', [{ segment: 'EDU' }, { segment: 'GOV', effectiveFrom: '2026-11-25' }]),
    );
    stores.endCustomers.records.set(
      'EC-NEW',
      endCustomer('EC-NEW', [{ segment: 'GOV' }, { segment: 'EDU', effectiveFrom: '2026-11-21' }]),
    );
    const reads: string[][] = [];
    const endCustomers = {
      getAll: async (ids: readonly string[]) => {
        reads.push([...ids]);
        return stores.endCustomers.getAll(ids);
      },
    };
    return { deps: { ...stores.deps, endCustomers }, reads };
  }

  it('covers an EDU end customer (10 × 1.75 = 17.50), and the one that left EDU after the ship date; another segment, one that joined later, or one the master lacks is 26', async () => {
    const { deps, reads } = setup();
    const outcome = async (index: number, endCustomerId: string) =>
      (await submitShipAndDebitClaim(deps, partner, { document: claimFor(index, endCustomerId, 'DA-SEG') }))
        .claim.results[0];

    expect(await outcome(1, 'EC-UNI')).toMatchObject({ outcome: 'approved', approvedAmount: '17.50' });
    expect(await outcome(3, 'EC-GONE')).toMatchObject({ outcome: 'approved' });
    expect(await outcome(2, 'EC-HOSP')).toMatchObject({ outcome: 'rejected', x12Code: '26' });
    expect(await outcome(4, 'EC-NEW')).toMatchObject({ outcome: 'rejected', x12Code: '26' });
    expect(await outcome(5, 'EC-7788')).toMatchObject({ outcome: 'rejected', x12Code: '26' });
    // One batched read per claim, of the end customers it names.
    expect(reads).toEqual([['EC-UNI'], ['EC-GONE'], ['EC-HOSP'], ['EC-NEW'], ['EC-7788']]);
  });

  it('precedence with real segments: an unquoted line to EC-7788 (named on DA-2026-0042) takes the named deal; EC-UNI the segment blanket before the one over everyone', async () => {
    const everyone = sampleAuthorization({
      authorizationNumber: 'DA-ANY',
      bookCostBasis: 'acquisitionCost',
      coverage: { kind: 'anyEndCustomer' },
    });
    const named = sampleAuthorization({ bookCostBasis: 'acquisitionCost' });
    const { deps } = setup([everyone, named]);
    const applied = async (index: number, endCustomerId: string) =>
      (await submitShipAndDebitClaim(deps, partner, { document: claimFor(index, endCustomerId, null) })).claim
        .results[0]?.appliedAuthorizationNumber;

    expect(await applied(5, 'EC-7788')).toBe('DA-2026-0042');
    expect(await applied(1, 'EC-UNI')).toBe('DA-SEG');
    expect(await applied(2, 'EC-HOSP')).toBe('DA-ANY');
  });

  it('reads no end customer when no segment blanket is among the authorizations', async () => {
    const stores = inMemory(
      sampleAuthorization({ bookCostBasis: 'acquisitionCost' }),
      [saleOf(1, 10)],
      async () => {},
    );
    let reads = 0;
    const endCustomers = {
      getAll: async () => {
        reads++;
        return new Map();
      },
    };

    await submitShipAndDebitClaim({ ...stores.deps, endCustomers }, partner, { document: claimOf(1, 10) });

    expect(reads).toBe(0);
  });
});
