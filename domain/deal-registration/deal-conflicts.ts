import {
  type CustomerMatchKey,
  type CustomerMatchKind,
  customerMatchKeys,
  sharedMatchKinds,
} from './customer-identity';
import type {
  DealBenefit,
  DealConflict,
  DealRegistration,
  DealRegistrationPolicy,
  HouseAccount,
} from './deal-registration';
import { pendingStatuses, protectedStatuses } from './deal-registration';

/** What the conflict rules compare of a registration. */
export type ConflictSubject = Pick<
  DealRegistration,
  'registrationId' | 'partnerId' | 'customer' | 'products'
>;

/** How two registrations clash: the identity keys and the SKUs they share. */
export interface Clash {
  readonly matchedOn: readonly CustomerMatchKind[];
  readonly skus: readonly string[];
}

/**
 * Whether two registrations by different partners name the same customer (any shared normalized key) and
 * at least one product in common. Symmetric: clash(a, b) and clash(b, a) agree (the same kinds and SKUs).
 */
export function clashOf(a: ConflictSubject, b: ConflictSubject): Clash | undefined {
  if (a.partnerId === b.partnerId || a.registrationId === b.registrationId) return undefined;
  const matchedOn = sharedMatchKinds(customerMatchKeys(a.customer), customerMatchKeys(b.customer)).sort();
  if (matchedOn.length === 0) return undefined;
  const theirs = new Set(b.products.map((product) => product.sku));
  const skus = a.products
    .map((product) => product.sku)
    .filter((sku) => theirs.has(sku))
    .sort();
  return skus.length === 0 ? undefined : { matchedOn, skus };
}

/**
 * Whether `a` was submitted before `b`: by submission time, then id, so that every reader orders two
 * submissions alike; a registration not yet submitted comes after every submitted one.
 */
export function submittedBefore(
  a: Pick<DealRegistration, 'submittedAt' | 'registrationId'>,
  b: Pick<DealRegistration, 'submittedAt' | 'registrationId'>,
): boolean {
  if (a.submittedAt === undefined) return false;
  if (b.submittedAt === undefined || a.submittedAt !== b.submittedAt) {
    return b.submittedAt === undefined || a.submittedAt < b.submittedAt;
  }
  return a.registrationId < b.registrationId;
}

/**
 * How an existing registration stands against `candidate` on `today`: `holds` once approved, through its
 * last protected day; while it waits for a decision, `holds` when its own check passed cleanly (it will not
 * yield) or it was submitted first, and `undecided` while its check runs and it was submitted later (it
 * yields if it sees the candidate, else the candidate must wait for its outcome). Of two submissions racing
 * for one customer the one reading last sees the other, so exactly one keeps the customer.
 */
export function standingAgainst(
  existing: DealRegistration,
  candidate: Pick<DealRegistration, 'submittedAt' | 'registrationId'>,
  today: string,
): 'holds' | 'undecided' | 'none' {
  if ((pendingStatuses as readonly string[]).includes(existing.status)) {
    if (existing.checkedAt !== undefined) return existing.conflict === undefined ? 'holds' : 'none';
    return submittedBefore(existing, candidate) ? 'holds' : 'undecided';
  }
  const inForce =
    (protectedStatuses as readonly string[]).includes(existing.status) &&
    existing.protectedUntil !== undefined &&
    existing.protectedUntil >= today;
  return inForce ? 'holds' : 'none';
}

/** Other partners' registrations clashing with `candidate` whose own check is still running (see above). */
export function undecidedClashes(
  candidate: ConflictSubject,
  found: { readonly registrations: readonly DealRegistration[] },
  today: string,
): DealRegistration[] {
  return found.registrations.filter(
    (existing) =>
      standingAgainst(existing, candidate, today) === 'undecided' &&
      clashOf(candidate, existing) !== undefined,
  );
}

const union = <T>(lists: readonly (readonly T[])[]) => [...new Set(lists.flat())].sort();

/**
 * The conflict of `candidate` with the registrations and house accounts found under its customer keys, on
 * `today`: a house account wins over everything (the customer is served directly); otherwise every other
 * partner's registration that holds the customer with a product in common. Undefined when there is none.
 */
export function findConflict(
  candidate: ConflictSubject,
  found: {
    readonly registrations: readonly DealRegistration[];
    readonly houseAccounts: readonly HouseAccount[];
  },
  today: string,
): DealConflict | undefined {
  const keys = customerMatchKeys(candidate.customer);
  const houses = found.houseAccounts
    .map((house) => ({ house, matchedOn: sharedMatchKinds(keys, customerMatchKeys(house.customer)) }))
    .filter((match) => match.matchedOn.length > 0);
  if (houses.length > 0) {
    return {
      kind: 'houseAccount',
      matchedOn: union(houses.map((match) => match.matchedOn)),
      skus: [],
      houseAccountIds: houses.map((match) => match.house.houseAccountId).sort(),
    };
  }
  const clashes = found.registrations
    .filter((existing) => standingAgainst(existing, candidate, today) === 'holds')
    .flatMap((existing) => {
      const clash = clashOf(candidate, existing);
      return clash === undefined ? [] : [{ existing, clash }];
    });
  if (clashes.length === 0) return undefined;
  const protectedUntil = clashes
    .map((each) => each.existing.protectedUntil)
    .filter((day): day is string => day !== undefined)
    .sort()
    .at(-1);
  return {
    kind: 'otherPartner',
    matchedOn: union(clashes.map((each) => each.clash.matchedOn)),
    skus: union(clashes.map((each) => each.clash.skus)),
    ...(protectedUntil === undefined ? {} : { protectedUntil }),
    registrationIds: clashes.map((each) => each.existing.registrationId).sort(),
    partnerIds: union(clashes.map((each) => [each.existing.partnerId])),
  };
}

/** Where a submitted registration goes after the conflict check, under its program's policy. */
export type ConflictOutcome =
  | { readonly status: 'submitted'; readonly benefit: DealBenefit }
  | { readonly status: 'inReview'; readonly benefit: DealBenefit }
  | {
      readonly status: 'rejected';
      readonly rejection: { readonly code: 'duplicate' | 'houseAccount'; readonly reason: string };
    };

/**
 * The rules' answer to a conflict. A house account is rejected; another partner's hold is a duplicate under
 * first come, first served, and under `secondPartnerReduced` goes to a person at the reduced benefit. The
 * reasons say what clashed, never who holds it.
 */
export function conflictOutcome(
  conflict: DealConflict | undefined,
  policy: DealRegistrationPolicy,
): ConflictOutcome {
  if (conflict === undefined) return { status: 'submitted', benefit: { kind: 'full' } };
  if (conflict.kind === 'houseAccount') {
    return {
      status: 'rejected',
      rejection: {
        code: 'houseAccount',
        reason: 'The manufacturer serves this customer directly (house account); it cannot be registered',
      },
    };
  }
  if (policy.conflictPolicy === 'firstComeFirstServed') {
    const until =
      conflict.protectedUntil === undefined ? '' : ` (protected until ${conflict.protectedUntil})`;
    return {
      status: 'rejected',
      rejection: {
        code: 'duplicate',
        reason: `Another partner registered this customer for ${conflict.skus.join(', ')} first${until}`,
      },
    };
  }
  return { status: 'inReview', benefit: { kind: 'reduced', percent: policy.reducedBenefitPercent } };
}

/** The keys a registration or house account is indexed under (see `customerMatchKeys`). */
export const matchKeyValues = (keys: readonly CustomerMatchKey[]) => keys.map((key) => key.value);

/** `day` plus `days` calendar days, as YYYY-MM-DD (UTC). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
