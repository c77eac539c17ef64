import { csvDocument } from '../shared/csv-export';
import { debitClaimReasons } from './debit-claim-reasons';
import type { ShipAndDebitClaim } from './ship-and-debit-claim';

const header = [
  'line_number',
  'authorization_number',
  'invoice_number',
  'invoice_line',
  'ship_date',
  'end_customer_id',
  'product_sku',
  'quantity',
  'amount_claimed',
  'outcome',
  'x12_reject_reason',
  'x12_follow_up',
  'reason',
  'approved_quantity',
  'approved_amount',
  'book_cost_basis',
  'book_cost',
  'authorized_cost',
] as const;

/**
 * A claim's lines with their results as CSV, in line order: what the 849 says, for a spreadsheet. Lines the
 * reader could not read are rows `rejected` with their code (15 missing data, 33 input errors).
 */
export function shipAndDebitClaimLinesCsv(claim: ShipAndDebitClaim): string {
  const rows: { lineNumber: number; cells: unknown[] }[] = claim.lines.map((line, index) => {
    const result = claim.results[index];
    return {
      lineNumber: line.lineNumber,
      cells: [
        line.lineNumber,
        line.authorizationNumber,
        line.invoiceNumber,
        line.invoiceLine,
        line.shipDate,
        line.endCustomerId,
        line.productSku,
        line.quantity,
        line.amount,
        result?.outcome,
        result?.x12Code,
        result?.followUp,
        result?.reason === undefined ? '' : debitClaimReasons[result.reason].message,
        result?.approvedQuantity,
        result?.approvedAmount,
        result?.bookCostBasis,
        result?.bookCost,
        result?.authorizedCost,
      ],
    };
  });
  for (const refused of claim.unreadableLines) {
    rows.push({
      lineNumber: refused.lineNumber,
      cells: [
        refused.lineNumber,
        '',
        refused.invoiceNumber,
        '',
        '',
        '',
        refused.productSku,
        '',
        '',
        'rejected',
        refused.x12Code,
        'C',
        refused.message,
        0,
        '',
        '',
        '',
        '',
      ],
    });
  }
  rows.sort((a, b) => a.lineNumber - b.lineNumber);
  return csvDocument(
    header,
    rows.map((row) => row.cells),
  );
}
