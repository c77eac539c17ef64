import {
  buildCheckbooks,
  type CheckbookSums,
  checkbookFigures,
  zeroCheckbookSums,
} from '../../domain/ledger/checkbook';
import type { LedgerPosting } from '../../domain/ledger/ledger-posting';
import type { LiabilityRow } from '../../domain/reports/liabilities';
import { type LiabilityGrain, liabilityGrainKey } from '../../domain/reports/liability-summary';
import { toMinorUnits } from '../../domain/shared/money/minor-units';

const columns = ['earned', 'adjustments', 'claimed', 'paid'] as const;

/**
 * The liabilities report's rows computed from postings by the checkbook (`buildCheckbooks`, per fund and
 * period, then funds added together): what the precomputed summaries must equal.
 */
export function checkbookLiabilityRows(postings: readonly LedgerPosting[]): LiabilityRow[] {
  const rows = new Map<string, { row: LiabilityGrain; sums: CheckbookSums }>();
  for (const book of buildCheckbooks(postings)) {
    for (const period of book.periods) {
      const row = {
        programId: book.programId,
        partnerId: book.beneficiaryPartnerId,
        period: period.period,
        currency: book.currency,
      };
      const key = liabilityGrainKey(row);
      const entry = rows.get(key) ?? { row, sums: zeroCheckbookSums() };
      for (const column of columns) entry.sums[column] += toMinorUnits(period[column], book.currency);
      rows.set(key, entry);
    }
  }
  return [...rows.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, { row, sums }]) => ({ ...row, ...checkbookFigures(sums, row.currency) }));
}
