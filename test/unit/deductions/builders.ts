import type { Deduction } from '../../../domain/deductions/deduction';

/** An open EUR deduction of P1 imported on 2026-03-01; tests override what they are about. */
export function openDeduction(overrides: Partial<Deduction> = {}): Deduction {
  return {
    deductionId: 'D-1',
    partnerId: 'P1',
    invoice: 'INV-9000',
    amount: '100.00',
    currency: 'EUR',
    reason: 'Q1 rebate',
    reference: '',
    status: 'open',
    importedAt: '2026-03-01T08:00:00.000Z',
    importedBy: { userId: 'u-fin', role: 'finance' },
    version: 1,
    ...overrides,
  };
}
