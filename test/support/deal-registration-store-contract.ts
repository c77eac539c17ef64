import { beforeAll, describe, expect, it } from 'vitest';
import { customerMatchKeys } from '../../domain/deal-registration/customer-identity';
import { matchKeyValues } from '../../domain/deal-registration/deal-conflicts';
import type { DealRegistration, HouseAccount } from '../../domain/deal-registration/deal-registration';
import type { DealRegistrationStore, HouseAccountStore } from '../../domain/deal-registration/ports';
import { registration } from '../unit/deal-registration/builders';
import { everyPage, ownIds } from './contract-pages';

/** The deal registrations and house accounts a contract runs against (one table, or one fake). */
export interface DealStores {
  readonly registrations: DealRegistrationStore;
  readonly houseAccounts: HouseAccountStore;
}

const acme = { name: 'ACME Inc.', country: 'US', webDomain: 'acme-contract.example' };
const acmeKeys = matchKeyValues(customerMatchKeys(acme));

/** A submitted registration of `partnerId`, created at `createdAt`, with `changes` (its customer its own). */
function submitted(
  registrationId: string,
  partnerId: string,
  createdAt: string,
  changes: Partial<DealRegistration> = {},
): DealRegistration {
  // Not protected until approved: the builder's protection end is dropped.
  const { protectedUntil: _notYet, ...unprotected } = registration({
    registrationId,
    partnerId,
    createdAt,
    status: 'submitted',
    customer: { name: `Customer of ${registrationId}`, country: 'DE' },
  });
  return { ...unprotected, ...changes };
}

const idsOf = (registrations: readonly DealRegistration[], prefix: string) =>
  ownIds(registrations, (each) => each.registrationId, prefix);

/**
 * The DealRegistrationStore contract (with the house account list the conflict check reads), run against the
 * in-memory fake (unit suite) and the DynamoDB adapter (integration suite): a registration is created once
 * per id and once per partner and content, read back exactly, replaced only from the status and version read;
 * listings go oldest first (created, then id: the index sort key) a page at a time, each registration once;
 * the expiry listing holds protected registrations ending by a day, soonest first; the conflict lookup finds
 * every registration and house account under a customer's match keys, as they are now. Listings are read for
 * this contract's own ids, as the table may hold other tests' registrations.
 */
