import type { IsoDate } from '../shared/iso-date';
import { type CurrencyCode, currencyMinorUnits } from '../shared/money/money';
import { formatScaled } from '../shared/money/scaled-integer';
import type { DebitClaimLineResult } from './claim-line-validation';
import { parsePrice } from './debit-amount';
import type { DebitClaim844 } from './x12-844-debit-claim';

/** The envelope of one 849 interchange: who sends it to whom, its control numbers and the time (the caller's clock). */
export interface X12ResponseEnvelope {
  readonly senderId: string;
  readonly receiverId: string;
  /** ISA13, 1-999999999, unique per interchange the sender sends. */
  readonly interchangeControlNumber: number;
  /** GS06, unique per functional group. */
  readonly groupControlNumber: number;
  readonly date: IsoDate;
  /** HHMM. */
  readonly time: string;
  /** ISA15: T test, P production. */
  readonly usage: 'T' | 'P';
}

/** One claim answered: the 844 claim and the results of its validated lines. */
export interface DebitClaimResponse {
  readonly claim: DebitClaim844;
  /** The currency the claim was validated in (the 844's CUR02 when it named one ChRM accepts). */
  readonly currency: CurrencyCode;
  /** Results of `claim.lines`, in the same order. */
  readonly results: readonly DebitClaimLineResult[];
}

const pad = (text: string, width: number): string => text.padEnd(width, ' ').slice(0, width);

/**
 * Writes the ANSI X12 849 (4010) response to 844 claims: per claim ST BRC CUR N1(SU, DS) CON, per line PAD LIN
 * AAA (Y, or N with the 901 reject reason and 889 follow-up codes) UIT(CT) QTY(39 approved) AMT(1 approved)
 * REF(IV), then CTT and AMT*TT, in one ISA/GS envelope with matching counts and control numbers. Lines the
 * 844 reader refused are answered N with their code (15 missing data, 33 input errors) and nothing approved.
 */
export function writeDebitClaimResponse849(
  envelope: X12ResponseEnvelope,
  responses: readonly DebitClaimResponse[],
): string {
  // Values came from a file that may have used other delimiters: ours must not appear inside elements.
  const clean = (value: string): string => value.replace(/[*~>\r\n]/g, ' ');
  const segment = (...elements: string[]): string => `${elements.map(clean).join('*')}~`;
  const compact = envelope.date.replaceAll('-', '');
  const interchange = String(envelope.interchangeControlNumber).padStart(9, '0');
  const group = String(envelope.groupControlNumber);
  const out: string[] = [
    `ISA*00*${pad('', 10)}*00*${pad('', 10)}*ZZ*${pad(clean(envelope.senderId), 15)}*ZZ*${pad(clean(envelope.receiverId), 15)}*${compact.slice(2)}*${envelope.time}*U*00401*${interchange}*0*${envelope.usage}*>~`,
    segment('GS', 'CF', envelope.senderId, envelope.receiverId, compact, envelope.time, group, 'X', '004010'),
  ];
  responses.forEach((response, index) => {
    const control = String(index + 1).padStart(4, '0');
    const body = transactionBody(response, compact, segment);
    out.push(segment('ST', '849', control), ...body, segment('SE', String(body.length + 2), control));
  });
  out.push(segment('GE', String(responses.length), group), segment('IEA', '1', interchange));
  return `${out.join('\n')}\n`;
}

function transactionBody(
  { claim, currency, results }: DebitClaimResponse,
  compactDate: string,
  segment: (...elements: string[]) => string,
): string[] {
  const minor = currencyMinorUnits[currency];
  const zero = formatScaled(0n, minor, minor);
  const body = [
    segment('BRC', '00', compactDate, 'ZZ', claim.claimNumber),
    segment('CUR', 'SE', currency),
    segment('N1', 'SU', claim.supplier.name, '92', claim.supplier.id),
    segment('N1', 'DS', claim.distributor.name, '92', claim.distributor.id),
    segment('CON', 'CT', claim.authorizationNumber, 'VA'),
  ];
  const answered: { lineNumber: number; lines: string[] }[] = [];
  let total = 0n;
  claim.lines.forEach((line, index) => {
    const result = results[index];
    const approvedQuantity = result?.approvedQuantity ?? 0;
    const approvedAmount = result?.approvedAmount ?? zero;
    total += parsePrice(approvedAmount);
    const code = result?.x12Code;
    answered.push({
      lineNumber: line.lineNumber,
      lines: [
        segment('PAD', String(line.lineNumber), 'SD'),
        segment('LIN', '', 'VP', line.productSku),
        code === undefined ? segment('AAA', 'Y') : segment('AAA', 'N', '', code, result?.followUp ?? 'C'),
        ...(approvedQuantity > 0 && result?.authorizedCost !== undefined
          ? [segment('UIT', 'EA', result.authorizedCost, 'CT')]
          : []),
        segment('QTY', '39', String(approvedQuantity), 'EA'),
        segment('AMT', '1', approvedAmount),
        segment('REF', 'IV', line.invoiceNumber),
        ...(line.invoiceLine === undefined ? [] : [segment('REF', 'LI', line.invoiceLine)]),
      ],
    });
  });
  for (const rejected of claim.rejectedLines) {
    answered.push({
      lineNumber: rejected.lineNumber,
      lines: [
        segment('PAD', String(rejected.lineNumber), 'SD'),
        ...(rejected.productSku === '' ? [] : [segment('LIN', '', 'VP', rejected.productSku)]),
        segment('AAA', 'N', '', rejected.x12Code, 'C'),
        segment('QTY', '39', '0', 'EA'),
        segment('AMT', '1', zero),
        ...(rejected.invoiceNumber === '' ? [] : [segment('REF', 'IV', rejected.invoiceNumber)]),
      ],
    });
  }
  answered.sort((a, b) => a.lineNumber - b.lineNumber);
  return [
    ...body,
    ...answered.flatMap((line) => line.lines),
    segment('CTT', String(answered.length)),
    segment('AMT', 'TT', formatScaled(total, 6, minor)),
  ];
}
