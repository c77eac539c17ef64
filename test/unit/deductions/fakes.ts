import { type Deduction, type DeductionStatus, sameLineKey } from '../../../domain/deductions/deduction';
import type {
  ClaimChange,
  DeductionCreation,
  DeductionDeps,
  DeductionStore,
} from '../../../domain/deductions/ports';
import type { Page, PageRequest } from '../../../domain/shared/ports';
import { bySortKey, offsetPage } from '../../support/in-memory-pages';
import { fixedClock } from '../../support/in-memory-record-store';
import { InMemoryAccrualLedger } from '../accrual-runs/fakes';
import { InMemoryClaimStore } from '../claims/fakes';

/** The adapter's index sort key (within a status): oldest import first, then by id. */
const byImport = bySortKey((deduction: Deduction) => `${deduction.importedAt}#${deduction.deductionId}`);

/**
 * Deductions in a Map with the adapter's contract (test/support/deduction-store-contract.ts): one per
 * receivables line, changes conditional on status and version, a settlement writing the deduction and its
 * claims all or nothing, listings paged.
 */
export class InMemoryDeductionStore implements DeductionStore {
  readonly deductions = new Map<string, Deduction>();
  private readonly lines = new Map<string, string>();

  constructor(private readonly claims: InMemoryClaimStore) {}

  async create(deduction: Deduction): Promise<DeductionCreation> {
    const held = this.lines.get(sameLineKey(deduction));
    if (held !== undefined) return { kind: 'duplicate', deductionId: held };
    this.lines.set(sameLineKey(deduction), deduction.deductionId);
    this.deductions.set(deduction.deductionId, deduction);
    return { kind: 'created' };
  }

  async get(deductionId: string) {
    return this.deductions.get(deductionId);
  }

  async withStatus(status: DeductionStatus, page: PageRequest): Promise<Page<Deduction>> {
    const listed = [...this.deductions.values()]
      .filter((deduction) => deduction.status === status)
      .sort(byImport);
    return offsetPage(listed, page);
  }

  async replace(next: Deduction, expected: DeductionStatus) {
    const current = this.deductions.get(next.deductionId);
    if (current?.status !== expected || current.version !== next.version - 1) return false;
    this.deductions.set(next.deductionId, next);
    return true;
  }

  async settle(next: Deduction, changes: readonly ClaimChange[]) {
    const current = this.deductions.get(next.deductionId);
    if (current?.status !== 'open' || current.version !== next.version - 1) return false;
    const stale = changes.some((change) => {
      const claim = this.claims.claims.get(change.next.claimId);
      return claim?.status !== change.expected || claim.version !== change.next.version - 1;
    });
    if (stale) return false;
    for (const change of changes) this.claims.claims.set(change.next.claimId, change.next);
    this.deductions.set(next.deductionId, next);
    return true;
  }
}

/** Deduction use-case dependencies in memory, the clock fixed at 2026-03-01T12:00Z, tolerance 0.05. */
export function deductionDeps(tolerance = '0.05') {
  let sequence = 0;
  const claims = new InMemoryClaimStore();
  return {
    deductions: new InMemoryDeductionStore(claims),
    claims,
    ledger: new InMemoryAccrualLedger(),
    clock: fixedClock(),
    newId: () => `d${String(++sequence).padStart(4, '0')}`,
    tolerance,
  } satisfies DeductionDeps;
}
