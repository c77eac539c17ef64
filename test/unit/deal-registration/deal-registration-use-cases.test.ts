import { describe, expect, it } from 'vitest';
import {
  decideExtension,
  recordDealOutcome,
  requestExtension,
} from '../../../domain/deal-registration/deal-protection-use-cases';
import { listDealRegistrations } from '../../../domain/deal-registration/deal-registration-queries';
import {
  decideDealRegistration,
  registerDeal,
  submitDealRegistration,
} from '../../../domain/deal-registration/deal-registration-use-cases';
import { expireDealRegistrations } from '../../../domain/deal-registration/expire-deal-registrations';
import { addHouseAccount, saveDealPolicy } from '../../../domain/deal-registration/house-account-use-cases';
import {
  BusinessRuleError,
  ForbiddenError,
  NotFoundError,
  StateConflictError,
  ValidationError,
} from '../../../domain/shared/errors';
import { admin, approver, channelManager, partnerUser } from '../../support/actors';
import { acmeRequest } from './builders';
import { dealDeps } from './fakes';

const p1 = partnerUser('P1');
const p2 = partnerUser('P2');

async function approved(setup: ReturnType<typeof dealDeps>, actor = p1) {
  const { registration } = await registerDeal(setup.deps, actor, { request: acmeRequest() });
  await submitDealRegistration(setup.deps, actor, registration.registrationId);
  return decideDealRegistration(setup.deps, channelManager, registration.registrationId, {
    decision: 'approve',
  });
}

