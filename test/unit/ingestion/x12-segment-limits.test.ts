import { describe, expect, it } from 'vitest';
import { FileRejectedError } from '../../../domain/ingestion/file-rejected-error';
import { ingestLimits } from '../../../domain/ingestion/ingest-limits';
import { X12SegmentReader } from '../../../domain/ingestion/x12-segments';
import { bytes, parseAll } from './ingestion-helpers';

const x12 = { fileName: 'report.edi', contentType: 'application/edi-x12', kind: 'inventory' as const };
const isa =
  'ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *200101*1253*U*00401*000000001*0*P*>~';

describe('X12SegmentReader: segment limit', () => {
  it('refuses a segment that runs past the limit without buffering the rest of the stream', () => {
    const reader = new X12SegmentReader(() => undefined);
    reader.push(`${isa}GS*PD*S*R*20200101*1253*1*X*004010~ST*852*0001~XQ*H*`);
    const chunk = '9'.repeat(16 * 1024);
    let failure: unknown;
    let fed = 0;
    try {
      for (; fed < 20 * 1024 * 1024; fed += chunk.length) reader.push(chunk);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(FileRejectedError);
    expect((failure as FileRejectedError).reasons[0]).toEqual({
      code: 'too_large',
      message: 'X12 segment 4 is longer than 65,536 characters, the most a segment may have',
    });
    expect(fed).toBeLessThanOrEqual(ingestLimits.lineChars + chunk.length);
  });

  it('refuses text in which no X12 delimiters show up within the limit', () => {
    const reader = new X12SegmentReader(() => undefined);
    expect(() => reader.push(`ST${'A'.repeat(ingestLimits.lineChars + 1)}`)).toThrow(FileRejectedError);
  });

  it('fails an 852 whose item segment holds 20 MiB, with a file-level reason', async () => {
    const file = `${isa}GS*PD*S*R*20200101*1253*1*X*004010~ST*852*0001~XQ*H*20200101~LIN**UP*${'1'.repeat(20 * 1024 * 1024)}~SE*4*0001~`;
    await expect(parseAll(bytes(file), x12, [64 * 1024])).rejects.toSatisfy(
      (error) => error instanceof FileRejectedError && error.reasons[0]?.code === 'too_large',
    );
  });
});
