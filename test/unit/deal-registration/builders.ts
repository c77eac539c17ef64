import type {
  DealRegistration,
  DealRegistrationRequest,
} from '../../../domain/deal-registration/deal-registration';

/** A registration request for ACME Inc. (US, acme.example): 40 × WIDGET-1, closing in May 2026. */
export const acmeRequest = (overrides: Partial<DealRegistrationRequest> = {}): DealRegistrationRequest => ({
  programId: 'DEALS-2026',
  customer: { name: 'ACME Inc.', country: 'US', webDomain: 'acme.example' },
  products: [{ sku: 'WIDGET-1', quantity: 40 }],
  estimatedValue: { amount: '125000.00', currency: 'USD' },
  closeDate: '2026-05-29',
  description: 'Ran the pilot with their IT team',
  ...overrides,
});

/** A stored registration in `status`, for rule tests. */
export const registration = (overrides: Partial<DealRegistration> = {}): DealRegistration => ({
  registrationId: 'DR-1',
  partnerId: 'P1',
  programId: 'DEALS-2026',
  customer: { name: 'ACME Inc.', country: 'US', webDomain: 'acme.example' },
  products: [{ sku: 'WIDGET-1', quantity: 40 }],
  estimatedValue: { amount: '125000.00', currency: 'USD' },
  closeDate: '2026-05-29',
  description: 'pilot',
  status: 'approved',
  createdAt: '2026-03-01T00:00:00.000Z',
  createdBy: { userId: 'u-p1', role: 'partner' },
  protectedUntil: '2026-05-30',
  history: [],
  version: 1,
  ...overrides,
});

/** ACME, 40 × WIDGET-1 and 4 × GADGET-2 by P1, approved 2026-03-02 and protected through 2026-05-30, won. */
export const wonRegistration = (): DealRegistration =>
  registration({
    registrationId: 'DR-WON1',
    status: 'won',
    approvedAt: '2026-03-02T09:00:00.000Z',
    protectedUntil: '2026-05-30',
    products: [
      { sku: 'WIDGET-1', quantity: 40 },
      { sku: 'GADGET-2', quantity: 4 },
    ],
  });
