/**
 * Single-table design: every key ChRM writes is built in this directory, one module per bounded context, each
 * with its rows of the key table and its access patterns (numbered across the table):
 *
 * - master-data.ts: partners, products, price lists, price entries (1–5)
 * - channel-files.ts: channel files, file fingerprints, mapping profiles, partner SKU cross-references (6, 12, 19)
 * - channel-lines.ts: sale lines, inventory snapshots, rejected lines, line change counters; sharding (7–11)
 * - accruals.ts: programs, program versions, accrual runs (13–14)
 * - ledger.ts: ledger heads and postings, manual adjustments, accounting periods (15–18, 20)
 * - claims.ts: claims, claim references, claim funds and reservations (21–24)
 * - approvals.ts: the approval policy, approval tasks (25–27)
 * - payments.ts: payment batches, partner payments (28–29)
 * - deductions.ts: deductions, deduction lines (30–31)
 * - ship-and-debit.ts: debit authorizations, ship & debit claims, bill-backs (32–39)
 * - funds.ts: funds, fund movements, fund requests, fund claims (40–45)
 * - deal-registration.ts: registrations, customer entries, house accounts, deal policies, reminders (50–56)
 * - price-protection.ts: price protection runs and lines (60–64)
 * - reports.ts: sales summaries, near-tier alerts (70–72)
 * - upgrades.ts: checkpoints of one-time upgrade jobs (80)
 *
 * Table: pk (S), sk (S); GSIs gsi1, gsi2, gsi3 on (gsiNpk, gsiNsk), projection ALL.
 */
export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

export interface ListIndexKey {
  readonly gsi1pk: string;
  readonly gsi1sk: string;
}
