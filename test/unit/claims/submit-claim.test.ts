import { describe, expect, it } from 'vitest';
import { claimRequestSchema } from '../../../domain/claims/claim-request';
import { settleDecidedClaim } from '../../../domain/claims/settle-decided-claim';
import { submitClaim } from '../../../domain/claims/submit-claim';
import { ForbiddenError, StateConflictError, ValidationError } from '../../../domain/shared/errors';
import { replaceVersioned } from '../../../domain/shared/versioned-record';
import { approver, channelManager, finance, partnerUser } from '../../support/actors';
import { fixedClock } from '../../support/in-memory-record-store';
import { claimDeps, claimRequest } from './claim-deps';

const p1 = partnerUser('P1');
const request = (amounts?: readonly string[], overrides?: Record<string, unknown>) =>
  claimRequestSchema.parse(claimRequest(amounts, overrides));

describe('submitClaim: automatic validation', () => {
  it('100.00 of 250.00 earned: validated, 100.00 reserved, ClaimSubmitted published, audit trail kept', async () => {
    const deps = await claimDeps();
    const { claim, created } = await submitClaim(deps, p1, { request: request(['60', '40.00']) });
    expect(created).toBe(true);
    expect(claim).toMatchObject({
      claimId: 'CLM-1',
      partnerId: 'P1',
      status: 'validated',
      amountClaimed: '100.00',
      validationFailures: [],
      submittedBy: { userId: 'u-P1', role: 'partner' },
    });
    expect(claim.lines.map((line) => line.amount)).toEqual(['60.00', '40.00']);
    expect(claim.history.map((entry) => [entry.from, entry.to])).toEqual([
      [null, 'submitted'],
      ['submitted', 'validated'],
    ]);
    expect(await deps.claims.get('CLM-1')).toEqual(claim);
    expect(await deps.claimFunds.draws(claim)).toEqual({ reserved: 10000n, settled: 0n, drawn: 10000n });
    expect(deps.events.events).toEqual([
      {
        source: 'chrm.claims',
        detailType: 'ClaimSubmitted',
        detail: expect.objectContaining({
          version: 1,
          claimId: 'CLM-1',
          amountClaimed: '100.00',
          partnerId: 'P1',
        }),
      },
    ]);
  });

  it('an over-claim (250.01 of 250.00) is stored validationFailed with exceedsAvailable; nothing reserved or published', async () => {
    const deps = await claimDeps();
    const { claim, created } = await submitClaim(deps, p1, { request: request(['250.01']) });
    expect(created).toBe(true);
    expect(claim.status).toBe('validationFailed');
    expect(claim.validationFailures).toEqual([
      { code: 'exceedsAvailable', message: 'claimed 250.01 USD; available to claim is 250.00' },
    ]);
    expect(claim.history.at(-1)).toMatchObject({ to: 'validationFailed', reasonCode: 'exceedsAvailable' });
    expect(await deps.claims.get(claim.claimId)).toEqual(claim);
    expect(await deps.claimFunds.draws(claim)).toEqual({ reserved: 0n, settled: 0n, drawn: 0n });
    expect(deps.events.events).toEqual([]);
  });

  it('available is net of pending claims and of approved ones: 150 pending + 60 claimed of 250 leaves 40.00', async () => {
    const deps = await claimDeps();
    // 60.00 claimed: a claim approved and settled (its posting and its fund's settled draw, in one write).
    const { claim: approved } = await submitClaim(deps, p1, {
      request: request(['60.00'], { lines: [{ amount: '60.00', reference: 'A' }] }),
    });
    await settleDecidedClaim(deps, { ...approved, status: 'approved', amountApproved: '60.00' });
    expect((await submitClaim(deps, p1, { request: request(['150.00']) })).claim.status).toBe('validated');
    const over = await submitClaim(deps, p1, {
      request: request(['40.01'], { lines: [{ amount: '40.01', reference: 'X' }] }),
    });
    expect(over.claim.validationFailures.map((failure) => failure.message)).toEqual([
      'claimed 40.01 USD; available to claim is 40.00',
    ]);
    const exact = await submitClaim(deps, p1, {
      request: request(['40.00'], { lines: [{ amount: '40', reference: 'Y' }] }),
    });
    expect(exact.claim.status).toBe('validated');
  });

  it('a reference P1 already claimed on the program period is a line-level duplicateReference', async () => {
    const deps = await claimDeps();
    await submitClaim(deps, p1, { request: request(['10.00']) });
    const { claim } = await submitClaim(deps, p1, {
      request: request(['5.00', '5.00'], {
        lines: [
          { amount: '5.00', reference: 'NEW-1' },
          { amount: '5.00', reference: 'INV-1' },
        ],
      }),
    });
    expect(claim.validationFailures).toEqual([
      {
        code: 'duplicateReference',
        message: "reference 'INV-1' is claimed already by claim CLM-1",
        lineNumber: 2,
      },
    ]);
  });

  it.each([
    ['an unknown program', { programId: 'NOPE' }, 'programNotFound'],
    ['a wrong currency', { currency: 'EUR' }, 'currencyMismatch'],
    ['a quarter label on a monthly program', { period: 'FY2026-Q1' }, 'periodNotInProgram'],
    ['a period before the program started', { period: '2025-12' }, 'periodNotInProgram'],
  ])('%s fails with %j → %s', async (_, overrides, code) => {
    const deps = await claimDeps();
    const { claim } = await submitClaim(deps, p1, { request: request(['1.00'], overrides) });
    expect(claim.status).toBe('validationFailed');
    expect(claim.validationFailures.map((failure) => failure.code)).toContain(code);
  });

  it('a closed program is programNotInForce; a program paying a buying group is notBeneficiary for the seller', async () => {
    const deps = await claimDeps();
    const record = await deps.programs.get('VOL-2026');
    if (record === undefined) throw new Error('seeded');
    const { version, createdAt, updatedAt, ...data } = record;
    const active = data.active;
    if (active === null) throw new Error('seeded active');
    await replaceVersioned(deps.programs, deps.clock, record, version, {
      ...data,
      active: { ...active, eligibility: { ...active.eligibility, beneficiaryPartnerId: 'GROUP-1' } },
    });
    expect((await submitClaim(deps, p1, { request: request(['1.00']) })).claim.validationFailures).toEqual([
      { code: 'notBeneficiary', message: "partner 'P1' is not a beneficiary of program 'VOL-2026'" },
    ]);
    const updated = await deps.programs.get('VOL-2026');
    if (updated === undefined) throw new Error('seeded');
    await replaceVersioned(deps.programs, deps.clock, updated, updated.version, {
      ...data,
      status: 'closed',
    });
    const closed = await submitClaim(deps, p1, {
      request: request(['1.00'], { lines: [{ amount: '1', reference: 'Z' }] }),
    });
    expect(closed.claim.validationFailures.map((failure) => failure.code)).toEqual(['programNotInForce']);
  });

  it('claimsAfterPeriodEnd: a claim on 2026-03 is periodNotEnded on 31 March, accepted on 1 April', async () => {
    for (const [today, expected] of [
      ['2026-03-31T23:00:00.000Z', ['periodNotEnded']],
      ['2026-04-01T00:00:00.000Z', []],
    ] as const) {
      const deps = await claimDeps(fixedClock(today));
      const record = await deps.programs.get('VOL-2026');
      if (record?.active == null) throw new Error('seeded');
      const { version, createdAt, updatedAt, ...data } = record;
      await replaceVersioned(deps.programs, deps.clock, record, version, {
        ...data,
        active: { ...record.active, claimsAfterPeriodEnd: true },
      });
      const { claim } = await submitClaim(deps, p1, { request: request(['1.00']) });
      expect(claim.validationFailures.map((failure) => failure.code)).toEqual(expected);
    }
  });
});

