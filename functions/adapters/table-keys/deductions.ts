import type { ItemKey, ListIndexKey } from './item-key';

/**
 * Deductions imported from receivables, and the lines that make an import idempotent.
 *
 * | item              | pk                     | sk                          | gsi1pk                    | gsi1sk                  |
 * |-------------------|------------------------|-----------------------------|---------------------------|-------------------------|
 * | deduction         | DEDUCTION#<id>         | DEDUCTION                   | DEDUCTIONS                | <status>#<importedAt>#<id> |
 * | deduction line    | DEDUCTION#LINE#<JSON [p, invoice, reference, amount]> | LINE (deductionId) |     |                         |
 *
 * Access patterns (numbered across the table):
 * 30. deductions of one status (open: the aging report)         → Query gsi1 DEDUCTIONS, begins_with <status>#
 * 31. who holds a receivables line (idempotent import)          → GetItem DEDUCTION#LINE#… (written with the deduction)
 */

export const deductionKey = (deductionId: string): ItemKey => ({
  pk: `DEDUCTION#${deductionId}`,
  sk: 'DEDUCTION',
});
export const deductionListKey = (status: string, importedAt: string, deductionId: string): ListIndexKey => ({
  gsi1pk: 'DEDUCTIONS',
  gsi1sk: `${status}#${importedAt}#${deductionId}`,
});
/** The line key is JSON of free text (invoice, reference), so no separator can make two lines collide. */
export const deductionLineKey = (sameLineKey: string): ItemKey => ({
  pk: `DEDUCTION#LINE#${sameLineKey}`,
  sk: 'LINE',
});
