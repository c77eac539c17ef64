import { describe, expect, it } from 'vitest';
import { maxClaimFileBytes, uploadRequestSchema } from '../../../domain/channel-files/request-upload';

const claimUpload = {
  kind: 'shipAndDebitClaim',
  fileName: 'claim.csv',
  contentType: 'text/csv',
  sizeBytes: 900,
  claimNumber: 'NW-UP-1',
  currency: 'USD',
};

const issuesOf = (body: unknown) =>
  uploadRequestSchema.safeParse(body).error?.issues.map((issue) => [issue.path.join('.'), issue.message]);

describe('asking for a ship & debit claim upload', () => {
  it('a claim file names its claim number and currency', () => {
    expect(uploadRequestSchema.parse(claimUpload)).toMatchObject({ claimNumber: 'NW-UP-1', currency: 'USD' });
    const { claimNumber: _n, currency: _c, ...bare } = claimUpload;
    expect(issuesOf(bare)).toEqual([
      ['claimNumber', 'is required for a ship & debit claim file'],
      ['currency', 'is required for a ship & debit claim file'],
    ]);
  });

  it('a POS file names neither', () => {
    expect(issuesOf({ ...claimUpload, kind: 'pos' })).toEqual([
      ['claimNumber', 'is only for a ship & debit claim file'],
      ['currency', 'is only for a ship & debit claim file'],
    ]);
  });

  it('a claim file is CSV of at most 1 MiB (45 lines are a few KB)', () => {
    expect(issuesOf({ ...claimUpload, sizeBytes: maxClaimFileBytes + 1 })).toEqual([
      ['sizeBytes', 'is over 1 MiB, too large for one claim (45 lines)'],
    ]);
    expect(issuesOf({ ...claimUpload, contentType: 'application/edi-x12' })).toEqual([
      ['contentType', 'a claim file is CSV: text/csv or text/plain'],
    ]);
  });
});
