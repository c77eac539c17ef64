import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateDebitClaimLines } from '../../../domain/ship-and-debit/claim-line-validation';
import { parseDebitClaim844 } from '../../../domain/ship-and-debit/x12-844-debit-claim';
import { writeDebitClaimResponse849 } from '../../../domain/ship-and-debit/x12-849-debit-response';
import { sampleClaimLines, sampleContext } from './claim-validation-fixtures';

const envelope = {
  senderId: 'GLOBEXSEMI',
  receiverId: 'ACMEDIST',
  interchangeControlNumber: 1,
  groupControlNumber: 1,
  date: '2026-12-05',
  time: '0900',
  usage: 'T' as const,
};

const sample = readFileSync('/work/shared/data/x12/844-4010-constructed.edi', 'latin1');
const segments = sample.split('~\n').filter((segment) => segment !== '');
/** The sample with segments replaced (by their text) and the SE count kept right unless told otherwise. */
const edited = (edit: (list: string[]) => string[]): string => `${edit([...segments]).join('~\n')}~\n`;
const codes = (text: string) => parseDebitClaim844(text).errors.map((error) => error.code);

describe('X12 844 debit claim reader', () => {
  it('reads the constructed sample: claim DM-2026-000123 under DA-2026-0042, three lines, no error', () => {
    const parsed = parseDebitClaim844(sample);

    expect(parsed.errors).toEqual([]);
    expect(parsed.interchange).toEqual({
      senderId: 'ACMEDIST',
      receiverId: 'GLOBEXSEMI',
      controlNumber: '000000844',
      usage: 'T',
    });
    expect(parsed.claims).toEqual([
      expect.objectContaining({
        claimNumber: 'DM-2026-000123',
        claimDate: '2026-11-30',
        currency: 'USD',
        distributor: { id: 'DIST-001', name: 'ACME ELECTRONICS DISTRIBUTION' },
        supplier: { id: 'SUPP-01', name: 'GLOBEX SEMICONDUCTOR' },
        authorizationNumber: 'DA-2026-0042',
        lines: sampleClaimLines,
        rejectedLines: [],
        errors: [],
      }),
    ]);
  });

  it('reports wrong SE, GE and IEA counts and control numbers at their segments', () => {
    const text = edited((list) =>
      list.map((segment) =>
        segment
          .replace('SE*36*0001', 'SE*35*0002')
          .replace('GE*1*844', 'GE*2*844')
          .replace('IEA*1*000000844', 'IEA*1*000000845'),
      ),
    );
    expect(parseDebitClaim844(text).errors).toEqual([
      { code: 'segment_count_mismatch', message: 'SE01 says 35, the file has 36', segment: 38 },
      { code: 'control_number_mismatch', message: 'SE02 0002 does not repeat 0001', segment: 38 },
      { code: 'transaction_count_mismatch', message: 'GE01 says 2, the file has 1', segment: 39 },
      { code: 'control_number_mismatch', message: 'IEA02 000000845 does not repeat 000000844', segment: 40 },
    ]);
  });

  it('reports missing envelopes: no ISA/GS, no SE/GE/IEA', () => {
    const bare = edited((list) => list.filter((segment) => !/^(ISA|GS|GE|IEA)\*/.test(segment)));
    expect(codes(bare)).toContain('envelope_missing');
    const truncated = edited((list) => list.slice(0, -3));
    expect(parseDebitClaim844(truncated).errors.map((error) => error.message)).toEqual([
      'transaction set 0001 has no SE',
      'the GS group has no GE',
      'the ISA interchange has no IEA',
    ]);
  });

  it('refuses another transaction set and a file with no 844', () => {
    const other = edited((list) => list.map((segment) => segment.replace('ST*844*0001', 'ST*867*0001')));
    expect(codes(other)).toEqual(['wrong_transaction_set', 'no_transaction']);
    expect(codes('')).toEqual(['envelope_missing', 'malformed', 'no_transaction']);
  });

  it('claim-level errors: missing CON, unknown currency, CTT and AMT*TT totals that do not add up', () => {
    const text = edited((list) =>
      list
        .filter((segment) => !segment.startsWith('CON*'))
        .map((segment) =>
          segment
            .replace('CUR*SE*USD', 'CUR*SE*XXX')
            .replace('CTT*3*2120', 'CTT*3*2121')
            .replace('AMT*TT*1610.00', 'AMT*TT*1610.01')
            .replace('SE*36*', 'SE*35*'),
        ),
    );
    const [claim] = parseDebitClaim844(text).claims;
    expect(claim?.errors.map((error) => [error.code, error.message])).toEqual([
      ['unknown_qualifier', "CUR02 'XXX' is not a currency ChRM accepts"],
      ['missing_segment', 'the 844 has no CON segment'],
      ['totals_mismatch', 'CTT02 says 2121, the quantities add up to 2120'],
      ['totals_mismatch', 'AMT*TT says 1610.01, the lines add up to 1610'],
    ]);
  });

  it('line-level errors: negative quantity (33), no invoice (15), absurd quantity (33), impossible date (33)', () => {
    let quantities = 0;
    const text = edited((list) =>
      list
        .filter((segment) => segment !== 'REF*IV*INV-55502')
        .map((segment) => {
          if (segment === 'QTY*39*1000*EA')
            return ++quantities === 1 ? 'QTY*39*-5*EA' : 'QTY*39*99999999999*EA';
          return segment.replace('SE*36*', 'SE*35*');
        }),
    );
    const [claim] = parseDebitClaim844(text).claims;
    expect(claim?.lines).toEqual([]);
    expect(
      claim?.rejectedLines.map((line) => [line.lineNumber, line.code, line.x12Code, line.message]),
    ).toEqual([
      [1, 'invalid_value', '33', "quantity '-5' is not a positive whole number of units up to 1e9"],
      [2, 'missing_data', '15', 'the line has no REF*IV invoice number'],
      [3, 'invalid_value', '33', "quantity '99999999999' is not a positive whole number of units up to 1e9"],
    ]);
    const date = edited((list) =>
      list.map((segment) => segment.replace('DTM*011*20261120', 'DTM*011*20261131')),
    );
    expect(parseDebitClaim844(date).claims[0]?.rejectedLines).toEqual([
      expect.objectContaining({
        lineNumber: 2,
        x12Code: '33',
        message: "ship date '20261131' is not a date",
      }),
    ]);
    const basis = edited((list) =>
      list.map((segment) => segment.replace('UIT*EA*2.50*DI', 'UIT*EA*2.50*XX')),
    );
    expect(parseDebitClaim844(basis).claims[0]?.rejectedLines[0]).toMatchObject({
      code: 'unknown_qualifier',
      message: "UIT03 'XX' is not DI, CT or RS",
    });
  });

  it('never throws on arbitrary input: bytes, truncations and segment shuffles come back as errors', () => {
    const anyText = fc.oneof(
      fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
      fc.integer({ min: 0, max: sample.length }).map((end) => sample.slice(0, end)),
      fc.shuffledSubarray(segments).map((list) => `${list.join('~')}~`),
      fc.string({ maxLength: 300 }).map((noise) => `ISA*00*${noise}~ST*844*1~PAD*1*SD~${noise}`),
    );
    fc.assert(
      fc.property(anyText, (text) => {
        const parsed = parseDebitClaim844(text);
        expect(Array.isArray(parsed.errors)).toBe(true);
        if (parsed.claims.length === 0) expect(parsed.errors.length).toBeGreaterThan(0);
        // Whatever was read goes on through validation and the 849 without a crash either.
        const responses = parsed.claims.map((claim) => ({
          claim,
          currency: 'USD' as const,
          results: validateDebitClaimLines(sampleContext({}, claim.lines), claim.lines),
        }));
        expect(writeDebitClaimResponse849(envelope, responses)).toMatch(/^ISA\*/);
      }),
      { numRuns: 200 },
    );
  });
});