export function dealRegistrationStoreContract(label: string, open: () => Promise<DealStores>) {
  describe(`${label} keeps the DealRegistrationStore contract`, () => {
    let store: DealRegistrationStore;
    let houses: HouseAccountStore;

    beforeAll(async () => {
      ({ registrations: store, houseAccounts: houses } = await open());
    });

    it('creates a registration once per id and once per partner and content; another partner may send the same content', async () => {
      const first = submitted('CDR-ONCE-1', 'CDP1', '2026-03-01T09:00:00.000Z');
      expect(await store.create(first, 'content-A')).toEqual({ kind: 'created' });
      expect(await store.create({ ...first, registrationId: 'CDR-ONCE-2' }, 'content-A')).toEqual({
        kind: 'duplicate',
        registrationId: 'CDR-ONCE-1',
      });
      expect(await store.create({ ...first, description: 'other' }, 'content-B')).toEqual({
        kind: 'duplicate',
        registrationId: 'CDR-ONCE-1',
      });
      const otherPartner = submitted('CDR-ONCE-3', 'CDP2', '2026-03-01T09:00:00.000Z');
      expect(await store.create(otherPartner, 'content-A')).toEqual({ kind: 'created' });
      expect(await store.get('CDR-ONCE-1')).toEqual(first);
      expect(await store.get('CDR-ONCE-2')).toBeUndefined();
    });

    it('replaces a registration only from the status and version read', async () => {
      const stored = submitted('CDR-VER', 'CDP1', '2026-03-01T09:00:00.000Z');
      await store.create(stored, 'content-VER');
      const approved = { ...stored, status: 'approved' as const, protectedUntil: '2026-05-30', version: 2 };
      expect(await store.replace(approved, 'submitted')).toBe(true);
      expect(await store.replace({ ...approved, status: 'rejected' }, 'submitted')).toBe(false);
      expect(await store.replace({ ...approved, status: 'won', version: 4 }, 'approved')).toBe(false);
      expect(await store.replace({ ...approved, registrationId: 'CDR-GHOST' }, 'submitted')).toBe(false);
      expect(await store.get('CDR-VER')).toEqual(approved);
    });

    it("lists a partner's registrations (optionally of one status) and a status's, oldest first, each once across pages", async () => {
      const made = [
        submitted('CDR-LIST-B', 'CDP3', '2026-03-02T00:00:00.000Z'),
        submitted('CDR-LIST-A', 'CDP3', '2026-03-02T00:00:00.000Z', { status: 'draft' }),
        submitted('CDR-LIST-C', 'CDP3', '2026-03-01T00:00:00.000Z'),
        submitted('CDR-LIST-D', 'CDP4', '2026-02-28T00:00:00.000Z', { status: 'inReview' }),
        submitted('CDR-LIST-E', 'CDP3', '2026-03-03T00:00:00.000Z', { status: 'inReview' }),
      ];
      for (const each of made) await store.create(each, `content-${each.registrationId}`);

      const ofPartner = await everyPage(2, (page) => store.ofPartner('CDP3', undefined, page));
      const submittedOfPartner = await everyPage(1, (page) => store.ofPartner('CDP3', 'submitted', page));
      const inReview = await everyPage(1, (page) => store.withStatus('inReview', page));

      expect(idsOf(ofPartner, 'CDR-LIST')).toEqual(['CDR-LIST-C', 'CDR-LIST-A', 'CDR-LIST-B', 'CDR-LIST-E']);
      expect(ofPartner.find((each) => each.registrationId === 'CDR-LIST-A')).toEqual(made[1]);
      expect(idsOf(submittedOfPartner, 'CDR-LIST')).toEqual(['CDR-LIST-C', 'CDR-LIST-B']);
      expect(idsOf(inReview, 'CDR-LIST')).toEqual(['CDR-LIST-D', 'CDR-LIST-E']);
    });

    it('lists protected registrations ending on or before a day, soonest first (then id), each once across pages', async () => {
      const made = (
        [
          ['CDR-EXP-B', 'approved', '2026-05-10'],
          ['CDR-EXP-A', 'extended', '2026-05-10'],
          ['CDR-EXP-C', 'extensionRequested', '2026-05-01'],
          ['CDR-EXP-D', 'approved', '2026-05-11'],
          ['CDR-EXP-E', 'won', '2026-04-01'],
        ] as const
      ).map(([registrationId, status, protectedUntil]) =>
        submitted(registrationId, 'CDP5', '2026-03-01T00:00:00.000Z', { status, protectedUntil }),
      );
      for (const each of made) await store.create(each, `content-${each.registrationId}`);

      const ending = await everyPage(2, (page) => store.protectedThrough('2026-05-10', page));

      expect(idsOf(ending, 'CDR-EXP')).toEqual(['CDR-EXP-C', 'CDR-EXP-A', 'CDR-EXP-B']);
    });

    it("finds every registration and house account under a customer's match keys, as they are now", async () => {
      const mine = submitted('CDR-HOLD-1', 'CDP6', '2026-03-01T00:00:00.000Z', { customer: acme });
      // The same customer as typed by another partner: the normalized name and the domain match.
      const theirs = submitted('CDR-HOLD-2', 'CDP7', '2026-03-02T00:00:00.000Z', {
        customer: { name: 'Acme, Inc', country: 'US', webDomain: 'www.ACME-contract.example' },
      });
      const stranger = submitted('CDR-HOLD-3', 'CDP7', '2026-03-02T00:00:00.000Z', {
        customer: { name: 'Globex', country: 'US' },
      });
      for (const each of [mine, theirs, stranger]) await store.create(each, `content-${each.registrationId}`);
      const approved = { ...mine, status: 'approved' as const, protectedUntil: '2026-05-30', version: 2 };
      await store.replace(approved, 'submitted');
      const house: HouseAccount = {
        houseAccountId: 'CHA-HOLD',
        customer: { name: 'ACME Incorporated', country: 'US', webDomain: 'acme-contract.example' },
        createdAt: '2026-02-01T00:00:00.000Z',
        createdBy: { userId: 'u-admin', role: 'admin' },
      };
      await houses.create(house);

      const held = await store.holdersOf(acmeKeys, { partnerId: 'CDP8', skus: ['WIDGET-1'] });
      const byId = [...held.registrations].sort((a, b) => (a.registrationId < b.registrationId ? -1 : 1));

      expect(byId).toEqual([approved, theirs]);
      expect(held.houseAccounts).toEqual([house]);
      expect(await houses.remove('CHA-HOLD')).toBe(true);
      expect(await houses.remove('CHA-HOLD')).toBe(false);
      expect((await store.holdersOf(acmeKeys)).houseAccounts).toEqual([]);
      expect(await store.holdersOf(['NAME#US#NOBODY CONTRACT'])).toEqual({
        registrations: [],
        houseAccounts: [],
      });
    });

    it('lists house accounts by id, each once across pages, and reads one back exactly', async () => {
      const made = ['CHA-L-B', 'CHA-L-A', 'CHA-L-C'].map(
        (houseAccountId): HouseAccount => ({
          houseAccountId,
          customer: { name: `House ${houseAccountId}`, country: 'FR' },
          note: 'direct',
          createdAt: '2026-02-01T00:00:00.000Z',
          createdBy: { userId: 'u-admin', role: 'admin' },
        }),
      );
      for (const house of made) await houses.create(house);

      const listed = await everyPage(2, (page) => houses.list(page));

      expect(listed.map((house) => house.houseAccountId).filter((id) => id.startsWith('CHA-L'))).toEqual([
        'CHA-L-A',
        'CHA-L-B',
        'CHA-L-C',
      ]);
      expect(await houses.get('CHA-L-B')).toEqual(made[0]);
      expect(await houses.get('CHA-NONE')).toBeUndefined();
    });
  });
}
