import type { Actor } from '../../../domain/access/actor';
import type { RequestApprovalStarting } from '../../../domain/approvals/ports';
import { finalStatuses } from '../../../domain/channel-files/channel-file';
import { requestUpload } from '../../../domain/channel-files/request-upload';
import { debitAuthorizationRequestSchema } from '../../../domain/ship-and-debit/debit-authorization-requests';
import {
  type DebitAuthorizationDeps,
  requestDebitAuthorization,
} from '../../../domain/ship-and-debit/debit-authorization-use-cases';
import {
  type ShipAndDebitClaimDeps,
  submitShipAndDebitClaim,
} from '../../../domain/ship-and-debit/submit-ship-and-debit-claim';
import type { createChannelDataDeps } from '../../../functions/channel-data/create-channel-data-deps';
import { type DemoApprovals, decideDemoRequest } from './decide-demo-request';
import { demoPriceEntries } from './demo-channel';

const manager: Actor = { userId: 'demo-channel-manager', role: 'channel_manager' };
const approver: Actor = { userId: 'demo-approver', role: 'approver' };
const partner: Actor = { userId: 'demo-partner-dist-north', role: 'partner', partnerId: 'DIST-NORTH' };

/** The demo's authorization number and claim number: fixed, so a restart finds them instead of adding more. */
export const demoAuthorizationNumber = 'DA-DEMO-0001';
export const demoShipAndDebitClaimNumber = 'NW-SD-DEMO-1';
/** The blanket authorization and the claim uploaded as CSV that draws on it. */
export const demoBlanketAuthorizationNumber = 'DA-DEMO-BLANKET';
export const demoCsvClaimNumber = 'NW-SD-DEMO-CSV-1';
/** The segment blanket: SW-0001 to any EDU end customer the end-customer master holds (C-21, C-22). */
export const demoSegmentAuthorizationNumber = 'DA-DEMO-SEGMENT-EDU';

export interface SeedShipAndDebitDeps {
  readonly authorizations: DebitAuthorizationDeps & RequestApprovalStarting;
  /** The approvals inbox the demo's approver decides the authorization request in. */
  readonly approvals: DemoApprovals;
  readonly claims: ShipAndDebitClaimDeps;
  readonly channel: ReturnType<typeof createChannelDataDeps>;
}

export interface SeededShipAndDebit {
  readonly authorizationNumber: string;
  readonly claimId: string;
  readonly amountApproved: string;
  readonly settlementClaimId?: string;
  /** The claim Northwind uploaded as CSV (kind `shipAndDebitClaim`), and its file. */
  readonly csvClaimId: string;
  readonly csvFileId: string;
}

const cents = (text: string) => Math.round(Number(text) * 100);
const money = (value: number) => (value / 100).toFixed(2);

/** The 844 Northwind sends: 12 × SW-0001 sold to C-9 on INV-SD-DEMO-1 (8 authorized: 04), 3 × CB-0001 (03). */
function demo844(day: string, book: string, authorizedCost: string): string {
  const compact = day.replaceAll('-', '');
  const credit = cents(book) - cents(authorizedCost);
  const body = [
    `BAA*00*ZZ*${compact}*ZZ*${demoShipAndDebitClaimNumber}`,
    'CUR*SE*USD',
    'N1*DS*NORTHWIND DISTRIBUTION*92*DIST-NORTH',
    'N1*SU*CHRM DEMO MANUFACTURER*92*CHRM',
    `CON*CT*${demoAuthorizationNumber}*VA`,
    'N1*EN*CUSTOMER NINE*92*C-9',
    'PAD*1*SD',
    'LIN**VP*SW-0001',
    `UIT*EA*${book}*DI`,
    `UIT*EA*${authorizedCost}*CT`,
    'QTY*39*12*EA',
    `AMT*1*${money(credit * 12)}`,
    'REF*IV*INV-SD-DEMO-1',
    'REF*LI*1',
    `DTM*011*${compact}`,
    'PAD*2*SD',
    'LIN**VP*CB-0001',
    'UIT*EA*6.30*DI',
    'UIT*EA*5.00*CT',
    'QTY*39*3*EA',
    'AMT*1*3.90',
    'REF*IV*INV-SD-DEMO-1',
    'REF*LI*2',
    `DTM*011*${compact}`,
    'CTT*2*15',
    `AMT*TT*${money(credit * 12 + 390)}`,
  ];
  return `${[
    `ISA*00*          *00*          *ZZ*NORTHWIND      *ZZ*CHRM           *${compact.slice(2)}*0900*U*00401*000000901*0*T*>`,
    `GS*CF*NORTHWIND*CHRM*${compact}*0900*901*X*004010`,
    'ST*844*0001',
    ...body,
    `SE*${body.length + 2}*0001`,
    'GE*1*901',
    'IEA*1*000000901',
  ].join('~\n')}~\n`;
}

