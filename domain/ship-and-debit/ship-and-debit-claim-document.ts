import type { MappingProfile } from '../ingestion/mapping-profile';
import type { FieldIssue } from '../shared/errors';
import { BusinessRuleError, ValidationError } from '../shared/errors';
import type { CurrencyCode } from '../shared/money/money';
import { unquotedAuthorizationNumber } from './authorization-precedence';
import { parseDebitClaimCsv } from './debit-claim-csv';
import type { DebitClaimLine } from './debit-claim-line';
import { maxShipAndDebitClaimLines, type ShipAndDebitClaimChannel } from './ship-and-debit-claim';
import type { ShipAndDebitClaimJson } from './ship-and-debit-claim-request';
import { type DebitClaim844, parseDebitClaim844, type RejectedDebitClaimLine } from './x12-844-debit-claim';

/**
 * A claim as sent: an X12 844 text, a CSV text (with its number and currency, and the partner's mapping profile
 * when it came as an uploaded file), or JSON lines.
 */
export type ShipAndDebitClaimDocument =
  | { readonly format: 'x12-844'; readonly text: string }
  | {
      readonly format: 'csv';
      readonly text: string;
      readonly claimNumber: string;
      readonly currency: CurrencyCode;
      /** An uploaded claim file: its id (kept on the claim) and the partner's mapping profile it is read with. */
      readonly upload?: { readonly fileId: string; readonly profile: MappingProfile };
    }
  | { readonly format: 'json'; readonly claim: ShipAndDebitClaimJson };

/** A claim read from its document, before validation. */
export interface ReadClaim {
  readonly channel: ShipAndDebitClaimChannel;
  readonly claimNumber: string;
  readonly currency: CurrencyCode;
  readonly lines: DebitClaimLine[];
  readonly unreadable: RejectedDebitClaimLine[];
  /** The 844 claim the 849 answers (made up from the lines for CSV and JSON claims). */
  readonly header: Omit<DebitClaim844, 'lines' | 'rejectedLines'>;
  /** Who the 849 goes to: the 844's sender, else the partner. */
  readonly replyTo: string;
  /** The uploaded file the claim came in, if it came as one. */
  readonly sourceFileId?: string;
}

const fileRejected = (what: string, issues: FieldIssue[]) =>
  new BusinessRuleError(`The ${what} cannot be read as a ship & debit claim`, issues);

const tooLong = (count: number) =>
  fileRejected('claim', [
    { path: 'lines', message: `has ${count} lines; send at most ${maxShipAndDebitClaimLines} per claim` },
  ]);

function read844(text: string, partnerId: string | undefined): ReadClaim & { readonly partnerId: string } {
  const file = parseDebitClaim844(text);
  const issues: FieldIssue[] = file.errors.map((error) => ({
    path: error.segment === undefined ? 'file' : `segment.${error.segment}`,
    message: `${error.code}: ${error.message}`,
  }));
  for (const claim of file.claims) {
    for (const error of claim.errors)
      issues.push({
        path: error.segment === undefined ? 'file' : `segment.${error.segment}`,
        message: `${error.code}: ${error.message}`,
      });
  }
  if (file.claims.length > 1)
    issues.push({ path: 'file', message: 'send one 844 transaction set (one claim) per file' });
  const claim = file.claims[0];
  if (issues.length > 0 || claim === undefined) throw fileRejected('844', issues);
  if (claim.currency === undefined) throw fileRejected('844', [{ path: 'CUR02', message: 'is missing' }]);
  if (claim.claimNumber === '') throw fileRejected('844', [{ path: 'BAA05', message: 'is missing' }]);
  const partner = partnerId ?? claim.distributor.id;
  if (partner === '')
    throw new ValidationError('Name the partner the claim is for', [
      { path: 'query.partnerId', message: 'is required when the 844 names no distributor (N1*DS)' },
    ]);
  if (claim.distributor.id !== '' && claim.distributor.id !== partner)
    throw fileRejected('844', [
      { path: 'N1*DS.04', message: `names distributor ${claim.distributor.id}, not partner ${partner}` },
    ]);
  const count = claim.lines.length + claim.rejectedLines.length;
  if (count > maxShipAndDebitClaimLines) throw tooLong(count);
  const { lines, rejectedLines, ...header } = claim;
  return {
    channel: 'x12-844',
    partnerId: partner,
    claimNumber: claim.claimNumber,
    currency: claim.currency,
    lines,
    unreadable: rejectedLines,
    header,
    replyTo: file.interchange?.senderId || partner,
  };
}

function madeUpHeader(
  partnerId: string,
  claimNumber: string,
  currency: CurrencyCode,
  lines: DebitClaimLine[],
) {
  return {
    transactionControlNumber: '0001',
    claimNumber,
    claimDate: '',
    currency,
    distributor: { id: partnerId, name: partnerId },
    supplier: { id: '', name: '' },
    authorizationNumber: [...new Set(lines.map((line) => line.authorizationNumber))].join(' '),
    errors: [],
  };
}

export function readDocument(
  document: ShipAndDebitClaimDocument,
  partnerId: string | undefined,
): ReadClaim & { readonly partnerId: string } {
  if (document.format === 'x12-844') return read844(document.text, partnerId);
  const partner = partnerId;
  if (partner === undefined)
    throw new ValidationError('Name the partner the claim is for', [
      {
        path: document.format === 'json' ? 'partnerId' : 'query.partnerId',
        message: 'is required when a channel manager submits',
      },
    ]);
  if (document.format === 'csv') {
    const csv = parseDebitClaimCsv(document.text, document.upload?.profile);
    if (csv.errors.length > 0)
      throw fileRejected(
        'CSV',
        csv.errors.map((error) => ({
          path: error.line === undefined ? 'file' : `line.${error.line}`,
          message: `${error.code}: ${error.message}`,
        })),
      );
    const count = csv.lines.length + csv.rejectedLines.length;
    if (count > maxShipAndDebitClaimLines) throw tooLong(count);
    return {
      channel: 'csv',
      partnerId: partner,
      claimNumber: document.claimNumber,
      currency: document.currency,
      lines: csv.lines,
      unreadable: csv.rejectedLines,
      header: madeUpHeader(partner, document.claimNumber, document.currency, csv.lines),
      replyTo: partner,
      ...(document.upload === undefined ? {} : { sourceFileId: document.upload.fileId }),
    };
  }
  const { claim } = document;
  const lines: DebitClaimLine[] = claim.lines.map((line, index) => ({
    lineNumber: index + 1,
    ...line,
    authorizationNumber: line.authorizationNumber ?? unquotedAuthorizationNumber,
  }));
  return {
    channel: 'json',
    partnerId: partner,
    claimNumber: claim.claimNumber,
    currency: claim.currency,
    lines,
    unreadable: [],
    header: madeUpHeader(partner, claim.claimNumber, claim.currency, lines),
    replyTo: partner,
  };
}
