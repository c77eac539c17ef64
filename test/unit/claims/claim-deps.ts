import type { ClaimDeps } from '../../../domain/claims/submit-claim';
import type { EventPublisher } from '../../../domain/shared/ports';
import type { DomainEvent } from '../../../events/domain-event';
import { fixedClock } from '../../support/in-memory-record-store';
import { InMemoryAccrualLedger } from '../accrual-runs/fakes';
import { posting } from '../ledger/builders';
import { activeProgram, programDeps } from '../programs/builders';
import { InMemoryClaimFunds, InMemoryClaimStore } from './fakes';

/** Every event published, in order. */
export class RecordingPublisher implements EventPublisher {
  readonly events: DomainEvent[] = [];
  async publish(event: DomainEvent): Promise<void> {
    this.events.push(event);
  }
}

/**
 * Claim dependencies in memory: program VOL-2026 (monthly, USD, every partner eligible) active, and partner
 * P1 earned 250.00 USD of rebate in 2026-03. Claim ids are CLM-1, CLM-2, … or derived from the key.
 */
export async function claimDeps(clock = fixedClock('2026-04-02T10:00:00.000Z')) {
  const programs = programDeps(clock);
  await activeProgram(programs);
  const ledger = new InMemoryAccrualLedger();
  ledger.seed(
    posting('accrual', {
      programId: 'VOL-2026',
      period: '2026-03',
      beneficiaryPartnerId: 'P1',
      partnerId: 'P1',
      amount: '250.00',
    }),
  );
  const claims = new InMemoryClaimStore();
  let ids = 0;
  const deps = {
    claims,
    claimFunds: new InMemoryClaimFunds(claims, ledger),
    programs: programs.programs,
    programVersions: programs.programVersions,
    ledger,
    events: new RecordingPublisher(),
    clock,
    claimIdFor: (partnerId: string, key?: string) =>
      key === undefined ? `CLM-${++ids}` : `CLM-${partnerId}-${key}`,
  } satisfies ClaimDeps & Record<string, unknown>;
  return deps;
}

/** A claim request of P1 on VOL-2026 2026-03 in USD, one line per amount (references INV-1, INV-2, …). */
export function claimRequest(
  amounts: readonly string[] = ['100.00'],
  overrides: Record<string, unknown> = {},
) {
  return {
    type: 'rebate' as const,
    programId: 'VOL-2026',
    period: '2026-03',
    fund: 'rebate' as const,
    currency: 'USD' as const,
    lines: amounts.map((amount, index) => ({ amount, reference: `INV-${index + 1}`, evidence: [] })),
    ...overrides,
  };
}
