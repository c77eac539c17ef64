import { describe, expect, it } from 'vitest';
import type { RequestSubjectRef } from '../../../domain/approvals/approval-subject';
import type { RequestApprovalStarting } from '../../../domain/approvals/ports';
import type { DealRegistration } from '../../../domain/deal-registration/deal-registration';
import {
  authorizeWonDeal,
  type WonDealAuthorizationTerms,
} from '../../../domain/deal-registration/won-deal-authorization';
import type { ProductData } from '../../../domain/products/product';
import {
  BusinessRuleError,
  ForbiddenError,
  NotFoundError,
  StateConflictError,
} from '../../../domain/shared/errors';
import type { Stored } from '../../../domain/shared/ports';
import type { DebitAuthorization } from '../../../domain/ship-and-debit/debit-authorization';
import type { DebitAuthorizationDeps } from '../../../domain/ship-and-debit/debit-authorization-use-cases';
import { approver, channelManager, partnerUser } from '../../support/actors';
import { registration, wonRegistration } from './builders';
import { dealDeps } from './fakes';

const won = wonRegistration();

const terms: WonDealAuthorizationTerms = {
  endCustomerId: 'C-ACME',
  bookCostBasis: 'acquisitionCost',
  lines: [
    { productSku: 'WIDGET-1', pricing: { method: 'downTo', authorizedCost: '80.00' } },
    { productSku: 'GADGET-2', pricing: { method: 'downByPercent', percent: '12.5' } },
  ],
};

/** Deal deps holding `registrations`, and an authorization side over a Map with products WIDGET-1, GADGET-2. */
function setup(...registrations: DealRegistration[]) {
  const deals = dealDeps();
  for (const each of registrations) deals.store.registrations.set(each.registrationId, each);
  const stored = new Map<string, DebitAuthorization>();
  const product = (sku: string) =>
    ['WIDGET-1', 'GADGET-2'].includes(sku) ? ({ sku } as unknown as Stored<ProductData>) : undefined;
  const started: RequestSubjectRef[] = [];
  const authorizations: DebitAuthorizationDeps & RequestApprovalStarting = {
    approvalWorkflow: { start: async (subject) => void started.push(subject) },
    authorizations: {
      get: async (number) => stored.get(number),
      getAll: async () => new Map(),
      create: async (authorization) => {
        if (stored.has(authorization.authorizationNumber)) return false;
        stored.set(authorization.authorizationNumber, authorization);
        return true;
      },
      replace: async () => false,
      list: async () => ({ items: [...stored.values()] }),
    },
    products: { get: async (sku) => product(sku) },
    priceLists: { get: async () => undefined },
    endCustomers: { list: async () => ({ items: [] }) },
    clock: deals.deps.clock,
    newAuthorizationNumber: () => 'DA-UNUSED',
  };
  return { deps: { deals: deals.deps, authorizations }, deals, stored, started };
}

