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
import type { DomainEvent } from '../../../events/domain-event';

/** Deal registrations in Maps with the adapter's contract: create once, changes conditional on status and version. */
export class InMemoryDealStore implements DealRegistrationStore {
  readonly registrations = new Map<string, DealRegistration>();
  readonly houses = new Map<string, HouseAccount>();
  readonly policies = new Map<string, Parameters<DealPolicyStore['put']>[1]>();
  private readonly contents = new Map<string, string>();

  async create(registration: DealRegistration, sameContentKey: string) {
    const held =
      this.contents.get(sameContentKey) ??
      (this.registrations.has(registration.registrationId) ? registration.registrationId : undefined);
    if (held !== undefined) return { kind: 'duplicate' as const, registrationId: held };
    this.contents.set(sameContentKey, registration.registrationId);
    this.registrations.set(registration.registrationId, registration);
    return { kind: 'created' as const };
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

  async ofPartner(partnerId: string, status: DealRegistration['status'] | undefined) {
    return {
      items: [...this.registrations.values()].filter(
        (each) => each.partnerId === partnerId && (status === undefined || each.status === status),
      ),
    };
  }

  async withStatus(status: DealRegistration['status']) {
    return { items: [...this.registrations.values()].filter((each) => each.status === status) };
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

  async protectedThrough(day: string) {
    const items = [...this.registrations.values()]
      .filter((each) => ['approved', 'extensionRequested', 'extended'].includes(each.status))
      .filter((each) => each.protectedUntil !== undefined && each.protectedUntil <= day)
      .sort((a, b) => ((a.protectedUntil ?? '') < (b.protectedUntil ?? '') ? -1 : 1));
    return { items };
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
    list: async () => ({ items: [...store.houses.values()] }),
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
