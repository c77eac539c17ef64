import type { Actor } from '../../../domain/access/actor';
import { addDays } from '../../../domain/deal-registration/deal-conflicts';
import {
  decideExtension,
  recordDealOutcome,
  requestExtension,
} from '../../../domain/deal-registration/deal-protection-use-cases';
import type {
  DealRegistration,
  DealRegistrationRequest,
} from '../../../domain/deal-registration/deal-registration';
import {
  decideDealRegistration,
  registerDeal,
  submitDealRegistration,
} from '../../../domain/deal-registration/deal-registration-use-cases';
import { expireDealRegistrations } from '../../../domain/deal-registration/expire-deal-registrations';
import { addHouseAccount, saveDealPolicy } from '../../../domain/deal-registration/house-account-use-cases';
import type { DealRegistrationDeps } from '../../../domain/deal-registration/ports';
import {
  authorizeWonDeal,
  type WonDealAuthorizationDeps,
} from '../../../domain/deal-registration/won-deal-authorization';
import { registrationIdFor } from '../../../functions/deal-registration/create-deal-registration-deps';

const north: Actor = { userId: 'demo-partner-dist-north', role: 'partner', partnerId: 'DIST-NORTH' };
const acme: Actor = { userId: 'demo-partner-res-acme', role: 'partner', partnerId: 'RES-ACME' };
const manager: Actor = { userId: 'demo-channel-manager', role: 'channel_manager' };
const admin: Actor = { userId: 'demo-admin', role: 'admin' };

type Step = 'submit' | 'approve' | 'reject' | 'askExtension' | 'extend' | 'won' | 'lost';

/** One demo registration: who, which customer, and the steps that bring it to the state it shows. */
interface DemoDeal {
  readonly key: string;
  readonly by: Actor;
  readonly programId: string;
  readonly customer: DealRegistrationRequest['customer'];
  readonly skus: readonly string[];
  readonly steps: readonly Step[];
  /** Registered this many days ago (the expired one: its 90 days ran out). */
  readonly daysAgo?: number;
}

const demoDeals: readonly DemoDeal[] = [
  {
    key: 'draft',
    by: north,
    programId: 'DEALS-2026',
    customer: { name: 'Wayne Enterprises', country: 'US', webDomain: 'wayne.example' },
    skus: ['SW-0001'],
    steps: [],
  },
  {
    key: 'submitted',
    by: north,
    programId: 'DEALS-2026',
    customer: { name: 'Stark Industries', country: 'US', taxId: '94-0000001' },
    skus: ['SW-0001'],
    steps: ['submit'],
  },
  {
    key: 'approved',
    by: north,
    programId: 'DEALS-2026',
    customer: { name: 'Cyberdyne Systems Corp.', country: 'US', webDomain: 'cyberdyne.example' },
    skus: ['SW-0001', 'RT-0002'],
    steps: ['submit', 'approve'],
  },
  {
    key: 'duplicate',
    by: acme,
    programId: 'DEALS-2026',
    customer: { name: 'CYBERDYNE SYSTEMS', country: 'US', taxId: '94-0000002' },
    skus: ['RT-0002'],
    steps: ['submit'],
  },
  {
    key: 'shared-first',
    by: north,
    programId: 'DEALS-SHARED',
    customer: { name: 'Tyrell Corp', country: 'US', webDomain: 'tyrell.example' },
    skus: ['SW-0001'],
    steps: ['submit', 'approve'],
  },
  {
    key: 'in-review',
    by: acme,
    programId: 'DEALS-SHARED',
    customer: { name: 'Tyrell Corporation', country: 'US', webDomain: 'www.tyrell.example' },
    skus: ['SW-0001'],
    steps: ['submit'],
  },
  {
    key: 'rejected',
    by: acme,
    programId: 'DEALS-2026',
    customer: { name: 'Soylent Inc.', country: 'US', taxId: '94-0000003' },
    skus: ['SW-0001'],
    steps: ['submit', 'reject'],
  },
  {
    key: 'house',
    by: acme,
    programId: 'DEALS-2026',
    customer: { name: 'Blue Sun Corporation', country: 'US', webDomain: 'bluesun.example' },
    skus: ['SW-0001'],
    steps: ['submit'],
  },
  {
    key: 'extension-requested',
    by: north,
    programId: 'DEALS-2026',
    customer: { name: 'Oscorp', country: 'US', taxId: '94-0000004' },
    skus: ['SW-0001'],
    steps: ['submit', 'approve', 'askExtension'],
  },
  {
    key: 'extended',
    by: north,
    programId: 'DEALS-2026',
    customer: { name: 'Umbrella Corporation', country: 'GB', taxId: 'GB000000005' },
    skus: ['RT-0002'],
    steps: ['submit', 'approve', 'askExtension', 'extend'],
  },
  {
    key: 'won',
    by: acme,
    programId: 'DEALS-2026',
    customer: { name: 'Initech LLC', country: 'US', taxId: '94-0000006' },
    skus: ['SW-0001'],
    steps: ['submit', 'approve', 'won'],
  },
  {
    key: 'lost',
    by: acme,
    programId: 'DEALS-2026',
    customer: { name: 'Globex Corporation', country: 'US', taxId: '94-0000007' },
    skus: ['RT-0002'],
    steps: ['submit', 'approve', 'lost'],
  },
  {
    key: 'expired',
    by: north,
    programId: 'DEALS-2026',
    customer: { name: 'Massive Dynamic', country: 'US', taxId: '94-0000008' },
    skus: ['SW-0001'],
    steps: ['submit', 'approve'],
    daysAgo: 120,
  },
];