describe('registering and submitting', () => {
  it('a partner registers a draft; the same content again, or the same Idempotency-Key, is no twin', async () => {
    const { deps, store } = dealDeps();
    const first = await registerDeal(deps, p1, { request: acmeRequest() });
    expect(first).toMatchObject({
      created: true,
      registration: {
        status: 'draft',
        partnerId: 'P1',
        estimatedValue: { amount: '125000.00', currency: 'USD' },
      },
    });
    // "125000" and "125000.00" USD are one amount: the same content.
    const sameAmount = await registerDeal(deps, p1, {
      request: acmeRequest({ estimatedValue: { amount: '125000', currency: 'USD' } }),
    });
    expect(sameAmount).toMatchObject({
      created: false,
      registration: { estimatedValue: { amount: '125000.00' } },
    });
    const again = await registerDeal(deps, p1, {
      request: acmeRequest({ customer: { name: 'Acme, Inc', country: 'US', webDomain: 'WWW.ACME.EXAMPLE' } }),
    });
    expect(again).toMatchObject({
      created: false,
      registration: { registrationId: first.registration.registrationId },
    });
    const keyed = await registerDeal(deps, p1, {
      request: acmeRequest({ closeDate: '2026-06-30' }),
      idempotencyKey: 'k1',
    });
    const keyedAgain = await registerDeal(deps, p1, {
      request: acmeRequest({ closeDate: '2026-06-30' }),
      idempotencyKey: 'k1',
    });
    expect(keyedAgain).toMatchObject({
      created: false,
      registration: { registrationId: keyed.registration.registrationId },
    });
    await expect(
      registerDeal(deps, p1, { request: acmeRequest({ closeDate: '2026-07-31' }), idempotencyKey: 'k1' }),
    ).rejects.toThrow(StateConflictError);
    expect(store.registrations.size).toBe(2);
  });

  it("refuses absurd close dates, other partners' ids and channel managers without a partner", async () => {
    const { deps } = dealDeps();
    await expect(
      registerDeal(deps, p1, { request: acmeRequest({ closeDate: '2026-03-01' }) }),
    ).rejects.toThrow(BusinessRuleError);
    await expect(
      registerDeal(deps, p1, { request: acmeRequest({ closeDate: '2031-01-01' }) }),
    ).rejects.toThrow(BusinessRuleError);
    await expect(registerDeal(deps, p1, { request: acmeRequest({ partnerId: 'P2' }) })).rejects.toThrow(
      ForbiddenError,
    );
    await expect(registerDeal(deps, channelManager, { request: acmeRequest() })).rejects.toThrow(
      ValidationError,
    );
    await expect(registerDeal(deps, approver, { request: acmeRequest() })).rejects.toThrow(ForbiddenError);
  });

  it('first come, first served: P2 registering ACME for WIDGET-1 after P1 is rejected as a duplicate, without P1 named', async () => {
    const setup = dealDeps();
    await approved(setup);
    const { registration } = await registerDeal(setup.deps, p2, {
      request: acmeRequest({ customer: { name: 'Acme GmbH', country: 'US', taxId: 'X1' } }),
    });
    const submitted = await submitDealRegistration(setup.deps, p2, registration.registrationId);
    expect(submitted).toMatchObject({
      status: 'rejected',
      rejection: { code: 'duplicate' },
      conflict: { kind: 'otherPartner', matchedOn: ['name'], skus: ['WIDGET-1'] },
    });
    expect(JSON.stringify(submitted.conflict)).not.toMatch(/P1|DR-0001/);
    expect(JSON.stringify(submitted.rejection)).not.toMatch(/P1|DR-0001|acme/i);
    // Staff see who holds it.
    const staffView = (
      await listDealRegistrations(setup.deps, channelManager, { status: 'rejected' }, { limit: 10 })
    ).items[0];
    expect(staffView?.conflict).toMatchObject({ partnerIds: ['P1'], registrationIds: ['DR-0001'] });
  });

  it('second partner at a reduced benefit: the conflict goes to a person at 50 %, who may approve it', async () => {
    const setup = dealDeps();
    await saveDealPolicy(setup.deps, admin, 'DEALS-2026', {
      conflictPolicy: 'secondPartnerReduced',
      protectionDays: 60,
      extensionDays: 30,
      reducedBenefitPercent: '50',
    });
    await approved(setup);
    const { registration } = await registerDeal(setup.deps, p2, { request: acmeRequest() });
    const inReview = await submitDealRegistration(setup.deps, p2, registration.registrationId);
    expect(inReview).toMatchObject({ status: 'inReview', benefit: { kind: 'reduced', percent: '50' } });
    const decided = await decideDealRegistration(setup.deps, approver, registration.registrationId, {
      decision: 'approve',
    });
    expect(decided).toMatchObject({
      status: 'approved',
      protectedUntil: '2026-04-30',
      benefit: { kind: 'reduced' },
    });
  });

  it('a house account is rejected at submission', async () => {
    const setup = dealDeps();
    await addHouseAccount(setup.deps, admin, {
      customer: { name: 'Acme Corporation', country: 'US', taxId: '9' },
    });
    const { registration } = await registerDeal(setup.deps, p1, { request: acmeRequest() });
    const submitted = await submitDealRegistration(setup.deps, p1, registration.registrationId);
    expect(submitted).toMatchObject({
      status: 'rejected',
      rejection: { code: 'houseAccount' },
      conflict: { kind: 'houseAccount' },
    });
    expect(submitted.conflict).not.toHaveProperty('houseAccountIds');
    await expect(
      addHouseAccount(setup.deps, channelManager, { customer: { name: 'X', country: 'US', taxId: '1' } }),
    ).rejects.toThrow(ForbiddenError);
  });

  it("another partner asking for, submitting or deciding P1's registration is told it does not exist", async () => {
    const setup = dealDeps();
    const { registration } = await registerDeal(setup.deps, p1, { request: acmeRequest() });
    await expect(submitDealRegistration(setup.deps, p2, registration.registrationId)).rejects.toThrow(
      NotFoundError,
    );
    await expect(
      decideDealRegistration(setup.deps, p1, registration.registrationId, { decision: 'approve' }),
    ).rejects.toThrow(ForbiddenError);
  });
});

