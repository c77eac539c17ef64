import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clashOf, conflictOutcome, findConflict } from '../../../domain/deal-registration/deal-conflicts';
import {
  type DealRegistration,
  dealRegistrationStatuses,
  defaultDealPolicy,
} from '../../../domain/deal-registration/deal-registration';
import { registration } from './builders';

const today = '2026-03-10';
const none = { registrations: [], houseAccounts: [] };

describe('conflict detection', () => {
  const mine = registration({ registrationId: 'DR-NEW', partnerId: 'P2', status: 'draft' });

  it('"Acme, Incorporated" (www.acme.example) by P2 clashes with P1\'s approved "ACME Inc." on WIDGET-1', () => {
    const theirs = registration({
      customer: { name: 'Acme, Incorporated', country: 'US', webDomain: 'www.acme.example' },
    });
    const conflict = findConflict(mine, { registrations: [theirs], houseAccounts: [] }, today);
    expect(conflict).toMatchObject({
      kind: 'otherPartner',
      matchedOn: ['name', 'webDomain'],
      skus: ['WIDGET-1'],
      protectedUntil: '2026-05-30',
      registrationIds: ['DR-1'],
      partnerIds: ['P1'],
    });
  });

  it('no clash: same partner, no product in common, protection over, or decided without protection', () => {
    const cases: DealRegistration[] = [
      registration({ partnerId: 'P2', registrationId: 'DR-OWN' }),
      registration({ products: [{ sku: 'GADGET-9', quantity: 1 }] }),
      registration({ protectedUntil: '2026-03-09' }),
      registration({ status: 'rejected' }),
      registration({ status: 'lost' }),
      registration({ status: 'expired' }),
      registration({ status: 'draft' }),
      registration({ customer: { name: 'Acme Inc', country: 'CA', taxId: '99' } }),
    ];
    for (const theirs of cases) {
      expect(findConflict(mine, { registrations: [theirs], houseAccounts: [] }, today)).toBeUndefined();
    }
  });

  it('a pending registration holds the customer first come, first served; a protected one through its last day', () => {
    for (const status of ['submitted', 'inReview'] as const) {
      const earlier = registration({ status, submittedAt: '2026-03-09T08:00:00.000Z' });
      expect(findConflict(mine, { registrations: [earlier], houseAccounts: [] }, today)).toBeDefined();
      // Submitted before the pending one: it is the pending one that yields.
      const first = { ...mine, submittedAt: '2026-03-09T07:00:00.000Z' };
      expect(findConflict(first, { registrations: [earlier], houseAccounts: [] }, today)).toBeUndefined();
    }
    const lastDay = registration({ status: 'extended', protectedUntil: today });
    expect(findConflict(mine, { registrations: [lastDay], houseAccounts: [] }, today)).toBeDefined();
  });

  it('a house account wins over other partners and needs no product in common', () => {
    const house = {
      houseAccountId: 'HA-1',
      customer: { name: 'Acme Incorporated', country: 'US', taxId: 'X' },
      createdAt: '',
      createdBy: { userId: 'u', role: 'admin' },
    };
    expect(
      findConflict(mine, { registrations: [registration()], houseAccounts: [house] }, today),
    ).toMatchObject({
      kind: 'houseAccount',
      matchedOn: ['name'],
      houseAccountIds: ['HA-1'],
    });
  });

  it('policy: first come first served rejects as duplicate without naming the holder; second partner goes to review at 50 %', () => {
    const conflict = findConflict(mine, { registrations: [registration()], houseAccounts: [] }, today);
    const fcfs = conflictOutcome(conflict, defaultDealPolicy);
    expect(fcfs).toEqual({
      status: 'rejected',
      rejection: {
        code: 'duplicate',
        reason: 'Another partner registered this customer for WIDGET-1 first (protected until 2026-05-30)',
      },
    });
    expect(JSON.stringify(fcfs)).not.toMatch(/P1|DR-1|ACME/i);
    expect(
      conflictOutcome(conflict, { ...defaultDealPolicy, conflictPolicy: 'secondPartnerReduced' }),
    ).toEqual({
      status: 'inReview',
      benefit: { kind: 'reduced', percent: '50' },
    });
    expect(conflictOutcome(findConflict(mine, none, today), defaultDealPolicy)).toEqual({
      status: 'submitted',
      benefit: { kind: 'full' },
    });
  });
});

describe('conflict properties', () => {
  const names = ['ACME Inc.', 'Acme GmbH', 'acme', 'Globex Ltd', 'GLOBEX', 'Initech S.A.'];
  const subject = fc.record({
    registrationId: fc.constantFrom('A', 'B', 'C'),
    partnerId: fc.constantFrom('P1', 'P2', 'P3'),
    customer: fc.record(
      {
        name: fc.constantFrom(...names),
        country: fc.constantFrom('US', 'DE'),
        taxId: fc.constantFrom('1', '2', 'DE2'),
        webDomain: fc.constantFrom('acme.example', 'www.globex.example', 'initech.example'),
      },
      { requiredKeys: ['name', 'country'] },
    ),
    products: fc.uniqueArray(
      fc.record({ sku: fc.constantFrom('W-1', 'W-2', 'W-3'), quantity: fc.integer({ min: 1, max: 9 }) }),
      { minLength: 1, maxLength: 3, selector: (product) => product.sku },
    ),
  });

  it('clash(a, b) and clash(b, a) agree: the same customer keys and SKUs, or none', () => {
    fc.assert(
      fc.property(subject, subject, (a, b) => {
        expect(clashOf(a, b)).toEqual(clashOf(b, a));
      }),
      { numRuns: 3000 },
    );
  });

  it('two holding registrations: protected ones find each other; of two pending ones exactly the later yields', () => {
    const holding = ['submitted', 'inReview', 'approved', 'extensionRequested', 'extended'] as const;
    const pending = (status: string) => status === 'submitted' || status === 'inReview';
    fc.assert(
      fc.property(
        subject,
        subject,
        fc.constantFrom(...dealRegistrationStatuses),
        fc.constantFrom(...dealRegistrationStatuses),
        fc.constantFrom('2026-03-01T10:00:00.000Z', '2026-03-01T10:00:00.001Z'),
        fc.constantFrom('2026-03-01T10:00:00.000Z', '2026-03-01T10:00:00.001Z'),
        (a, b, statusA, statusB, atA, atB) => {
          const ra = registration({ ...a, registrationId: 'A', status: statusA, submittedAt: atA });
          const rb = registration({ ...b, registrationId: 'B', status: statusB, submittedAt: atB });
          const aFindsB = findConflict(ra, { registrations: [rb], houseAccounts: [] }, today) !== undefined;
          const bFindsA = findConflict(rb, { registrations: [ra], houseAccounts: [] }, today) !== undefined;
          const clash = clashOf(ra, rb) !== undefined;
          const holds = (status: string) => (holding as readonly string[]).includes(status);
          if (!holds(statusB)) expect(aFindsB).toBe(false);
          if (!clash) expect([aFindsB, bFindsA]).toEqual([false, false]);
          if (clash && holds(statusA) && holds(statusB)) {
            if (pending(statusA) && pending(statusB)) expect(Number(aFindsB) + Number(bFindsA)).toBe(1);
            else if (!pending(statusA) && !pending(statusB)) expect(aFindsB).toBe(bFindsA);
            else expect(aFindsB || bFindsA).toBe(true);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('a partner never conflicts with itself', () => {
    fc.assert(
      fc.property(subject, subject, (a, b) => {
        expect(clashOf(a, { ...b, partnerId: a.partnerId })).toBeUndefined();
      }),
    );
  });
});
