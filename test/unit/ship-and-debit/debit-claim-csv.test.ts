import { describe, expect, it } from 'vitest';
import { parseDebitClaimCsv } from '../../../domain/ship-and-debit/debit-claim-csv';

const header =
  'authorization_number,invoice_number,invoice_line,ship_date,end_customer_id,product_sku,quantity,book_cost,authorized_cost,resale_price,amount';

describe('ship & debit claim CSV reader', () => {
  it('reads rows by header name in any column order, quoted cells included', () => {
    const parsed = parseDebitClaimCsv(
      `amount,${header.replace(',amount', '')}\n700.00,DA-1,"INV-55501",1,2026-11-15,EC-7788,GX-100,1000,2.50,1.80,3.10\n`,
    );

    expect(parsed.errors).toEqual([]);
    expect(parsed.lines).toEqual([
      {
        lineNumber: 1,
        authorizationNumber: 'DA-1',
        invoiceNumber: 'INV-55501',
        invoiceLine: '1',
        shipDate: '2026-11-15',
        endCustomerId: 'EC-7788',
        productSku: 'GX-100',
        quantity: 1000,
        bookCost: '2.50',
        authorizedCost: '1.80',
        resalePrice: '3.10',
        amount: '700.00',
      },
    ]);
  });

  it('refuses a row on its own: a missing amount is 15, a negative quantity or a date that is not one is 33', () => {
    const parsed = parseDebitClaimCsv(
      [
        header,
        'DA-1,INV-1,1,2026-11-15,EC-7788,GX-100,10,2.50,1.80,,',
        'DA-1,INV-2,1,2026-11-15,EC-7788,GX-100,-4,2.50,1.80,,0',
        'DA-1,INV-3,1,2026-02-30,EC-7788,GX-100,4,2.50,1.80,,2.80',
        'DA-1,INV-4,1,2026-11-15,EC-7788,GX-100,4,2.50,1.80,,2.80',
      ].join('\n'),
    );

    expect(parsed.rejectedLines.map((line) => [line.lineNumber, line.segment, line.x12Code])).toEqual([
      [1, 2, '15'],
      [2, 3, '33'],
      [3, 4, '33'],
    ]);
    expect(parsed.lines.map((line) => line.invoiceNumber)).toEqual(['INV-4']);
  });

  it('wrong columns are a file-level error naming each, and nothing is read', () => {
    const parsed = parseDebitClaimCsv('invoice,sku,qty,amount,amount\nINV-1,GX-100,4,1,1\n');

    expect(parsed.lines).toEqual([]);
    expect(parsed.errors.map((error) => error.message)).toEqual(
      expect.arrayContaining([
        "column 'invoice' is not a claim column",
        "column 'amount' appears twice",
        "the header has no 'authorization_number' column",
      ]),
    );
  });

  it('a header alone is an error: no claim line', () => {
    expect(parseDebitClaimCsv(`${header}\n`).errors).toEqual([
      { code: 'no_lines', message: 'the CSV has a header and no claim line' },
    ]);
  });
});