describe('protection, extension and outcome', () => {
  it('approved on 2026-03-02 for 90 days: protected through 2026-05-30; one extension of 30 days to 2026-06-29', async () => {
    const setup = dealDeps();
    const registration = await approved(setup);
    expect(registration).toMatchObject({
      status: 'approved',
      protectedUntil: '2026-05-30',
      benefit: { kind: 'full' },
    });
    const id = registration.registrationId;
    await expect(requestExtension(setup.deps, p2, id, { activity: 'x' })).rejects.toThrow(NotFoundError);
    expect(await requestExtension(setup.deps, p1, id, { activity: 'Second workshop held' })).toMatchObject({
      status: 'extensionRequested',
    });
    const extended = await decideExtension(setup.deps, channelManager, id, { decision: 'approve' });
    expect(extended).toMatchObject({
      status: 'extended',
      protectedUntil: '2026-06-29',
      extension: { decision: 'granted' },
    });
    await expect(requestExtension(setup.deps, p1, id, { activity: 'again' })).rejects.toThrow(
      StateConflictError,
    );
    expect(await recordDealOutcome(setup.deps, p1, id, { outcome: 'won' })).toMatchObject({ status: 'won' });
    await expect(recordDealOutcome(setup.deps, p1, id, { outcome: 'lost' })).rejects.toThrow(
      StateConflictError,
    );
  });

  it('a refused extension leaves it approved, and it cannot ask again; a rejection needs a reason', async () => {
    const setup = dealDeps();
    const { registrationId } = await approved(setup);
    await requestExtension(setup.deps, p1, registrationId, { activity: 'demo' });
    await expect(
      decideExtension(setup.deps, approver, registrationId, { decision: 'reject' }),
    ).rejects.toThrow(BusinessRuleError);
    expect(
      await decideExtension(setup.deps, approver, registrationId, {
        decision: 'reject',
        reason: 'no progress',
      }),
    ).toMatchObject({
      status: 'approved',
      protectedUntil: '2026-05-30',
      extension: { decision: 'refused', reason: 'no progress' },
    });
    await expect(requestExtension(setup.deps, p1, registrationId, { activity: 'more' })).rejects.toThrow(
      StateConflictError,
    );
  });

  it('a second review decision is 409', async () => {
    const setup = dealDeps();
    const { registrationId } = await approved(setup);
    await expect(
      decideDealRegistration(setup.deps, approver, registrationId, { decision: 'reject', reason: 'late' }),
    ).rejects.toThrow(StateConflictError);
  });
});

describe('daily expiry job', () => {
  it('reminds 14 days ahead once per window, again after an extension, and expires the day after the last protected day', async () => {
    const setup = dealDeps();
    const { registrationId } = await approved(setup); // protected through 2026-05-30
    setup.setNow('2026-05-15T03:00:00.000Z');
    expect(await expireDealRegistrations(setup.deps, { reminderDays: 14 })).toEqual({
      expired: [],
      reminded: [],
      skipped: [],
    });
    setup.setNow('2026-05-16T03:00:00.000Z');
    expect(await expireDealRegistrations(setup.deps, { reminderDays: 14 })).toMatchObject({
      reminded: [registrationId],
    });
    expect(setup.events.at(-1)).toMatchObject({
      source: 'chrm.deal-registrations',
      detailType: 'DealRegistrationExpiring',
      detail: {
        registrationId,
        partnerId: 'P1',
        protectedUntil: '2026-05-30',
        daysLeft: 14,
        extensionAvailable: true,
      },
    });
    setup.setNow('2026-05-17T03:00:00.000Z');
    expect(await expireDealRegistrations(setup.deps, { reminderDays: 14 })).toMatchObject({ reminded: [] });
    await requestExtension(setup.deps, p1, registrationId, { activity: 'PO pending' });
    await decideExtension(setup.deps, channelManager, registrationId, { decision: 'approve' }); // → 2026-06-29
    setup.setNow('2026-06-15T03:00:00.000Z');
    expect(await expireDealRegistrations(setup.deps, { reminderDays: 14 })).toMatchObject({
      reminded: [registrationId],
    });
    expect(setup.events.at(-1)).toMatchObject({ detail: { daysLeft: 14, extensionAvailable: false } });
    setup.setNow('2026-06-29T03:00:00.000Z');
    expect(await expireDealRegistrations(setup.deps, { reminderDays: 14 })).toMatchObject({ expired: [] });
    setup.setNow('2026-06-30T03:00:00.000Z');
    expect(await expireDealRegistrations(setup.deps, { reminderDays: 14 })).toMatchObject({
      expired: [registrationId],
    });
    expect(setup.events.at(-1)).toMatchObject({
      detailType: 'DealRegistrationExpired',
      detail: { protectedUntil: '2026-06-29' },
    });
    expect(setup.store.registrations.get(registrationId)?.status).toBe('expired');
    // Expired, it no longer holds the customer: another partner may register it.
    const { registration } = await registerDeal(setup.deps, p2, {
      request: acmeRequest({ closeDate: '2026-09-30' }),
    });
    expect(await submitDealRegistration(setup.deps, p2, registration.registrationId)).toMatchObject({
      status: 'submitted',
    });
  });

  it('a registration won before the job runs is never expired', async () => {
    const setup = dealDeps();
    const { registrationId } = await approved(setup);
    await recordDealOutcome(setup.deps, p1, registrationId, { outcome: 'won' });
    setup.setNow('2026-07-01T03:00:00.000Z');
    expect(await expireDealRegistrations(setup.deps, { reminderDays: 14 })).toEqual({
      expired: [],
      reminded: [],
      skipped: [],
    });
  });
});

