import type { Clock, EventPublisher, Page, PageRequest } from '../shared/ports';
import type {
  DealRegistration,
  DealRegistrationPolicy,
  DealRegistrationStatus,
  DealReminder,
  HouseAccount,
} from './deal-registration';

export type DealRegistrationCreation =
  | { readonly kind: 'created' }
  /** The id, or the same content from the same partner (see `sameContentKey`), is stored already. */
  | { readonly kind: 'duplicate'; readonly registrationId: string };

/** What conflict lookup found under a customer's match keys. */
export interface CustomerHolders {
  readonly registrations: readonly DealRegistration[];
  readonly houseAccounts: readonly HouseAccount[];
}

/**
 * Where deal registrations are kept. Every change is conditional on the stored status and version
 * (`next.version - 1`), so of two people deciding the same registration exactly one succeeds.
 */
export interface DealRegistrationStore {
  /** Stores a new registration and its customer index entries, unless its id or its content is stored. */
  create(registration: DealRegistration, sameContentKey: string): Promise<DealRegistrationCreation>;
  get(registrationId: string): Promise<DealRegistration | undefined>;
  /** Replaces the registration if it is still `expected` at `next.version - 1`; false otherwise. */
  replace(next: DealRegistration, expected: DealRegistrationStatus): Promise<boolean>;
  /** One partner's registrations, oldest first, optionally of one status. */
  ofPartner(
    partnerId: string,
    status: DealRegistrationStatus | undefined,
    page: PageRequest,
  ): Promise<Page<DealRegistration>>;
  /** Every partner's registrations of one status, oldest first (the review queue reads `inReview`). */
  withStatus(status: DealRegistrationStatus, page: PageRequest): Promise<Page<DealRegistration>>;
  /**
   * The registrations and house accounts indexed under any of `matchKeys`: a query per key, so the cost
   * depends on how many hold that customer, not on how many registrations exist. Registrations of
   * `candidate.partnerId`, or with none of `candidate.skus`, cannot clash and may be left out.
   */
  holdersOf(
    matchKeys: readonly string[],
    candidate?: { readonly partnerId: string; readonly skus: readonly string[] },
  ): Promise<CustomerHolders>;
  /** Registrations under protection whose protection ends on or before `day`, soonest first. */
  protectedThrough(day: string, page: PageRequest): Promise<Page<DealRegistration>>;
}

/** The house (direct) account list; each entry is indexed under its customer's match keys. */
export interface HouseAccountStore {
  create(houseAccount: HouseAccount): Promise<void>;
  get(houseAccountId: string): Promise<HouseAccount | undefined>;
  list(page: PageRequest): Promise<Page<HouseAccount>>;
  /** Removes the entry and its index entries; false when there was none. */
  remove(houseAccountId: string): Promise<boolean>;
}

/** Deal-registration policies per program (absent: `defaultDealPolicy`). */
export interface DealPolicyStore {
  get(programId: string): Promise<DealRegistrationPolicy | undefined>;
  put(programId: string, policy: DealRegistrationPolicy): Promise<void>;
}

/** Where expiry reminders are delivered for the portal to read (see `DealReminder`). */
export interface DealReminderOutbox {
  /** Stores the reminder unless its registration was reminded for that protection end already. */
  deliver(reminder: DealReminder): Promise<void>;
  /** One partner's reminders, or every partner's, newest first. */
  list(partnerId: string | undefined, page: PageRequest): Promise<Page<DealReminder>>;
}

/** What the deal-registration use cases need. */
export interface DealRegistrationDeps {
  readonly registrations: DealRegistrationStore;
  readonly houseAccounts: HouseAccountStore;
  readonly policies: DealPolicyStore;
  readonly events: EventPublisher;
  readonly reminders: DealReminderOutbox;
  readonly clock: Clock;
  /** A new registration id; for an idempotency key, always the same id for the same partner and key. */
  readonly registrationIdFor: (partnerId: string, idempotencyKey?: string) => string;
  readonly newId: () => string;
  /** Waits `ms` milliseconds (a submission waiting for a racing one's check to finish). */
  readonly pause: (ms: number) => Promise<void>;
}
