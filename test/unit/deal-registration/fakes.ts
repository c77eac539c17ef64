import { customerMatchKeys } from '../../../domain/deal-registration/customer-identity';
import { matchKeyValues } from '../../../domain/deal-registration/deal-conflicts';
import type {
  DealRegistration,
  DealReminder,
  HouseAccount,
} from '../../../domain/deal-registration/deal-registration';
import type {
  DealPolicyStore,
  DealRegistrationDeps,
  DealRegistrationStore,
  HouseAccountStore,
} from '../../../domain/deal-registration/ports';
import type { PageRequest } from '../../../domain/shared/ports';
import type { DomainEvent } from '../../../events/domain-event';
import { bySortKey, offsetPage } from '../../support/in-memory-pages';

// The adapter's index sort keys: registrations by creation, the expiry listing by protection end, each then by id.
const byCreation = bySortKey((each: DealRegistration) => `${each.createdAt}#${each.registrationId}`);
const byProtectionEnd = bySortKey(
  (each: DealRegistration) => `${each.protectedUntil}#${each.registrationId}`,
);

/**
 * Deal registrations in Maps with the adapter's contract (test/support/deal-registration-store-contract.ts):
 * create once per id and per partner and content, changes conditional on status and version, listings oldest
 * first and paged.
 */
export class InMemoryDealStore implements DealRegistrationStore {
  readonly registrations = new Map<string, DealRegistration>();
  readonly houses = new Map<string, HouseAccount>();
  readonly policies = new Map<string, Parameters<DealPolicyStore['put']>[1]>();
  private readonly contents = new Map<string, string>();

  async create(registration: DealRegistration, sameContentKey: string) {
    // The same content is a duplicate only from the same partner, as the adapter keys it.
    const content = JSON.stringify([registration.partnerId, sameContentKey]);
    const held =
      this.contents.get(content) ??
      (this.registrations.has(registration.registrationId) ? registration.registrationId : undefined);
    if (held !== undefined) return { kind: 'duplicate' as const, registrationId: held };
    this.contents.set(content, registration.registrationId);
    this.registrations.set(registration.registrationId, registration);
    return { kind: 'created' as const };
  }

  private listed(wanted: (registration: DealRegistration) => boolean, page: PageRequest) {
    return offsetPage([...this.registrations.values()].filter(wanted).sort(byCreation), page);
  }

  async get(id: string) {
    return this.registrations.get(id);
  }

  async replace(next: DealRegistration, expected: DealRegistration['status']) {
    const stored = this.registrations.get(next.registrationId);
    if (stored === undefined || stored.status !== expected || stored.version !== next.version - 1)
      return false;
    this.registrations.set(next.registrationId, next);
    return true;
  }

  async ofPartner(partnerId: string, status: DealRegistration['status'] | undefined, page: PageRequest) {
    return this.listed(
      (each) => each.partnerId === partnerId && (status === undefined || each.status === status),
      page,
    );
  }

  async withStatus(status: DealRegistration['status'], page: PageRequest) {
    return this.listed((each) => each.status === status, page);
  }

  async holdersOf(keys: readonly string[]) {
    const wanted = new Set(keys);
    const under = (customer: DealRegistration['customer']) =>
      matchKeyValues(customerMatchKeys(customer)).some((key) => wanted.has(key));
    return {
      registrations: [...this.registrations.values()].filter((each) => under(each.customer)),
      houseAccounts: [...this.houses.values()].filter((each) => under(each.customer)),
    };
  }

  async protectedThrough(day: string, page: PageRequest) {
    const ending = [...this.registrations.values()]
      .filter((each) => ['approved', 'extensionRequested', 'extended'].includes(each.status))
      .filter((each) => each.protectedUntil !== undefined && each.protectedUntil <= day)
      .sort(byProtectionEnd);
    return offsetPage(ending, page);
  }
}

/** Deps over one in-memory store, a settable clock and a list of published events. */
export function dealDeps(start = '2026-03-02T09:00:00.000Z') {
  const store = new InMemoryDealStore();
  const events: DomainEvent[] = [];
  let now = new Date(start);
  let counter = 0;
  const houseAccounts: HouseAccountStore = {
    create: async (house) => {
      store.houses.set(house.houseAccountId, house);
    },
    get: async (id) => store.houses.get(id),
    list: async (page) =>
      offsetPage([...store.houses.values()].sort(bySortKey((house) => house.houseAccountId)), page),
    remove: async (id) => store.houses.delete(id),
  };
  const policies: DealPolicyStore = {
    get: async (id) => store.policies.get(id),
    put: async (id, policy) => {
      store.policies.set(id, policy);
    },
  };
  const reminders: DealReminder[] = [];
  const deps: DealRegistrationDeps = {
    registrations: store,
    houseAccounts,
    policies,
    events: { publish: async (event) => void events.push(event) },
    reminders: {
      deliver: async (reminder) => {
        const held = (each: DealReminder) =>
          each.registrationId === reminder.registrationId && each.protectedUntil === reminder.protectedUntil;
        if (!reminders.some(held)) reminders.push(reminder);
      },
      list: async (partnerId) => ({
        items: reminders.filter((each) => partnerId === undefined || each.partnerId === partnerId).reverse(),
      }),
    },
    clock: () => now,
    registrationIdFor: (partnerId, key) =>
      key === undefined ? `DR-${String(++counter).padStart(4, '0')}` : `DR-K-${partnerId}-${key}`,
    newId: () => `id${++counter}`,
    pause: async () => undefined,
  };
  return {
    deps,
    store,
    events,
    reminders,
    setNow: (iso: string) => {
      now = new Date(iso);
    },
  };
}
