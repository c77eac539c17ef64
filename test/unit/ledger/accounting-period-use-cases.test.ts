import { describe, expect, it } from 'vitest';
import { ClosedPeriodError, openPostingDate } from '../../../domain/ledger/accounting-period';
import {
  closeAccountingPeriod,
  closedMonths,
  listAccountingPeriods,
  reopenAccountingPeriod,
} from '../../../domain/ledger/accounting-period-use-cases';
import { approveAdjustment, requestAdjustment } from '../../../domain/ledger/adjustment-use-cases';
import type { ManualAdjustment } from '../../../domain/ledger/manual-adjustment';
import { BusinessRuleError, ForbiddenError, ValidationError } from '../../../domain/shared/errors';
import { admin, approver, channelManager, finance, partnerUser } from '../../support/actors';
import { fixedClock, InMemoryRecordStore } from '../../support/in-memory-record-store';
import { accountingPeriodStore, InMemoryAccrualLedger } from '../accrual-runs/fakes';

function deps() {
  const accountingPeriods = accountingPeriodStore();
  return {
    accountingPeriods,
    ledger: new InMemoryAccrualLedger(accountingPeriods),
    adjustments: new InMemoryRecordStore<ManualAdjustment>((adjustment) => adjustment.adjustmentId),
    clock: fixedClock('2026-04-02T10:00:00.000Z'),
    newId: () => '000000000001',
  };
}

describe('accounting periods', () => {
  it('are closed by finance and reopened by an admin with a reason, each change audited', async () => {
    const d = deps();
    await closeAccountingPeriod(d, finance, { month: '2026-03', reason: 'March signed off' });
    const reopened = await reopenAccountingPeriod(d, admin, { month: '2026-03', reason: 'late invoice' });

    expect(reopened).toMatchObject({
      month: '2026-03',
      status: 'open',
      history: [
        { action: 'closed', by: 'u-fin', at: '2026-04-02T10:00:00.000Z', reason: 'March signed off' },
        { action: 'reopened', by: 'u-admin', at: '2026-04-02T10:00:00.000Z', reason: 'late invoice' },
      ],
    });
    expect(await closedMonths(d.accountingPeriods)).toEqual(new Set());
  });

  it('refuse other roles, a reopen without a reason, and closing twice', async () => {
    const d = deps();
    for (const actor of [channelManager, approver, partnerUser('P1')]) {
      await expect(closeAccountingPeriod(d, actor, { month: '2026-03' })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    }
    await closeAccountingPeriod(d, finance, { month: '2026-03' });
    await expect(closeAccountingPeriod(d, admin, { month: '2026-03' })).rejects.toBeInstanceOf(
      BusinessRuleError,
    );
    await expect(
      reopenAccountingPeriod(d, finance, { month: '2026-03', reason: 'x' }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(reopenAccountingPeriod(d, admin, { month: '2026-03' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(
      reopenAccountingPeriod(d, admin, { month: '2026-04', reason: 'never closed' }),
    ).rejects.toBeInstanceOf(BusinessRuleError);
    await expect(listAccountingPeriods(d, partnerUser('P1'), { limit: 10 })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect((await listAccountingPeriods(d, approver, { limit: 10 })).items.map((p) => p.status)).toEqual([
      'closed',
    ]);
  });

  it('date a run posting into a closed month on the first day of the next open month', () => {
    const closed = new Set(['2026-10', '2026-11', '2026-12']);
    expect(openPostingDate('2026-09-30', closed)).toBe('2026-09-30');
    expect(openPostingDate('2026-10-31', closed)).toBe('2027-01-01');
  });

  it('refuse a manual adjustment approved in a closed month, posting nothing', async () => {
    const d = deps();
    const requested = await requestAdjustment(d, finance, {
      programId: 'PRG-1',
      beneficiaryPartnerId: 'P1',
      fund: 'rebate',
      period: '2026-03',
      currency: 'USD',
      amount: '5',
      reason: 'missed promotion line',
    });
    await closeAccountingPeriod(d, finance, { month: '2026-04' });

    await expect(
      approveAdjustment(d, approver, {
        adjustmentId: requested.adjustmentId,
        expectedVersion: 1,
      }),
    ).rejects.toBeInstanceOf(ClosedPeriodError);
    expect(d.ledger.all()).toEqual([]);
  });
});