describe('submitClaim: who may submit, and repeats', () => {
  it('a channel manager submits on P1’s behalf; without naming the partner it is a 400', async () => {
    const deps = await claimDeps();
    const { claim } = await submitClaim(deps, channelManager, {
      request: request(['1.00'], { partnerId: 'P1' }),
    });
    expect(claim).toMatchObject({
      partnerId: 'P1',
      status: 'validated',
      submittedBy: { role: 'channel_manager' },
    });
    await expect(submitClaim(deps, channelManager, { request: request(['1.00']) })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it('a partner may not claim for another partner; approvers and finance may not submit', async () => {
    const deps = await claimDeps();
    await expect(
      submitClaim(deps, p1, { request: request(['1.00'], { partnerId: 'P2' }) }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    for (const actor of [approver, finance]) {
      await expect(
        submitClaim(deps, actor, { request: request(['1.00'], { partnerId: 'P1' }) }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(deps.claims.claims.size).toBe(0);
  });

  it('the same Idempotency-Key twice: one claim, one reservation, the repeat answers it (created false)', async () => {
    const deps = await claimDeps();
    const first = await submitClaim(deps, p1, { request: request(['100.00']), idempotencyKey: 'k-1' });
    const again = await submitClaim(deps, p1, { request: request(['100']), idempotencyKey: 'k-1' });
    expect(first.created).toBe(true);
    expect(again).toEqual({ claim: first.claim, created: false });
    expect(deps.claims.claims.size).toBe(1);
    expect(await deps.claimFunds.draws(first.claim)).toMatchObject({ reserved: 10000n });
    await expect(
      submitClaim(deps, p1, { request: request(['99.00']), idempotencyKey: 'k-1' }),
    ).rejects.toBeInstanceOf(StateConflictError);
  });

  it('the same Idempotency-Key on a claim that failed validation: the repeat answers the failed claim', async () => {
    const deps = await claimDeps();
    const first = await submitClaim(deps, p1, { request: request(['250.01']), idempotencyKey: 'k-2' });
    const again = await submitClaim(deps, p1, { request: request(['250.01']), idempotencyKey: 'k-2' });
    expect(first.claim.status).toBe('validationFailed');
    expect(again).toEqual({ claim: first.claim, created: false });
    expect(deps.claims.claims.size).toBe(1);
  });

  it('the same claim again without a key (same partner, program, period, references): no second claim', async () => {
    const deps = await claimDeps();
    const first = await submitClaim(deps, p1, { request: request(['100.00', '20.00']) });
    const again = await submitClaim(deps, p1, { request: request(['100.00', '20.00']) });
    expect(again).toEqual({ claim: first.claim, created: false });
    expect(deps.claims.claims.size).toBe(1);
  });
});

describe('claimRequestSchema: malformed claims are 400s with the field', () => {
  it.each([
    [['-5.00'], 'lines.0.amount', 'must be a positive decimal string, e.g. "125.50"'],
    [['0.00'], 'lines.0.amount', 'must be greater than zero'],
    [['1.005'], 'lines.0.amount', 'USD has 2 decimals'],
    [['1e3'], 'lines.0.amount', 'must be a positive decimal string, e.g. "125.50"'],
  ])('amount %j → %s: %s', (amounts, path, message) => {
    const parsed = claimRequestSchema.safeParse(claimRequest(amounts));
    expect(parsed.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      [path, message],
    ]);
  });

  it('type shipAndDebit is refused: those claims are made from validated ship & debit claims only', () => {
    const parsed = claimRequestSchema.safeParse(claimRequest(['10.00'], { type: 'shipAndDebit' }));
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['type']);
  });

  it('a reference twice in one claim, an unknown currency and 1.5 JPY are refused', () => {
    const twice = claimRequestSchema.safeParse(
      claimRequest(['1', '2'], {
        lines: [
          { amount: '1', reference: 'A' },
          { amount: '2', reference: 'A' },
        ],
      }),
    );
    expect(twice.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['lines.1.reference']);
    expect(claimRequestSchema.safeParse(claimRequest(['1'], { currency: 'XXX' })).success).toBe(false);
    const yen = claimRequestSchema.safeParse(claimRequest(['1.5'], { currency: 'JPY' }));
    expect(yen.error?.issues.map((issue) => issue.message)).toEqual(['JPY has 0 decimals']);
  });
});