describe('a submission interrupted between its two writes', () => {
  it('is stored submitted but unchecked; submitting again runs the check instead of answering it unchecked', async () => {
    const setup = dealDeps();
    await approved(setup);
    const { registration } = await registerDeal(setup.deps, p2, { request: acmeRequest() });
    const store = setup.store.registrations;
    // As the first write leaves it when the process dies before the check.
    store.set(registration.registrationId, {
      ...registration,
      status: 'submitted',
      submittedAt: '2026-03-02T09:00:00.000Z',
      version: 2,
    });
    await expect(
      decideDealRegistration(setup.deps, approver, registration.registrationId, { decision: 'approve' }),
    ).rejects.toThrow(StateConflictError);
    const again = await submitDealRegistration(setup.deps, p2, registration.registrationId);
    expect(again).toMatchObject({ status: 'rejected', rejection: { code: 'duplicate' } });
    expect(again.checkedAt).toBeDefined();
    expect(await submitDealRegistration(setup.deps, p2, registration.registrationId)).toEqual(again);
  });
});

describe('two partners racing for one customer', () => {
  /** P2's registration as a racing submission leaves it: stored submitted after P1's, its check still running. */
  async function racing(setup: ReturnType<typeof dealDeps>) {
    const theirs = await registerDeal(setup.deps, p2, { request: acmeRequest() });
    setup.store.registrations.set(theirs.registration.registrationId, {
      ...theirs.registration,
      status: 'submitted',
      submittedAt: '2026-03-02T09:00:00.500Z',
      version: 2,
    });
    const mine = await registerDeal(setup.deps, p1, { request: acmeRequest() });
    return { theirs: theirs.registration.registrationId, mine: mine.registration.registrationId };
  }

  it('submitted first, P1 waits for the later one to finish its check: it yielded, so P1 keeps the customer', async () => {
    const setup = dealDeps('2026-03-02T09:00:00.000Z');
    const { theirs, mine } = await racing(setup);
    setup.deps = {
      ...setup.deps,
      pause: async () => {
        const stored = setup.store.registrations.get(theirs);
        if (stored)
          setup.store.registrations.set(theirs, {
            ...stored,
            status: 'rejected',
            checkedAt: 'x',
            conflict: { kind: 'otherPartner', matchedOn: ['name'], skus: [] },
          });
      },
    };
    expect(await submitDealRegistration(setup.deps, p1, mine)).toMatchObject({ status: 'submitted' });
  });

  it('…the later one passed its check (it never saw P1): P1 yields as the duplicate', async () => {
    const setup = dealDeps('2026-03-02T09:00:00.000Z');
    const { theirs, mine } = await racing(setup);
    setup.deps = {
      ...setup.deps,
      pause: async () => {
        const stored = setup.store.registrations.get(theirs);
        if (stored) setup.store.registrations.set(theirs, { ...stored, checkedAt: 'x' });
      },
    };
    expect(await submitDealRegistration(setup.deps, p1, mine)).toMatchObject({
      status: 'rejected',
      rejection: { code: 'duplicate' },
    });
  });

  it('…the later one never finishes (its process died): P1 stops waiting and yields rather than both keep it', async () => {
    const setup = dealDeps('2026-03-02T09:00:00.000Z');
    const { mine } = await racing(setup);
    let waits = 0;
    setup.deps = { ...setup.deps, pause: async () => void waits++ };
    expect(await submitDealRegistration(setup.deps, p1, mine)).toMatchObject({ status: 'rejected' });
    expect(waits).toBe(6);
  });
});
