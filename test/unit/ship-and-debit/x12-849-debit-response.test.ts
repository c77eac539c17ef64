import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { X12SegmentReader } from '../../../domain/ingestion/x12-segments';
import { validateDebitClaimLines } from '../../../domain/ship-and-debit/claim-line-validation';
import { parseDebitClaim844 } from '../../../domain/ship-and-debit/x12-844-debit-claim';
import {
  writeDebitClaimResponse849,
  type X12ResponseEnvelope,
} from '../../../domain/ship-and-debit/x12-849-debit-response';
import { X12EnvelopeCheck } from '../../../domain/ship-and-debit/x12-envelope-check';
import { sampleContext } from './claim-validation-fixtures';

const samples = '/work/shared/data/x12';
const sample844 = readFileSync(`${samples}/844-4010-constructed.edi`, 'latin1');
const envelope: X12ResponseEnvelope = {
  senderId: 'GLOBEXSEMI',
  receiverId: 'ACMEDIST',
  interchangeControlNumber: 849,
  groupControlNumber: 849,
  date: '2026-12-05',
  time: '0900',
  usage: 'T',
};

/** Reads an 849 back with the same segment reader and envelope check: per PAD, AAA codes, quantity, amount. */
function read849(text: string) {
  const check = new X12EnvelopeCheck();
  const lines: { pad: string; aaa: string[]; quantity: string; amount: string }[] = [];
  let total = '';
  let last = 0;
  const reader = new X12SegmentReader((elements, segment) => {
    last = segment;
    const [id = '', first = '', second = ''] = elements;
    check.onSegment(id, elements, segment);
    const line = lines.at(-1);
    if (id === 'PAD') lines.push({ pad: first, aaa: [], quantity: '', amount: '' });
    else if (id === 'AAA' && line) line.aaa = elements.slice(1);
    else if (id === 'QTY' && line) line.quantity = second;
    else if (id === 'AMT' && first === 'TT') total = second;
    else if (id === 'AMT' && line) line.amount = second;
  });
  reader.push(text);
  reader.end();
  check.finish(last);
  return { errors: check.errors, lines, total };
}

describe('X12 849 debit claim response', () => {
  it('844 sample in → validation → 849 out equals the constructed 849, byte for byte', () => {
    const [claim] = parseDebitClaim844(sample844).claims;
    if (claim === undefined) throw new Error('sample');
    const results = validateDebitClaimLines(sampleContext({}, claim.lines), claim.lines);

    const response = writeDebitClaimResponse849(envelope, [{ claim, currency: 'USD', results }]);

    expect(response).toBe(readFileSync(`${samples}/849-4010-constructed.edi`, 'latin1'));
  });

  it('round trip: the 849 reads back with correct envelopes, one AAA per 844 line and the approved total', () => {
    const [claim] = parseDebitClaim844(sample844).claims;
    if (claim === undefined) throw new Error('sample');
    const response = writeDebitClaimResponse849(envelope, [
      {
        claim,
        currency: 'USD',
        results: validateDebitClaimLines(sampleContext({}, claim.lines), claim.lines),
      },
    ]);

    expect(read849(response)).toEqual({
      errors: [],
      lines: [
        { pad: '1', aaa: ['Y'], quantity: '1000', amount: '700.00' },
        { pad: '2', aaa: ['N', '', '04', 'C'], quantity: '100', amount: '175.00' },
        { pad: '3', aaa: ['N', '', '28', 'N'], quantity: '0', amount: '0.00' },
      ],
      total: '875.00',
    });
  });

  it('answers lines the 844 reader refused (15 missing data) and keeps two claims apart in one envelope', () => {
    const broken = sample844.replace('REF*IV*INV-55502~\n', '').replace('SE*36*', 'SE*35*');
    const [claim] = parseDebitClaim844(broken).claims;
    if (claim === undefined) throw new Error('sample');
    const results = validateDebitClaimLines(sampleContext({}, claim.lines), claim.lines);

    const response = writeDebitClaimResponse849(envelope, [
      { claim, currency: 'USD', results },
      { claim, currency: 'USD', results },
    ]);
    const read = read849(response);

    expect(read.errors).toEqual([]);
    expect(read.lines.map((line) => [line.pad, line.aaa.join('*'), line.quantity, line.amount])).toEqual(
      [...Array(2)].flatMap(() => [
        ['1', 'Y', '1000', '700.00'],
        ['2', 'N**15*C', '0', '0.00'],
        ['3', 'N**28*N', '0', '0.00'],
      ]),
    );
    expect(response).toContain('GE*2*849~');
    expect(response).toContain('ST*849*0002~');
  });
});