/** Uploads a file for DIST-NORTH as the channel manager and waits for its ingest; the file as it ends. */
async function uploadForNorth(
  deps: SeedShipAndDebitDeps['channel'],
  request: { kind: 'pos' } | { kind: 'shipAndDebitClaim'; claimNumber: string; currency: 'USD' },
  fileName: string,
  lines: readonly string[],
) {
  const body = Buffer.from(lines.join('\n'));
  const ticket = await requestUpload(deps, manager, {
    ...request,
    fileName,
    contentType: 'text/csv',
    sizeBytes: body.length,
    partnerId: 'DIST-NORTH',
  });
  const response = await fetch(ticket.uploadUrl, { method: 'PUT', headers: ticket.requiredHeaders, body });
  if (!response.ok) throw new Error(`Demo ship & debit upload ${fileName} failed: HTTP ${response.status}`);
  for (let attempt = 0; attempt < 600; attempt++) {
    const file = await deps.files.get(ticket.file.fileId);
    if (file && finalStatuses.includes(file.status)) return file;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Demo seed: ${fileName} was not ingested within a minute`);
}

const posHeader = 'invoice_number,invoice_line,invoice_date,sku,quantity,uom,unit_price,end_customer_id';

/**
 * One ship & debit story, through the same use cases the API runs: the channel manager requests special
 * pricing for Northwind (SW-0001 to C-9, book − 20.00, 10 units), the approver authorizes 8; Northwind's POS
 * lines of the day are uploaded, then its 844 claims 12 units (cut to 8: 04) and a product not authorized
 * (03). The approved amount waits in the approver's inbox as a `shipAndDebit` claim. Then a blanket
 * authorization (any end customer, 20 SW-0001) and a claim uploaded as CSV (`seedDemoCsvClaim`), and the
 * EDU segment blanket (`seedDemoSegmentBlanket`). A restart finds the claim and authorization numbers taken
 * and changes nothing.
 */
export async function seedDemoShipAndDebit(deps: SeedShipAndDebitDeps): Promise<SeededShipAndDebit> {
  const day = deps.claims.clock().toISOString().slice(0, 10);
  // The demo price list's SW-0001 entry in force today (the latest one started on or before it).
  const book = demoPriceEntries
    .filter((entry) => entry.sku === 'SW-0001' && entry.effectiveFrom <= day)
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))
    .at(-1)?.bookCost;
  if (book === undefined) throw new Error('Demo seed: SW-0001 has no price on US-2026 today');
  const authorizedCost = money(cents(book) - 2000);
  const claim = await seedDemo844Claim(deps, day, book, authorizedCost);
  const csv = await seedDemoCsvClaim(deps, day, book, authorizedCost);
  await seedDemoSegmentBlanket(deps, day, authorizedCost);
  return { ...summary(claim), csvClaimId: csv.claimId, csvFileId: csv.sourceFileId ?? '' };
}

/**
 * The terms of a demo request: SW-0001 down to `authorizedCost` on US-2026 for `coverage`, up to
 * `quantityCap`, from `day` to the end of next year.
 */
const swSpecialPricing = (
  day: string,
  authorizedCost: string,
  coverage: Record<string, string>,
  quantityCap: number,
  justification: string,
) => ({
  bookCostBasis: 'priceListOnShipDate',
  priceListId: 'US-2026',
  coverage,
  validFrom: day,
  validTo: `${Number(day.slice(0, 4)) + 1}-12-31`,
  justification,
  lines: [{ productSku: 'SW-0001', pricing: { method: 'downTo', authorizedCost }, quantityCap }],
});

/** Requests the demo authorization as the channel manager and decides it as the approver, once. */
async function authorizeOnce(
  deps: SeedShipAndDebitDeps,
  authorizationNumber: string,
  request: Record<string, unknown>,
  decision: Record<string, unknown>,
) {
  if ((await deps.authorizations.authorizations.get(authorizationNumber)) !== undefined) return;
  const fixedNumber = { ...deps.authorizations, newAuthorizationNumber: () => authorizationNumber };
  await requestDebitAuthorization(
    fixedNumber,
    manager,
    debitAuthorizationRequestSchema.parse({ partnerId: 'DIST-NORTH', currency: 'USD', ...request }),
  );
  await decideDemoRequest(
    deps.approvals,
    approver,
    { kind: 'debitAuthorizationRequest', id: authorizationNumber },
    { decision: 'approve', ...decision },
  );
}

async function seedDemo844Claim(
  deps: SeedShipAndDebitDeps,
  day: string,
  book: string,
  authorizedCost: string,
) {
  const held = await deps.claims.claims.holderOfClaimNumber('DIST-NORTH', demoShipAndDebitClaimNumber);
  const existing = held === undefined ? undefined : await deps.claims.claims.get(held);
  if (existing !== undefined) return existing;
  await authorizeOnce(
    deps,
    demoAuthorizationNumber,
    swSpecialPricing(
      day,
      authorizedCost,
      { kind: 'endCustomer', endCustomerId: 'C-9' },
      10,
      'C-9 has a competing quote 7% below our book cost',
    ),
    {
      comment: '8 units: C-9 orders in eights',
      lines: [{ productSku: 'SW-0001', pricing: { method: 'downTo', authorizedCost }, quantityCap: 8 }],
    },
  );
  await uploadForNorth(deps.channel, { kind: 'pos' }, `northwind-ship-and-debit-${day}.csv`, [
    posHeader,
    `INV-SD-DEMO-1,1,${day},SW-0001,12,EA,${book},C-9`,
    `INV-SD-DEMO-1,2,${day},CB-0001,3,EA,6.30,C-9`,
  ]);
  const { claim } = await submitShipAndDebitClaim(deps.claims, partner, {
    document: { format: 'x12-844', text: demo844(day, book, authorizedCost) },
  });
  return claim;
}

/**
 * Northwind's claim by CSV upload (kind `shipAndDebitClaim`): 4 × SW-0001 resold to C-12, which no deal
 * names, quoting no authorization number, so the claim matches the blanket DA-DEMO-BLANKET (any end
 * customer, 20 units, book − 20.00): 80.00 approved. Its POS line is uploaded first.
 */
async function seedDemoCsvClaim(
  deps: SeedShipAndDebitDeps,
  day: string,
  book: string,
  authorizedCost: string,
) {
  const held = await deps.claims.claims.holderOfClaimNumber('DIST-NORTH', demoCsvClaimNumber);
  const existing = held === undefined ? undefined : await deps.claims.claims.get(held);
  if (existing !== undefined) return existing;
  await authorizeOnce(
    deps,
    demoBlanketAuthorizationNumber,
    swSpecialPricing(
      day,
      authorizedCost,
      { kind: 'anyEndCustomer' },
      20,
      'Meet-competition blanket on SW-0001 for the quarter',
    ),
    { comment: 'blanket for the quarter' },
  );
  await uploadForNorth(deps.channel, { kind: 'pos' }, `northwind-blanket-resales-${day}.csv`, [
    posHeader,
    `INV-SD-DEMO-2,1,${day},SW-0001,4,EA,${book},C-12`,
  ]);
  const file = await uploadForNorth(
    deps.channel,
    { kind: 'shipAndDebitClaim', claimNumber: demoCsvClaimNumber, currency: 'USD' },
    `${demoCsvClaimNumber}.csv`,
    [
      'authorization_number,invoice_number,invoice_line,ship_date,end_customer_id,product_sku,quantity,book_cost,authorized_cost,resale_price,amount',
      `,INV-SD-DEMO-2,1,${day},C-12,SW-0001,4,${book},${authorizedCost},,80.00`,
    ],
  );
  const claimId = file.claim?.claimId;
  const claim = claimId === undefined ? undefined : await deps.claims.claims.get(claimId);
  if (claim === undefined)
    throw new Error(`Demo seed: the CSV claim file ended ${file.status} without a claim`);
  return claim;
}

/**
 * The segment blanket DA-DEMO-SEGMENT-EDU: 10 SW-0001 at book − 20.00 to any end customer the master has in
 * segment EDU on the ship date (the demo's schools C-21 and C-22), so Northwind can claim resales to them
 * quoting no number (a line to C-9, in HEALTHCARE, gets 26 if it quotes this one).
 */
async function seedDemoSegmentBlanket(deps: SeedShipAndDebitDeps, day: string, authorizedCost: string) {
  await authorizeOnce(
    deps,
    demoSegmentAuthorizationNumber,
    swSpecialPricing(
      day,
      authorizedCost,
      { kind: 'segment', segment: 'EDU' },
      10,
      'Education pricing on SW-0001 for the school year',
    ),
    { comment: 'schools only' },
  );
}

const summary = (claim: { claimId: string; amountApproved: string; settlementClaimId?: string }) => ({
  authorizationNumber: demoAuthorizationNumber,
  claimId: claim.claimId,
  amountApproved: claim.amountApproved,
  ...(claim.settlementClaimId === undefined ? {} : { settlementClaimId: claim.settlementClaimId }),
});