const stepFrom: Record<Step, DealRegistration['status']> = {
  submit: 'draft',
  approve: 'submitted',
  reject: 'submitted',
  askExtension: 'approved',
  extend: 'extensionRequested',
  won: 'approved',
  lost: 'approved',
};

async function take(deps: DealRegistrationDeps, deal: DemoDeal, step: Step, id: string) {
  switch (step) {
    case 'submit':
      return submitDealRegistration(deps, deal.by, id);
    case 'approve':
      return decideDealRegistration(deps, manager, id, { decision: 'approve' });
    case 'reject':
      return decideDealRegistration(deps, manager, id, {
        decision: 'reject',
        reason: 'Not a new opportunity: renewal of an existing contract',
      });
    case 'askExtension':
      return requestExtension(deps, deal.by, id, {
        activity: 'Second technical workshop held; procurement review pending',
      });
    case 'extend':
      return decideExtension(deps, manager, id, { decision: 'approve' });
    case 'won':
    case 'lost':
      return recordDealOutcome(deps, deal.by, id, { outcome: step });
  }
}

/**
 * Deal registrations in every state for the two demo partners, through the use cases the API runs: a
 * policy with a reduced second-partner benefit (DEALS-SHARED), a house account, then each registration
 * taken through its steps. Idempotent: each is registered with its own Idempotency-Key, and a step is taken
 * only while the registration is still where the step starts, so a restart changes nothing.
 */
export async function seedDemoDeals(deps: DealRegistrationDeps): Promise<number> {
  await saveDealPolicy(deps, admin, 'DEALS-SHARED', {
    conflictPolicy: 'secondPartnerReduced',
    protectionDays: 90,
    extensionDays: 30,
    reducedBenefitPercent: '50',
  });
  const houses = await deps.houseAccounts.list({ limit: 100 });
  if (!houses.items.some((house) => house.customer.webDomain === 'bluesun.example')) {
    await addHouseAccount(deps, admin, {
      customer: { name: 'Blue Sun Corporation', country: 'US', webDomain: 'bluesun.example' },
      note: 'Global account served directly',
    });
  }
  for (const deal of demoDeals) {
    const then = new Date(deps.clock().getTime() - (deal.daysAgo ?? 0) * 86_400_000);
    const at = { ...deps, clock: () => then };
    const day = then.toISOString().slice(0, 10);
    const { registration } = await registerDeal(at, deal.by, {
      idempotencyKey: `demo-deal-${deal.key}`,
      request: {
        programId: deal.programId,
        customer: deal.customer,
        products: deal.skus.map((sku, index) => ({ sku, quantity: 25 * (index + 1) })),
        estimatedValue: { amount: '84000.00', currency: 'USD' },
        closeDate: addDays(day, 75),
        description: 'Demo: qualified the opportunity with the customer’s buyer and ran a proof of concept',
      },
    });
    let current = registration;
    for (const step of deal.steps) {
      if (current.status !== stepFrom[step]) continue;
      current = await take(at, deal, step, current.registrationId);
    }
  }
  // The 120-day-old approval's protection ended: the daily job expires it, as it would overnight.
  await expireDealRegistrations(deps, { reminderDays: 14 });
  return demoDeals.length;
}

/** The won demo deal (Initech LLC, RES-ACME) by the id its Idempotency-Key gives it. */
export const demoWonDealId = registrationIdFor('RES-ACME', 'demo-deal-won');

/**
 * The special pricing of the won demo deal: its debit authorization, requested by the channel manager and
 * waiting for an approver (SW-0001 down by 15.00 a unit to Initech, POS customer id C-INITECH). Idempotent:
 * a second run answers the authorization the first created.
 */
export async function seedDemoWonDealAuthorization(deps: WonDealAuthorizationDeps): Promise<string> {
  const { authorization } = await authorizeWonDeal(deps, manager, {
    registrationId: demoWonDealId,
    terms: {
      endCustomerId: 'C-INITECH',
      bookCostBasis: 'acquisitionCost',
      lines: [{ productSku: 'SW-0001', pricing: { method: 'downBy', amountPerUnit: '15.00' } }],
    },
  });
  return authorization.authorizationNumber;
}