describe('a won registration creates its debit authorization', () => {
  it('40 × WIDGET-1 and 4 × GADGET-2 for ACME, protected 2026-03-02 → 2026-05-30: requested for P1 with those caps, linked both ways', async () => {
    const { deps, deals, started } = setup(won);
    const { authorization, created } = await authorizeWonDeal(deps, channelManager, {
      registrationId: 'DR-WON1',
      terms,
    });
    expect(created).toBe(true);
    expect(started).toEqual([{ kind: 'debitAuthorizationRequest', id: 'DA-DR-WON1' }]);
    expect(authorization).toMatchObject({
      authorizationNumber: 'DA-DR-WON1',
      dealRegistrationId: 'DR-WON1',
      partnerId: 'P1',
      currency: 'USD',
      status: 'requested',
      requestedBy: channelManager.userId,
      coverage: { kind: 'endCustomer', endCustomerId: 'C-ACME' },
      validFrom: '2026-03-02',
      validTo: '2026-05-30',
    });
    expect(
      authorization.lines.map((line) => [line.productSku, line.quantityCap, line.remainingQuantity]),
    ).toEqual([
      ['WIDGET-1', 40, 40],
      ['GADGET-2', 4, 4],
    ]);
    const linked = deals.store.registrations.get('DR-WON1');
    expect(linked).toMatchObject({ status: 'won', debitAuthorizationNumber: 'DA-DR-WON1', version: 2 });
    expect(linked?.history.at(-1)).toMatchObject({
      from: 'won',
      to: 'won',
      note: 'debit authorization DA-DR-WON1',
    });
  });

  it('a second call answers the same authorization, whatever its terms; so does a retry after a crash before the link', async () => {
    const { deps, deals, stored } = setup(won);
    const first = await authorizeWonDeal(deps, channelManager, { registrationId: 'DR-WON1', terms });
    const second = await authorizeWonDeal(deps, channelManager, {
      registrationId: 'DR-WON1',
      terms: { ...terms, endCustomerId: 'OTHER' },
    });
    expect(second).toEqual({ authorization: first.authorization, created: false });
    expect(stored.size).toBe(1);

    // Crash between storing the authorization and linking it: the registration still has no number.
    deals.store.registrations.set('DR-WON1', won);
    const retried = await authorizeWonDeal(deps, channelManager, { registrationId: 'DR-WON1', terms });
    expect(retried).toEqual({ authorization: first.authorization, created: false });
    expect(deals.store.registrations.get('DR-WON1')?.debitAuthorizationNumber).toBe('DA-DR-WON1');
  });

  it('two concurrent calls store one authorization and link it once', async () => {
    const { deps, deals, stored } = setup(won);
    const both = await Promise.all([
      authorizeWonDeal(deps, channelManager, { registrationId: 'DR-WON1', terms }),
      authorizeWonDeal(deps, channelManager, { registrationId: 'DR-WON1', terms }),
    ]);
    expect(both.map((each) => each.authorization.authorizationNumber)).toEqual(['DA-DR-WON1', 'DA-DR-WON1']);
    expect(both.filter((each) => each.created)).toHaveLength(1);
    expect(stored.size).toBe(1);
    expect(deals.store.registrations.get('DR-WON1')?.version).toBe(2);
  });

  it('refuses a registration not won (409), lines that do not price its products (422), others than a channel manager', async () => {
    const approved = registration({ registrationId: 'DR-APPROVED', approvedAt: '2026-03-02T09:00:00.000Z' });
    const { deps, stored } = setup(won, approved);
    await expect(
      authorizeWonDeal(deps, channelManager, { registrationId: 'DR-APPROVED', terms }),
    ).rejects.toThrow(StateConflictError);
    const unpriced = authorizeWonDeal(deps, channelManager, {
      registrationId: 'DR-WON1',
      terms: { ...terms, lines: [terms.lines[0] as WonDealAuthorizationTerms['lines'][number]] },
    });
    await expect(unpriced).rejects.toMatchObject({
      issues: [{ path: 'lines', message: 'must price every product; missing GADGET-2' }],
    });
    const foreign = authorizeWonDeal(deps, channelManager, {
      registrationId: 'DR-WON1',
      terms: { ...terms, lines: [...terms.lines, { ...terms.lines[0], productSku: 'SPROCKET-9' }] as never },
    });
    await expect(foreign).rejects.toThrow(BusinessRuleError);
    await expect(foreign).rejects.toMatchObject({
      issues: [{ path: 'lines.2.productSku', message: 'is not a product of the registration' }],
    });
    await expect(authorizeWonDeal(deps, approver, { registrationId: 'DR-WON1', terms })).rejects.toThrow(
      ForbiddenError,
    );
    await expect(
      authorizeWonDeal(deps, partnerUser('P1'), { registrationId: 'DR-WON1', terms }),
    ).rejects.toThrow(ForbiddenError);
    await expect(
      authorizeWonDeal(deps, channelManager, { registrationId: 'DR-NONE', terms }),
    ).rejects.toThrow(NotFoundError);
    expect(stored.size).toBe(0);
  });
});
