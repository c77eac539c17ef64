import { describe, expect, it } from 'vitest';
import { defaultMappingProfile, mappingProfileSchema } from '../../../domain/ingestion/mapping-profile';
import { parseDebitClaimCsv } from '../../../domain/ship-and-debit/debit-claim-csv';

/** A partner exporting its own columns, `;`-separated, with day-first dates. */
const partnerProfile = mappingProfileSchema.parse({
  kind: 'shipAndDebitClaim',
  delimiter: ';',
  dateFormat: 'DD.MM.YYYY',
  columns: [
    { source: 'Contract No.', field: 'authorizationNumber' },
    { source: 'Invoice', field: 'invoiceNumber' },
    { source: 'Shipped', field: 'shipDate' },
    { source: 'Customer', field: 'endCustomerId' },
    { source: 'Item', field: 'productSku' },
    { source: 'Qty', field: 'quantity' },
    { source: 'Book', field: 'bookCost' },
    { source: 'Net', field: 'authorizedCost' },
    { source: 'Credit', field: 'amount' },
  ],
});
const partnerHeader = 'Contract No.;Invoice;Shipped;Customer;Item;Qty;Book;Net;Credit';

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

  it("through the partner's mapping profile: its own header, ';' and DD.MM.YYYY become the claim line", () => {
    const parsed = parseDebitClaimCsv(
      `${partnerHeader}\nDA-1;INV-9;15.11.2026;EC-7788;GX-100;40;25.00;21.75;130.00\n`,
      partnerProfile,
    );

    expect(parsed.errors).toEqual([]);
    expect(parsed.lines).toEqual([
      {
        lineNumber: 1,
        authorizationNumber: 'DA-1',
        invoiceNumber: 'INV-9',
        shipDate: '2026-11-15',
        endCustomerId: 'EC-7788',
        productSku: 'GX-100',
        quantity: 40,
        bookCost: '25.00',
        authorizedCost: '21.75',
        amount: '130.00',
      },
    ]);
  });

  it('through a profile, a header the profile does not fit is wrong_columns naming the missing and unknown ones', () => {
    const parsed = parseDebitClaimCsv(
      'Contract No.;Invoice;Shipped;Customer;Item;Qty;Book;Net;Rebate\nDA-1;INV-9;15.11.2026;C;GX-100;1;1;1;0\n',
      partnerProfile,
    );

    expect(parsed.lines).toEqual([]);
    expect(parsed.errors).toEqual([
      { code: 'wrong_columns', message: "missing required column 'Credit'", line: 1 },
      { code: 'wrong_columns', message: "unknown column 'Rebate'", line: 1 },
    ]);
  });

  it('the default claim profile reads the canonical header, so the canonical CSV reads the same either way', () => {
    const csv = `${header}\nDA-1,INV-1,1,2026-11-15,EC-7788,GX-100,4,2.50,1.80,,2.80\n`;

    expect(parseDebitClaimCsv(csv, defaultMappingProfile('shipAndDebitClaim'))).toEqual(
      parseDebitClaimCsv(csv),
    );
  });
});
