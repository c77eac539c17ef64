import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../domain/access/actor';
import {
  approveAdjustment,
  getAdjustment,
  listAdjustments,
  rejectAdjustment,
  requestAdjustment,
} from '../../../domain/ledger/adjustment-use-cases';
import type { ManualAdjustment, ManualAdjustmentRequest } from '../../../domain/ledger/manual-adjustment';
import {
  BusinessRuleError,
  ForbiddenError,
  ValidationError,
  VersionConflictError,
} from '../../../domain/shared/errors';
import type { Stored } from '../../../domain/shared/ports';
import { admin, approver, channelManager, finance, partnerUser } from '../../support/actors';
import { fixedClock, InMemoryRecordStore } from '../../support/in-memory-record-store';
import { accountingPeriodStore, InMemoryAccrualLedger } from '../accrual-runs/fakes';
import { posting } from './builders';

const secondFinance: Actor = { userId: 'u-fin-2', role: 'finance' };

/** An adjustment store whose next replace can fail, as a crash between the ledger write and the mark would. */
class CrashingAdjustmentStore extends InMemoryRecordStore<ManualAdjustment> {
  private crashNext = false;

  constructor() {
    super(
      (adjustment) => adjustment.adjustmentId,
      (adjustment) => adjustment.status,
    );
  }

  crashOnNextReplace(): void {
    this.crashNext = true;
  }

  override async replace(record: Stored<ManualAdjustment>, expectedVersion: number): Promise<void> {
    if (this.crashNext) {
      this.crashNext = false;
      throw new Error('Lambda timed out');
    }
    return super.replace(record, expectedVersion);
  }
}

function deps() {
  let ids = 0;
  const accountingPeriods = accountingPeriodStore();
  return {
    adjustments: new CrashingAdjustmentStore(),
    ledger: new InMemoryAccrualLedger(accountingPeriods),
    accountingPeriods,
    clock: fixedClock('2026-04-02T10:00:00.000Z'),
    newId: () => `00000000000${++ids}`,
  };
}

const raiseP1: ManualAdjustmentRequest = {
  programId: 'PRG-1',
  beneficiaryPartnerId: 'P1',
  fund: 'rebate',
  period: '2026-03',
  currency: 'USD',
  amount: '5',
  reason: 'missed promotion line',
};

async function requested(d = deps()) {
  const adjustment = await requestAdjustment(d, finance, raiseP1);
  return { d, adjustment };
}

describe('requestAdjustment', () => {
  it('records a request with the amount in minor units, dated by the clock', async () => {
    const { d, adjustment } = await requested();

    expect(adjustment).toMatchObject({
      adjustmentId: 'ADJ-000000000001',
      status: 'requested',
      amount: '5.00',
      requestedBy: 'u-fin',
      requestedOn: '2026-04-02',
      version: 1,
    });
    expect(await d.adjustments.get('ADJ-000000000001')).toEqual(adjustment);
    expect(d.ledger.all()).toEqual([]);
  });

  it.each([
    ['approver', approver],
    ['channel manager', channelManager],
    ['partner', partnerUser('P1')],
  ])('refuses the %s role', async (_role, actor) => {
    await expect(requestAdjustment(deps(), actor, raiseP1)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('refuses a zero amount with ValidationError naming the field', async () => {
    const error = await requestAdjustment(deps(), admin, { ...raiseP1, amount: '0.00' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(['amount']);
  });
});

describe('approveAdjustment', () => {
  it.each([
    ['an approver', approver],
    ['another finance user', secondFinance],
    ['an admin', admin],
  ])(
    'lets %s approve: one adjustment posting is appended and the adjustment is marked',
    async (_who, actor) => {
      // Arrange
      const { d, adjustment } = await requested();

      // Act
      const approved = await approveAdjustment(d, actor, {
        adjustmentId: adjustment.adjustmentId,
        expectedVersion: 1,
      });

      // Assert
      expect(approved).toMatchObject({
        status: 'approved',
        approvedBy: actor.userId,
        approvedOn: '2026-04-02',
        postingId: 'adjustment#ADJ-000000000001',
        version: 2,
      });
      expect(d.ledger.all()).toEqual([
        expect.objectContaining({
          kind: 'adjustment',
          postingId: 'adjustment#ADJ-000000000001',
          programId: 'PRG-1',
          period: '2026-03',
          beneficiaryPartnerId: 'P1',
          amount: '5.00',
          postedOn: '2026-04-02',
        }),
      ]);
    },
  );

  it.each([
    ['channel manager', channelManager],
    ['partner', partnerUser('P1')],
  ])('refuses the %s role', async (_role, actor) => {
    const { d, adjustment } = await requested();
    await expect(
      approveAdjustment(d, actor, { adjustmentId: adjustment.adjustmentId, expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(d.ledger.all()).toEqual([]);
  });

  it('refuses approval by the requester, posting nothing', async () => {
    const { d, adjustment } = await requested();
    await expect(
      approveAdjustment(d, finance, { adjustmentId: adjustment.adjustmentId, expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(BusinessRuleError);
    expect(d.ledger.all()).toEqual([]);
  });

  it('refuses a stale version and an adjustment already decided, posting nothing more', async () => {
    const { d, adjustment } = await requested();
    await expect(
      approveAdjustment(d, approver, { adjustmentId: adjustment.adjustmentId, expectedVersion: 2 }),
    ).rejects.toBeInstanceOf(VersionConflictError);
    await approveAdjustment(d, approver, { adjustmentId: adjustment.adjustmentId, expectedVersion: 1 });

    await expect(
      approveAdjustment(d, admin, { adjustmentId: adjustment.adjustmentId, expectedVersion: 2 }),
    ).rejects.toThrow(/already approved/);
    expect(d.ledger.all()).toHaveLength(1);
  });

  it('only marks the adjustment when its posting is already in the ledger (a crash after the append)', async () => {
    // Arrange
    const { d, adjustment } = await requested();
    d.adjustments.crashOnNextReplace();
    await expect(
      approveAdjustment(d, approver, { adjustmentId: adjustment.adjustmentId, expectedVersion: 1 }),
    ).rejects.toThrow('Lambda timed out');
    expect((await d.adjustments.get(adjustment.adjustmentId))?.status).toBe('requested');

    // Act
    const approved = await approveAdjustment(d, approver, {
      adjustmentId: adjustment.adjustmentId,
      expectedVersion: 1,
    });

    // Assert
    expect(approved.status).toBe('approved');
    expect(d.ledger.all()).toHaveLength(1);
    expect(d.ledger.appendCalls).toBe(1);
  });

  it('retries the append when a run posts to the same period at the same moment', async () => {
    // Arrange
    const { d, adjustment } = await requested();
    d.ledger.simulateConcurrentAppend(async () => {
      const accrual = posting('accrual', { postingId: 'RUN-9#1', programId: 'PRG-1', period: '2026-03' });
      const scope = await d.ledger.scope('PRG-1', '2026-03');
      await d.ledger.append('PRG-1', '2026-03', scope.sequence, [accrual]);
    });

    // Act
    const approved = await approveAdjustment(d, approver, {
      adjustmentId: adjustment.adjustmentId,
      expectedVersion: 1,
    });

    // Assert
    expect(approved.status).toBe('approved');
    expect(d.ledger.conflicts).toBe(1);
    expect(d.ledger.all().map((item) => item.postingId)).toEqual(['RUN-9#1', 'adjustment#ADJ-000000000001']);
  });

  it('gives up after five conflicting appends and leaves the adjustment requested', async () => {
    const { d, adjustment } = await requested();
    d.ledger.simulateConcurrentAppend(undefined, 5);

    await expect(
      approveAdjustment(d, approver, { adjustmentId: adjustment.adjustmentId, expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(VersionConflictError);
    expect(d.ledger.appendCalls).toBe(5);
    expect(d.ledger.all()).toEqual([]);
    expect((await d.adjustments.get(adjustment.adjustmentId))?.status).toBe('requested');
  });
});

describe('rejectAdjustment', () => {
  it('lets the requester withdraw a request; nothing is posted', async () => {
    const { d, adjustment } = await requested();

    const rejected = await rejectAdjustment(d, finance, {
      adjustmentId: adjustment.adjustmentId,
      expectedVersion: 1,
      reason: 'entered twice',
    });

    expect(rejected).toMatchObject({
      status: 'rejected',
      rejectedBy: 'u-fin',
      rejectionReason: 'entered twice',
      version: 2,
    });
    expect(d.ledger.all()).toEqual([]);
  });

  it('refuses other roles, a blank reason, a stale version and a decided adjustment', async () => {
    const { d, adjustment } = await requested();
    const input = { adjustmentId: adjustment.adjustmentId, expectedVersion: 1, reason: 'no' };
    await expect(rejectAdjustment(d, channelManager, input)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(rejectAdjustment(d, partnerUser('P1'), input)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(rejectAdjustment(d, approver, { ...input, reason: '  ' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(rejectAdjustment(d, approver, { ...input, expectedVersion: 3 })).rejects.toBeInstanceOf(
      VersionConflictError,
    );
    await approveAdjustment(d, approver, { adjustmentId: adjustment.adjustmentId, expectedVersion: 1 });
    await expect(rejectAdjustment(d, admin, { ...input, expectedVersion: 2 })).rejects.toThrow(
      /already approved/,
    );
  });
});

describe('reading adjustments', () => {
  it('lets staff read and list adjustments by status, and refuses partners', async () => {
    const { d, adjustment } = await requested();
    await requestAdjustment(d, admin, { ...raiseP1, amount: '-1.50' });
    await approveAdjustment(d, approver, { adjustmentId: adjustment.adjustmentId, expectedVersion: 1 });

    expect((await getAdjustment(d, channelManager, adjustment.adjustmentId)).status).toBe('approved');
    const open = await listAdjustments(d, approver, { limit: 10, group: 'requested' });
    expect(open.items.map((item) => item.amount)).toEqual(['-1.50']);
    await expect(getAdjustment(d, partnerUser('P1'), adjustment.adjustmentId)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(listAdjustments(d, partnerUser('P1'), { limit: 10 })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
