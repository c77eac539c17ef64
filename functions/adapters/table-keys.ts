import type { ClaimFundScope } from '../../domain/claims/claim-fund';

/**
 * Single-table design: every key ChRM writes is built here.
 *
 * Table: pk (S), sk (S); GSIs gsi1, gsi2, gsi3 on (gsiNpk, gsiNsk), projection ALL.
 *
 * | item              | pk                     | sk                          | gsi1pk                    | gsi1sk                  |
 * |-------------------|------------------------|-----------------------------|---------------------------|-------------------------|
 * | partner           | PARTNER#<partnerId>    | PROFILE                     | PARTNERS                  | <partnerType>#<id>      |
 * | product           | PRODUCT#<sku>          | PROFILE                     | PRODUCTS                  | <category>#<sku>        |
 * | price list        | PRICELIST#<id>         | HEADER                      | PRICELISTS                | <id>                    |
 * | price entry       | PRICELIST#<id>         | ENTRY#<sku>#<effectiveFrom> | PRICEENTRIES#<id>         | <sku>#<effectiveFrom>   |
 * | mapping profile   | PARTNER#<partnerId>    | MAPPING#<kind>              | MAPPINGS#<partnerId>      | <kind>                  |
 * | partner SKU xref  | PARTNER#<partnerId>    | PARTNERSKU#<partnerSku>     | PARTNERSKUS#<partnerId>   | <partnerSku>            |
 * | program           | PROGRAM#<programId>    | PROGRAM                     | PROGRAMS                  | <status>#<programId>    |
 * | program version   | PROGRAM#<programId>    | VERSION#<version, 6 digits> | PROGRAMVERSIONS#<programId> | <version, 6 digits>   |
 * | accrual run       | RUN#<runId>            | RUN                         | RUNS                      | <runId>                 |
 * | ledger head       | LEDGER#<programId>#<period> | HEAD (sequence, measuredTo, measuredBy) |        |                         |
 * | ledger posting    | LEDGER#<programId>#<period> | POSTING#<postingId>    | CHECKBOOK#<beneficiary>   | <programId>#<period>#<postingId> |
 * | manual adjustment | ADJUSTMENT#<id>        | ADJUSTMENT                  | ADJUSTMENTS               | <status>#<id>           |
 * | accounting period | ACCOUNTINGPERIOD#<yyyy-mm> | PERIOD (status, history) | ACCOUNTINGPERIODS        | <yyyy-mm>               |
 * | channel file      | FILE#<fileId>          | FILE                        | PARTNERFILES#<partnerId>  | <fileId> (time-ordered) |
 * | file fingerprint  | FILEHASH#<p>#<sha256>  | FILEHASH                    |                           |                         |
 * | rejected line     | FILE#<fileId>#REJECTS#<shard> | <line, 10 digits>    |                           |                         |
 * | sale line         | SALE#<p>#<invoice>     | LINE#<invoiceLine>          | SALES#<p>#<yyyy-mm>#<shard> | <invoiceDate>#<invoice>#<line> |
 * | sale line history | SALE#<p>#<invoice>     | HISTORY#<line>#<fileId>     |                           |                         |
 * | inventory snapshot| INVENTORY#<p>#<sku>    | SNAPSHOT#<date>#<warehouse> | INVENTORY#<p>#<yyyy-mm>   | <date>#<sku>#<warehouse> |
 * | snapshot history  | INVENTORY#<p>#<sku>    | HISTORY#<date>#<wh>#<fileId>|                           |                         |
 * | claim             | CLAIM#<claimId>        | CLAIM                       | CLAIMSTATUS#<status>      | <submittedAt>#<claimId> |
 * | claim reference   | CLAIM#REF#<p>#<programId>#<period>#<reference> | REFERENCE (claimId) |          |                         |
 * | claim fund        | CLAIMFUND#<p>#<programId>#<period>#<fund>#<currency> | FUND (reserved, drawn, settled) | CLAIMFUNDS#<p> | <programId>#<period>#<fund>#<currency> |
 * | claim reservation | CLAIMFUND#<p>#<programId>#<period>#<fund>#<currency> | RESERVATION#<claimId> (state) |  |                    |
 * | approval policy   | APPROVALPOLICY#<id>    | POLICY                      | APPROVALPOLICIES          | <id>                    |
 * | approval task     | APPROVAL#<taskId>      | TASK (+ task token)         | APPROVALINBOX#<role> (while waiting) | <createdAt>#<taskId> |
 * | payment batch     | PAYBATCH#<batchId>     | HEADER                      | PAYBATCHES                | <createdAt>#<batchId>   |
 * | partner payment   | PAYBATCH#<batchId>     | PAYMENT#<partnerId>         | PARTNERPAYMENTS#<p>       | <createdAt>#<batchId>   |
 * | deduction         | DEDUCTION#<id>         | DEDUCTION                   | DEDUCTIONS                | <status>#<importedAt>#<id> |
 * | deduction line    | DEDUCTION#LINE#<JSON [p, invoice, reference, amount]> | LINE (deductionId) |     |                         |
 * | debit authorization | DEBITAUTH#<number>   | AUTHORIZATION (terms, history) | PARTNERDEBITAUTHS#<p> | <requestedAt>#<number> |
 * | authorization line | DEBITAUTH#<number>    | LINE#<sku> (quantityCap, remainingQuantity) |           |                         |
 * | ship & debit claim | SDCLAIM#<claimId>     | CLAIM (lines, results, 849) | PARTNERSDCLAIMS#<p>     | <receivedAt>#<claimId>  |
 * | S&D invoice line  | SDINVOICE#<JSON [p, invoice line key]> | INVOICELINE (claimId) |                  |                         |
 * | S&D claim number  | SDCLAIMNO#<p>#<claimNumber> | CLAIMNUMBER (claimId)  |                           |                         |
 * | S&D bill-back     | SDBILLBACK#<billBackId> | BILLBACK (return, parts, amount < 0) | SDBILLBACKPARTNER#<p> | <createdAt>#<billBackId> |
 * | S&D line reversal | SDBILLBACKLINE#<claimId> | LINE#<line, 6 digits> (quantity, amount, billBackIds) |       |                         |
 * | deal registration | DEALREG#<registrationId> | REGISTRATION              | PARTNERDEALS#<p>          | <createdAt>#<registrationId> |
 * | deal content      | DEALREG#CONTENT#<p>#<sha256 of the content> | CONTENT (registrationId) |        |                         |
 * | deal customer entry | DEALCUSTOMER#<match key> | REG#<registrationId> / HOUSE#<houseAccountId> |  |                      |
 * | house account     | HOUSEACCOUNT#<id>      | HOUSEACCOUNT                | HOUSEACCOUNTS             | <id>                    |
 * | deal policy       | DEALPOLICY#<programId> | POLICY                      |                           |                         |
 * | deal reminder     | DEALREMIND#<registrationId> | UNTIL#<protectedUntil> | DEALREMINDERS#<p>         | <remindedAt>#<registrationId> |
 * | fund              | FUND#<fundId>          | FUND (balances in minor units) | PARTNERFUNDS#<p>       | <createdAt>#<fundId>    |
 * | fund movement     | FUND#<fundId>          | MOVE#<movementId>           |                           |                         |
 * | fund request      | FUNDREQ#<requestId>    | REQUEST                     | PARTNERFUNDREQS#<p>       | <submittedAt>#<requestId> |
 * | fund claim (PoP)  | FUNDCLAIM#<fundClaimId> | CLAIM                      | PARTNERFUNDCLAIMS#<p>     | <submittedAt>#<fundClaimId> |
 * | price protection run | PPRUN#<runId>       | RUN                         | PPRUNS                    | <createdAt>#<runId>     |
 * | price protection line | PPRUN#<runId>      | LINE#<partnerId>            | PPPARTNER#<p>             | <createdAt>#<runId>     |
 * | sales summary (reports) | REPORTSALES#<yyyy-mm> | PARTNER#<partnerId> (cells: category × currency; units per SKU) |    |                         |
 * | near-tier alert   | NEARTIER#<programId>#<period> | PARTNER#<p>          | NEARTIERPARTNER#<p>       | <programId>#<period>    |
 * | line changes      | LINECHANGES#<p>#<yyyy-mm> | COUNTER (changes: bumped by every sale line write/withdrawal) |  |                 |
 * | liability summary | LIABILITIES            | <programId>#<beneficiary>#<period>#<currency> (earned, adjustments, claimed, paid in minor units) | LIABILITYPARTNER#<beneficiary> | <programId>#<period>#<currency> |
 *
 * Claims also carry gsi2 = PARTNERCLAIMS#<p> / <submittedAt>#<claimId> and gsi3 = CLAIMS / <submittedAt>#<claimId>.
 *
 * Channel files in flight (received or processing) also carry gsi2 = INGESTING / <updatedAt>#<fileId>: a
 * sparse index of the few files being ingested, whose updatedAt is the ingest heartbeat (every checkpoint
 * rewrites the record). The reconciler finds stalled files there.
 *
 * Ledger postings also carry gsi2 = JOURNAL#<yyyy-mm of postedOn> / <postedOn>#<postingId> and, when a run made
 * them, gsi3 = RUNPOSTINGS#<runId> / <postingId>.
 *
 * Approval tasks also carry gsi2 = APPROVALCLAIM#<claimId> / <createdAt>#<taskId>. Their Step Functions task
 * token is an attribute of the item that no read path returns.
 * Approval tasks of a request (fund request, debit authorization request) carry gsi2 =
 * APPROVALREQUEST#<kind>#<requestId> / <createdAt>#<taskId> instead.
 * Payment batch headers also carry gsi2 = PAYBATCHES#<status> / <createdAt>#<batchId> (batches of one status).
 * Debit authorizations also carry gsi2 = DEBITAUTHS / <requestedAt>#<number>; ship & debit claims gsi2 = SDCLAIMS /
 * <receivedAt>#<claimId> (staff listings across partners).
 *
 * Deal registrations also carry gsi2 = DEALSTATUS#<status> / <createdAt>#<registrationId> and, while protected
 * (approved, extensionRequested, extended), gsi3 = DEALEXPIRY / <protectedUntil>#<registrationId> (sparse).
 * A deal customer entry's match key is a normalized customer identifier (NAME#<country>#<name>,
 * TAX#<country>#<taxId>, WEB#<domain>: domain/deal-registration/customer-identity.ts); entries are written
 * with their registration or house account and carry what the check needs to skip an entry unread.
 *
 * Funds also carry gsi2 = FUNDS / <createdAt>#<fundId> and, while active, gsi3 = EXPIRINGFUNDS / <expiresOn>#<fundId>.
 * Fund requests also carry gsi2 = FUNDREQS#<fundId> / <submittedAt>#<requestId> and, while open (submitted or
 * approved), gsi3 = OPENFUNDREQS / <due date>#<requestId>. Fund claims also carry gsi2 = FUNDCLAIMS#<fundId> /
 * <submittedAt>#<fundClaimId> and gsi3 = FUNDCLAIMSTATUS#<status> / <submittedAt>#<fundClaimId>.
 *
 * Sale lines also carry gsi2 = PRODUCTSALES#<p>#<sku> / <invoiceDate>#<invoice>#<line>, and sale lines and
 * snapshots carry gsi3 = FILELINES#<fileId>#<shard> / <line, 10 digits>.
 *
 * Access patterns:
 * 1. get a partner / product / price list / price entry by id   → GetItem pk+sk
 * 2. list partners, optionally of one type                      → Query gsi1 PARTNERS, begins_with <partnerType>#
 * 3. list products, optionally of one category                  → Query gsi1 PRODUCTS, begins_with <category>#
 * 4. list price lists                                           → Query gsi1 PRICELISTS
 * 5. list a price list's entries, optionally of one product     → Query gsi1 PRICEENTRIES#<id>, begins_with <sku>#
 * 6. a partner's files, newest last                             → Query gsi1 PARTNERFILES#<p>
 * 7. a sale line by natural key (partner, invoice, line)        → GetItem / BatchGetItem
 * 8. a partner's sale lines in a month                          → Query gsi1 SALES#<p>#<yyyy-mm>#<shard>, each shard
 * 9. a partner's sale lines of one product, by date range       → Query gsi2 PRODUCTSALES#<p>#<sku>, between dates
 * 10. the lines and the rejections of one file                  → Query gsi3 FILELINES#<f>#<shard> / pk REJECTS, each shard
 * 11. a partner's inventory snapshots of a product / a month    → Query pk INVENTORY#<p>#<sku> / gsi1 INVENTORY#<p>#<yyyy-mm>
 * 12. a partner's SKU cross-references (one per partner SKU)    → Query gsi1 PARTNERSKUS#<p>
 * 13. programs, optionally of one status; a program's versions   → Query gsi1 PROGRAMS (begins_with <status>#) / PROGRAMVERSIONS#<id>
 * 14. accrual runs, newest last                                 → Query gsi1 RUNS
 * 15. what a program period has posted (a run's diff)           → Query pk LEDGER#<programId>#<period>
 * 16. a partner's checkbook (postings it benefits from)         → Query gsi1 CHECKBOOK#<partner>
 * 17. the GL journal of accounting months; a run's postings     → Query gsi2 JOURNAL#<yyyy-mm> / gsi3 RUNPOSTINGS#<runId>
 * 18. manual adjustments, optionally of one status              → Query gsi1 ADJUSTMENTS
 * 19. files in flight (received/processing) not updated since t → Query gsi2 INGESTING, gsi2sk < t
 * 20. accounting months closed or reopened, oldest first        → Query gsi1 ACCOUNTINGPERIODS; a posting's
 *     transaction checks ACCOUNTINGPERIOD#<yyyy-mm of postedOn> is not closed
 * 21. a claim by id; claims of one status, oldest first          → GetItem CLAIM#<id> / Query gsi1 CLAIMSTATUS#<status>
 * 22. a partner's claims / every claim, oldest first             → Query gsi2 PARTNERCLAIMS#<p> / gsi3 CLAIMS
 * 23. who holds a claim line reference (duplicate rule)          → GetItem CLAIM#REF#… (written with the claim)
 * 24. a partner's claim reservations per program period fund    → Query gsi1 CLAIMFUNDS#<p>; a submission's
 *     transaction adds to CLAIMFUND#… only while drawn ≤ credited − amount (funds are never overdrawn)
 * 25. the approval policy in force                              → GetItem APPROVALPOLICY#current
 * 26. approval tasks waiting for a role, oldest first (inbox)    → Query gsi1 APPROVALINBOX#<role> (sparse)
 * 27. a claim's approval tasks (the answer a return waits for)   → Query gsi2 APPROVALCLAIM#<claimId>
 * 28. a payment batch with its payments; batches newest first, optionally of one status
 *                                                               → Query pk PAYBATCH#<id> / gsi1 PAYBATCHES / gsi2 PAYBATCHES#<status>
 * 29. a partner's payments across batches, newest first        → Query gsi1 PARTNERPAYMENTS#<p>
 * 30. deductions of one status (open: the aging report)         → Query gsi1 DEDUCTIONS, begins_with <status>#
 * 31. who holds a receivables line (idempotent import)          → GetItem DEDUCTION#LINE#… (written with the deduction)
 * 32. a debit authorization with its lines' remaining quantities → Query pk DEBITAUTH#<number>; a ship & debit
 *     claim's transaction moves LINE#<sku> only while remainingQuantity is what validation read (never below 0)
 * 33. a partner's debit authorizations / every one, oldest first → Query gsi1 PARTNERDEBITAUTHS#<p> / gsi2 DEBITAUTHS
 * 34. a ship & debit claim; a partner's / every one, oldest first → GetItem SDCLAIM#<id> / Query gsi1
 *     PARTNERSDCLAIMS#<p> / gsi2 SDCLAIMS
 * 35. who holds an invoice line (901 code 28, duplicate)        → GetItem SDINVOICE#… (written with the claim)
 * 36. who holds a partner's claim number (a file sent twice)   → GetItem SDCLAIMNO#<p>#<claimNumber> (written with the claim)
 * 37. a bill-back (idempotent per return line); a partner's / every one, oldest first → GetItem SDBILLBACK#<id> /
 *     Query gsi1 SDBILLBACKPARTNER#<p> / gsi2 SDBILLBACKS
 * 38. a partner's open bill-backs in a currency (what its next claim nets) → Query gsi3 SDBILLBACKOPEN#<p>#<currency>
 *     (sparse: removed in the transaction of the claim that nets it, conditioned on status open)
 * 39. what bill-backs reversed per line of a claim              → Query pk SDBILLBACKLINE#<claimId> (written with the
 *     bill-back, conditioned on the quantity read, so no unit is reversed twice)
 * 50. a deal registration by id; by its partner and content (duplicate submissions)
 *                                                               → GetItem DEALREG#<id> / DEALREG#CONTENT#<p>#<sha256>
 * 51. a partner's deal registrations, oldest first              → Query gsi1 PARTNERDEALS#<p>
 * 52. deal registrations of one status, oldest first (review)   → Query gsi2 DEALSTATUS#<status>
 * 53. who holds an end customer (conflict check)                → Query pk DEALCUSTOMER#<match key> per key of the
 *     customer (consistent: a registration submitted a moment ago is seen), then BatchGet the registrations it
 *     names; the cost follows how many registered that customer, not how many registrations exist
 * 54. protected registrations whose protection ends by a day   → Query gsi3 DEALEXPIRY, gsi3sk < <day>~ (daily job)
 * 55. house accounts, one or all; a program's deal policy       → GetItem HOUSEACCOUNT#<id> / Query gsi1
 *     HOUSEACCOUNTS / GetItem DEALPOLICY#<programId>
 * 56. expiry reminders of a partner / of every partner, newest first → Query gsi1 DEALREMINDERS#<p> / gsi2
 *     DEALREMINDERS (one item per registration and protection end: a rerun of the job writes none twice)
 * 40. a fund by id; a partner's funds; every fund, oldest first → GetItem FUND#<id> / Query gsi1 PARTNERFUNDS#<p> / gsi2 FUNDS;
 *     a reservation's transaction adds to the fund only while drawnMinor ≤ allocated − amount (never overdrawn)
 * 41. active funds past their expiry date (the expiry job)      → Query gsi3 EXPIRINGFUNDS, gsi3sk < <date> (sparse)
 * 42. a fund's movements (its posted journal)                   → Query pk FUND#<id>, begins_with MOVE#
 * 43. a fund request by id; a partner's / a fund's requests     → GetItem FUNDREQ#<id> / Query gsi1 PARTNERFUNDREQS#<p> / gsi2 FUNDREQS#<fundId>
 * 44. open fund requests past their due date (the expiry job)   → Query gsi3 OPENFUNDREQS, gsi3sk < <date> (sparse)
 * 45. a fund claim by id; a partner's / a fund's claims; claims of one status (the review inbox)
 *                                                               → GetItem FUNDCLAIM#<id> / Query gsi1 PARTNERFUNDCLAIMS#<p> / gsi2 FUNDCLAIMS#<fundId> / gsi3 FUNDCLAIMSTATUS#<status>
 * 60. a price protection run by id; runs oldest first           → GetItem PPRUN#<runId> RUN / Query gsi1 PPRUNS
 * 61. a run's partner lines                                      → Query pk PPRUN#<runId>, begins_with LINE#
 * 62. a partner's price protection lines, oldest first           → Query gsi1 PPPARTNER#<p>
 * 63. the run of a price entry (re-running finds it)            → GetItem PPRUN#<runId derived from list, sku, date>
 * 64. the line of a price protection claim (partner review)      → GetItem PPRUN#<claim's programId> LINE#<claim's partner>;
 *     the line's write is conditional on its version, so two reviews of one claim have one effect
 * 70. a month's sales summaries (reports), every partner's or one → Query pk REPORTSALES#<yyyy-mm> / GetItem
 *     PARTNER#<p>; an accrual run replaces a month's summaries whole from the lines it read
 * 71. a program period's near-tier alerts (a run replaces them) → Query pk NEARTIER#<programId>#<period>
 * 72. near-tier alerts of a partner / of everyone, optionally of one program
 *                                                               → Query gsi1 NEARTIERPARTNER#<p> / gsi2 NEARTIERS, begins_with <programId>#
 * 73. open liabilities of every partner / of one, optionally of one program (reports)
 *                                                               → Query pk LIABILITIES / gsi1 LIABILITYPARTNER#<p>, begins_with <programId>#;
 *     every ledger transaction ADDs its postings to their summaries (never overwritten, so never lost)
 *
 * Master-data listings share one GSI partition per kind: they hold thousands of items, not millions. Channel
 * data is different: one partition takes at most 1,000 writes/s, so a million-line file under one key would
 * need over 16 minutes. Its keys spread by invoice (base table), by partner + month + shard (gsi1) and by
 * file + shard (gsi3), with `shardCount` shards chosen from a hash of the natural key.
 */
export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

export interface ListIndexKey {
  readonly gsi1pk: string;
  readonly gsi1sk: string;
}

export const partnerKey = (partnerId: string): ItemKey => ({ pk: `PARTNER#${partnerId}`, sk: 'PROFILE' });
export const partnerListKey = (partnerType: string, partnerId: string): ListIndexKey => ({
  gsi1pk: 'PARTNERS',
  gsi1sk: `${partnerType}#${partnerId}`,
});

export const productKey = (sku: string): ItemKey => ({ pk: `PRODUCT#${sku}`, sk: 'PROFILE' });
export const productsPartition = 'PRODUCTS';
export const productListKey = (category: string, sku: string): ListIndexKey => ({
  gsi1pk: productsPartition,
  gsi1sk: `${category}#${sku}`,
});

export const priceListKey = (priceListId: string): ItemKey => ({
  pk: `PRICELIST#${priceListId}`,
  sk: 'HEADER',
});
export const priceListListKey = (priceListId: string): ListIndexKey => ({
  gsi1pk: 'PRICELISTS',
  gsi1sk: priceListId,
});

export const priceEntryKey = (priceListId: string, sku: string, effectiveFrom: string): ItemKey => ({
  pk: `PRICELIST#${priceListId}`,
  sk: `ENTRY#${sku}#${effectiveFrom}`,
});
export const priceEntriesPartition = (priceListId: string) => `PRICEENTRIES#${priceListId}`;
/** The list scope of one price list's entries, of one product when `sku` is given. */
export const priceEntriesScope = (priceListId: string, sku?: string) => ({
  gsi1pk: priceEntriesPartition(priceListId),
  ...(sku === undefined ? {} : { prefix: `${sku}#` }),
});
export const priceEntryListKey = (priceListId: string, sku: string, effectiveFrom: string): ListIndexKey => ({
  gsi1pk: priceEntriesPartition(priceListId),
  gsi1sk: `${sku}#${effectiveFrom}`,
});

/** Shards per partner-month and per file: 16 × 1,000 writes/s keeps a million-line file near a minute. */
export const shardCount = 16;

/** A stable shard in [0, shardCount) from a string (FNV-1a), so a line always lands in the same shard. */
export function shardOf(value: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < value.length; index++) {
    hash ^= value.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % shardCount;
}

const lineNumberKey = (lineNumber: number) => String(lineNumber).padStart(10, '0');

export const mappingProfileKey = (partnerId: string, kind: string): ItemKey => ({
  pk: `PARTNER#${partnerId}`,
  sk: `MAPPING#${kind}`,
});
/** Profiles are read by partner and kind; the index keeps one partner's profiles together. */
export const mappingProfilesPartition = (partnerId: string) => `MAPPINGS#${partnerId}`;
export const mappingProfileListKey = (partnerId: string, kind: string): ListIndexKey => ({
  gsi1pk: mappingProfilesPartition(partnerId),
  gsi1sk: kind,
});

export const partnerSkuKey = (partnerId: string, partnerSku: string): ItemKey => ({
  pk: `PARTNER#${partnerId}`,
  sk: `PARTNERSKU#${partnerSku}`,
});
export const partnerSkuListKey = (partnerId: string, partnerSku: string): ListIndexKey => ({
  gsi1pk: `PARTNERSKUS#${partnerId}`,
  gsi1sk: partnerSku,
});
export const partnerSkusPartition = (partnerId: string) => `PARTNERSKUS#${partnerId}`;

export const programKey = (programId: string): ItemKey => ({ pk: `PROGRAM#${programId}`, sk: 'PROGRAM' });
export const programListKey = (status: string, programId: string): ListIndexKey => ({
  gsi1pk: 'PROGRAMS',
  gsi1sk: `${status}#${programId}`,
});
const versionNumberKey = (version: number) => String(version).padStart(6, '0');
export const programVersionKey = (programId: string, version: number): ItemKey => ({
  pk: `PROGRAM#${programId}`,
  sk: `VERSION#${versionNumberKey(version)}`,
});
export const programVersionsPartition = (programId: string) => `PROGRAMVERSIONS#${programId}`;
export const programVersionListKey = (programId: string, version: number): ListIndexKey => ({
  gsi1pk: programVersionsPartition(programId),
  gsi1sk: versionNumberKey(version),
});

export const accrualRunKey = (runId: string): ItemKey => ({ pk: `RUN#${runId}`, sk: 'RUN' });
export const accrualRunListKey = (runId: string): ListIndexKey => ({ gsi1pk: 'RUNS', gsi1sk: runId });

export const ledgerPartition = (programId: string, period: string) => `LEDGER#${programId}#${period}`;
export const ledgerHeadKey = (programId: string, period: string): ItemKey => ({
  pk: ledgerPartition(programId, period),
  sk: 'HEAD',
});
export const ledgerPostingKeys = (posting: {
  readonly programId: string;
  readonly period: string;
  readonly postingId: string;
  readonly beneficiaryPartnerId: string;
  readonly postedOn: string;
  readonly runId?: string;
}) => ({
  pk: ledgerPartition(posting.programId, posting.period),
  sk: `POSTING#${posting.postingId}`,
  gsi1pk: checkbookPartition(posting.beneficiaryPartnerId),
  gsi1sk: `${posting.programId}#${posting.period}#${posting.postingId}`,
  gsi2pk: journalPartition(posting.postedOn.slice(0, 7)),
  gsi2sk: `${posting.postedOn}#${posting.postingId}`,
  ...(posting.runId === undefined
    ? {}
    : { gsi3pk: runPostingsPartition(posting.runId), gsi3sk: posting.postingId }),
});
export const checkbookPartition = (partnerId: string) => `CHECKBOOK#${partnerId}`;
export const journalPartition = (month: string) => `JOURNAL#${month}`;
export const runPostingsPartition = (runId: string) => `RUNPOSTINGS#${runId}`;

export const accountingPeriodKey = (month: string): ItemKey => ({
  pk: `ACCOUNTINGPERIOD#${month}`,
  sk: 'PERIOD',
});
export const accountingPeriodListKey = (month: string): ListIndexKey => ({
  gsi1pk: 'ACCOUNTINGPERIODS',
  gsi1sk: month,
});

export const adjustmentKey = (adjustmentId: string): ItemKey => ({
  pk: `ADJUSTMENT#${adjustmentId}`,
  sk: 'ADJUSTMENT',
});
export const adjustmentListKey = (status: string, adjustmentId: string): ListIndexKey => ({
  gsi1pk: 'ADJUSTMENTS',
  gsi1sk: `${status}#${adjustmentId}`,
});

export const channelFileKey = (fileId: string): ItemKey => ({ pk: `FILE#${fileId}`, sk: 'FILE' });
export const partnerFilesPartition = (partnerId: string) => `PARTNERFILES#${partnerId}`;
export const channelFileListKey = (partnerId: string, fileId: string): ListIndexKey => ({
  gsi1pk: partnerFilesPartition(partnerId),
  gsi1sk: fileId,
});

export const inFlightFilesPartition = 'INGESTING';
export const inFlightFileIndexKey = (updatedAt: string, fileId: string) => ({
  gsi2pk: inFlightFilesPartition,
  gsi2sk: `${updatedAt}#${fileId}`,
});

export const fileFingerprintKey = (partnerId: string, sha256: string): ItemKey => ({
  pk: `FILEHASH#${partnerId}#${sha256}`,
  sk: 'FILEHASH',
});

export const rejectedLineKey = (fileId: string, lineNumber: number): ItemKey => ({
  pk: `FILE#${fileId}#REJECTS#${shardOf(String(lineNumber))}`,
  sk: lineNumberKey(lineNumber),
});
export const rejectedLinesPartition = (fileId: string, shard: number) => `FILE#${fileId}#REJECTS#${shard}`;

export const fileLinesIndexKey = (fileId: string, lineNumber: number) => ({
  gsi3pk: `FILELINES#${fileId}#${shardOf(String(lineNumber))}`,
  gsi3sk: lineNumberKey(lineNumber),
});
export const fileLinesPartition = (fileId: string, shard: number) => `FILELINES#${fileId}#${shard}`;

export const saleLineKey = (partnerId: string, invoiceNumber: string, invoiceLine: string): ItemKey => ({
  pk: `SALE#${partnerId}#${invoiceNumber}`,
  sk: `LINE#${invoiceLine}`,
});
export const saleLineHistoryKey = (
  current: ItemKey,
  invoiceLine: string,
  replacedFileId: string,
): ItemKey => ({
  pk: current.pk,
  sk: `HISTORY#${invoiceLine}#${replacedFileId}`,
});
export const salesByPeriodPartition = (partnerId: string, month: string, shard: number) =>
  `SALES#${partnerId}#${month}#${shard}`;
export const salesByPeriodIndexKey = (
  partnerId: string,
  invoiceNumber: string,
  invoiceLine: string,
  invoiceDate: string,
) => ({
  gsi1pk: salesByPeriodPartition(
    partnerId,
    invoiceDate.slice(0, 7),
    shardOf(`${invoiceNumber}#${invoiceLine}`),
  ),
  gsi1sk: `${invoiceDate}#${invoiceNumber}#${invoiceLine}`,
});
export const salesByProductIndexKey = (
  partnerId: string,
  sku: string,
  invoiceDate: string,
  invoiceNumber: string,
  invoiceLine: string,
) => ({
  gsi2pk: productSalesPartition(partnerId, sku),
  gsi2sk: `${invoiceDate}#${invoiceNumber}#${invoiceLine}`,
});
export const productSalesPartition = (partnerId: string, sku: string) => `PRODUCTSALES#${partnerId}#${sku}`;
/** gsi2 sort-key bounds of a product's sale lines invoiced from `from` to `to` (ISO dates, inclusive). */
export const productSalesRange = (from: string, to: string) => ({ from, to: `${to}#\uffff` });

export const inventorySnapshotKey = (
  partnerId: string,
  sku: string,
  asOfDate: string,
  warehouse: string,
): ItemKey => ({
  pk: inventorySnapshotsPartition(partnerId, sku),
  sk: `SNAPSHOT#${asOfDate}#${warehouse}`,
});
export const inventorySnapshotsPartition = (partnerId: string, sku: string) =>
  `INVENTORY#${partnerId}#${sku}`;
/** Sort-key bounds of a product's current snapshots dated from `from` to `to` (history items fall outside). */
export const inventorySnapshotRange = (from: string, to: string) => ({
  from: `SNAPSHOT#${from}`,
  to: `SNAPSHOT#${to}#\uffff`,
});
export const inventoryHistoryKey = (current: ItemKey, replacedFileId: string): ItemKey => ({
  pk: current.pk,
  sk: `${current.sk.replace('SNAPSHOT#', 'HISTORY#')}#${replacedFileId}`,
});
/** gsi1 partition of a partner's inventory snapshots dated in one month (`YYYY-MM`). */
export const inventoryByPeriodPartition = (partnerId: string, month: string) =>
  `INVENTORY#${partnerId}#${month}`;
export const inventoryByPeriodIndexKey = (
  partnerId: string,
  sku: string,
  asOfDate: string,
  warehouse: string,
) => ({
  gsi1pk: inventoryByPeriodPartition(partnerId, asOfDate.slice(0, 7)),
  gsi1sk: `${asOfDate}#${sku}#${warehouse}`,
});

export const claimKey = (claimId: string): ItemKey => ({ pk: `CLAIM#${claimId}`, sk: 'CLAIM' });
export const claimStatusPartition = (status: string) => `CLAIMSTATUS#${status}`;
export const partnerClaimsPartition = (partnerId: string) => `PARTNERCLAIMS#${partnerId}`;
export const allClaimsPartition = 'CLAIMS';
export const claimIndexKeys = (claim: {
  readonly claimId: string;
  readonly status: string;
  readonly partnerId: string;
  readonly submittedAt: string;
}) => {
  const sortKey = `${claim.submittedAt}#${claim.claimId}`;
  return {
    gsi1pk: claimStatusPartition(claim.status),
    gsi1sk: sortKey,
    gsi2pk: partnerClaimsPartition(claim.partnerId),
    gsi2sk: sortKey,
    gsi3pk: allClaimsPartition,
    gsi3sk: sortKey,
  };
};

/** The reference is last: it is free text and may itself contain '#'. */
export const claimReferenceKey = (
  partnerId: string,
  programId: string,
  period: string,
  reference: string,
): ItemKey => ({ pk: `CLAIM#REF#${partnerId}#${programId}#${period}#${reference}`, sk: 'REFERENCE' });

const claimFundPartition = (scope: ClaimFundScope) =>
  `CLAIMFUND#${scope.partnerId}#${scope.programId}#${scope.period}#${scope.fund}#${scope.currency}`;
export const claimFundsPartition = (partnerId: string) => `CLAIMFUNDS#${partnerId}`;
export const claimFundKeys = (scope: ClaimFundScope) => ({
  pk: claimFundPartition(scope),
  sk: 'FUND',
  gsi1pk: claimFundsPartition(scope.partnerId),
  gsi1sk: `${scope.programId}#${scope.period}#${scope.fund}#${scope.currency}`,
});
export const claimReservationKey = (scope: ClaimFundScope, claimId: string): ItemKey => ({
  pk: claimFundPartition(scope),
  sk: `RESERVATION#${claimId}`,
});

export const approvalPolicyKey = (policyId: string): ItemKey => ({
  pk: `APPROVALPOLICY#${policyId}`,
  sk: 'POLICY',
});
export const approvalPolicyListKey = (policyId: string): ListIndexKey => ({
  gsi1pk: 'APPROVALPOLICIES',
  gsi1sk: policyId,
});

export const approvalTaskKey = (taskId: string): ItemKey => ({ pk: `APPROVAL#${taskId}`, sk: 'TASK' });
export const approvalInboxPartition = (role: string) => `APPROVALINBOX#${role}`;
export const approvalInboxKey = (role: string, createdAt: string, taskId: string): ListIndexKey => ({
  gsi1pk: approvalInboxPartition(role),
  gsi1sk: `${createdAt}#${taskId}`,
});
export const claimApprovalsPartition = (claimId: string) => `APPROVALCLAIM#${claimId}`;
export const claimApprovalsIndexKey = (claimId: string, createdAt: string, taskId: string) => ({
  gsi2pk: claimApprovalsPartition(claimId),
  gsi2sk: `${createdAt}#${taskId}`,
});

export const paymentBatchPartition = (batchId: string) => `PAYBATCH#${batchId}`;
export const paymentBatchHeaderKeys = (batch: {
  readonly batchId: string;
  readonly status: string;
  readonly createdAt: string;
}) => ({
  pk: paymentBatchPartition(batch.batchId),
  sk: 'HEADER',
  gsi1pk: 'PAYBATCHES',
  gsi1sk: `${batch.createdAt}#${batch.batchId}`,
  gsi2pk: paymentBatchesOfStatus(batch.status),
  gsi2sk: `${batch.createdAt}#${batch.batchId}`,
});
export const paymentBatchesPartition = 'PAYBATCHES';
export const paymentBatchesOfStatus = (status: string) => `PAYBATCHES#${status}`;
export const partnerPaymentKeys = (
  payment: { readonly batchId: string; readonly partnerId: string },
  createdAt: string,
) => ({
  pk: paymentBatchPartition(payment.batchId),
  sk: `PAYMENT#${payment.partnerId}`,
  gsi1pk: partnerPaymentsPartition(payment.partnerId),
  gsi1sk: `${createdAt}#${payment.batchId}`,
});
export const partnerPaymentsPartition = (partnerId: string) => `PARTNERPAYMENTS#${partnerId}`;

export const deductionKey = (deductionId: string): ItemKey => ({
  pk: `DEDUCTION#${deductionId}`,
  sk: 'DEDUCTION',
});
export const deductionListKey = (status: string, importedAt: string, deductionId: string): ListIndexKey => ({
  gsi1pk: 'DEDUCTIONS',
  gsi1sk: `${status}#${importedAt}#${deductionId}`,
});
/** The line key is JSON of free text (invoice, reference), so no separator can make two lines collide. */
export const deductionLineKey = (sameLineKey: string): ItemKey => ({
  pk: `DEDUCTION#LINE#${sameLineKey}`,
  sk: 'LINE',
});

export const debitAuthorizationPartition = (authorizationNumber: string) =>
  `DEBITAUTH#${authorizationNumber}`;
export const partnerDebitAuthorizationsPartition = (partnerId: string) => `PARTNERDEBITAUTHS#${partnerId}`;
export const allDebitAuthorizationsPartition = 'DEBITAUTHS';
export const debitAuthorizationKeys = (authorization: {
  readonly authorizationNumber: string;
  readonly partnerId: string;
  readonly requestedAt: string;
}) => {
  const sortKey = `${authorization.requestedAt}#${authorization.authorizationNumber}`;
  return {
    pk: debitAuthorizationPartition(authorization.authorizationNumber),
    sk: 'AUTHORIZATION',
    gsi1pk: partnerDebitAuthorizationsPartition(authorization.partnerId),
    gsi1sk: sortKey,
    gsi2pk: allDebitAuthorizationsPartition,
    gsi2sk: sortKey,
  };
};
export const debitAuthorizationLineKey = (authorizationNumber: string, productSku: string): ItemKey => ({
  pk: debitAuthorizationPartition(authorizationNumber),
  sk: `LINE#${productSku}`,
});

export const partnerShipAndDebitClaimsPartition = (partnerId: string) => `PARTNERSDCLAIMS#${partnerId}`;
export const allShipAndDebitClaimsPartition = 'SDCLAIMS';
export const shipAndDebitClaimKey = (claimId: string): ItemKey => ({ pk: `SDCLAIM#${claimId}`, sk: 'CLAIM' });
export const shipAndDebitClaimKeys = (claim: {
  readonly claimId: string;
  readonly partnerId: string;
  readonly receivedAt: string;
}) => {
  const sortKey = `${claim.receivedAt}#${claim.claimId}`;
  return {
    ...shipAndDebitClaimKey(claim.claimId),
    gsi1pk: partnerShipAndDebitClaimsPartition(claim.partnerId),
    gsi1sk: sortKey,
    gsi2pk: allShipAndDebitClaimsPartition,
    gsi2sk: sortKey,
  };
};
/** The invoice line key holds free text (invoice, line) and NUL separators: JSON keeps any two apart. */
export const shipAndDebitInvoiceLineKey = (partnerId: string, invoiceLineKey: string): ItemKey => ({
  pk: `SDINVOICE#${JSON.stringify([partnerId, invoiceLineKey])}`,
  sk: 'INVOICELINE',
});
export const shipAndDebitClaimNumberKey = (partnerId: string, claimNumber: string): ItemKey => ({
  pk: `SDCLAIMNO#${partnerId}#${claimNumber}`,
  sk: 'CLAIMNUMBER',
});

export const dealRegistrationKey = (registrationId: string): ItemKey => ({
  pk: `DEALREG#${registrationId}`,
  sk: 'REGISTRATION',
});
export const partnerDealsPartition = (partnerId: string) => `PARTNERDEALS#${partnerId}`;
export const dealStatusPartition = (status: string) => `DEALSTATUS#${status}`;
export const dealExpiryPartition = 'DEALEXPIRY';
/** A registration's index keys; the expiry index only while `protectedUntil` is given (it is protected). */
export const dealRegistrationIndexKeys = (registration: {
  readonly registrationId: string;
  readonly partnerId: string;
  readonly status: string;
  readonly createdAt: string;
  readonly protectedUntil?: string | undefined;
}) => {
  const sortKey = `${registration.createdAt}#${registration.registrationId}`;
  return {
    gsi1pk: partnerDealsPartition(registration.partnerId),
    gsi1sk: sortKey,
    gsi2pk: dealStatusPartition(registration.status),
    gsi2sk: sortKey,
    ...(registration.protectedUntil === undefined
      ? {}
      : {
          gsi3pk: dealExpiryPartition,
          gsi3sk: `${registration.protectedUntil}#${registration.registrationId}`,
        }),
  };
};
/** The partner's content digest is hex: the key has no free text. */
export const dealContentKey = (partnerId: string, contentSha256: string): ItemKey => ({
  pk: `DEALREG#CONTENT#${partnerId}#${contentSha256}`,
  sk: 'CONTENT',
});
export const dealCustomerPartition = (matchKey: string) => `DEALCUSTOMER#${matchKey}`;
export const dealCustomerEntryKey = (
  matchKey: string,
  holder: { readonly registrationId: string } | { readonly houseAccountId: string },
): ItemKey => ({
  pk: dealCustomerPartition(matchKey),
  sk: 'registrationId' in holder ? `REG#${holder.registrationId}` : `HOUSE#${holder.houseAccountId}`,
});
export const houseAccountKey = (houseAccountId: string): ItemKey => ({
  pk: `HOUSEACCOUNT#${houseAccountId}`,
  sk: 'HOUSEACCOUNT',
});
export const houseAccountListKey = (houseAccountId: string): ListIndexKey => ({
  gsi1pk: 'HOUSEACCOUNTS',
  gsi1sk: houseAccountId,
});
export const dealPolicyKey = (programId: string): ItemKey => ({
  pk: `DEALPOLICY#${programId}`,
  sk: 'POLICY',
});
export const fundKey = (fundId: string): ItemKey => ({ pk: `FUND#${fundId}`, sk: 'FUND' });
export const partnerFundsPartition = (partnerId: string) => `PARTNERFUNDS#${partnerId}`;
export const allFundsPartition = 'FUNDS';
export const expiringFundsPartition = 'EXPIRINGFUNDS';
/** A fund's listing keys; the expiry index only while it is active (sparse). */
export const fundIndexKeys = (fund: {
  readonly fundId: string;
  readonly partnerId: string;
  readonly createdAt: string;
  readonly expiresOn: string;
  readonly status: string;
}) => ({
  gsi1pk: partnerFundsPartition(fund.partnerId),
  gsi1sk: `${fund.createdAt}#${fund.fundId}`,
  gsi2pk: allFundsPartition,
  gsi2sk: `${fund.createdAt}#${fund.fundId}`,
  ...(fund.status === 'active'
    ? { gsi3pk: expiringFundsPartition, gsi3sk: `${fund.expiresOn}#${fund.fundId}` }
    : {}),
});
export const fundMovementKey = (fundId: string, movementId: string): ItemKey => ({
  pk: `FUND#${fundId}`,
  sk: `MOVE#${movementId}`,
});
export const fundMovementPrefix = 'MOVE#';

export const fundRequestKey = (requestId: string): ItemKey => ({ pk: `FUNDREQ#${requestId}`, sk: 'REQUEST' });
export const partnerFundRequestsPartition = (partnerId: string) => `PARTNERFUNDREQS#${partnerId}`;
export const fundRequestsPartition = (fundId: string) => `FUNDREQS#${fundId}`;
export const openFundRequestsPartition = 'OPENFUNDREQS';
/** A request's listing keys; the open-requests index (due date first) only while `dueOn` is set (sparse). */
export const fundRequestIndexKeys = (
  request: {
    readonly requestId: string;
    readonly partnerId: string;
    readonly fundId: string;
    readonly submittedAt: string;
  },
  dueOn: string | undefined,
) => ({
  gsi1pk: partnerFundRequestsPartition(request.partnerId),
  gsi1sk: `${request.submittedAt}#${request.requestId}`,
  gsi2pk: fundRequestsPartition(request.fundId),
  gsi2sk: `${request.submittedAt}#${request.requestId}`,
  ...(dueOn === undefined
    ? {}
    : { gsi3pk: openFundRequestsPartition, gsi3sk: `${dueOn}#${request.requestId}` }),
});

export const fundClaimKey = (fundClaimId: string): ItemKey => ({
  pk: `FUNDCLAIM#${fundClaimId}`,
  sk: 'CLAIM',
});
export const partnerFundClaimsPartition = (partnerId: string) => `PARTNERFUNDCLAIMS#${partnerId}`;
export const fundClaimsPartition = (fundId: string) => `FUNDCLAIMS#${fundId}`;
export const fundClaimStatusPartition = (status: string) => `FUNDCLAIMSTATUS#${status}`;
export const fundClaimIndexKeys = (claim: {
  readonly fundClaimId: string;
  readonly partnerId: string;
  readonly fundId: string;
  readonly status: string;
  readonly submittedAt: string;
}) => {
  const sortKey = `${claim.submittedAt}#${claim.fundClaimId}`;
  return {
    gsi1pk: partnerFundClaimsPartition(claim.partnerId),
    gsi1sk: sortKey,
    gsi2pk: fundClaimsPartition(claim.fundId),
    gsi2sk: sortKey,
    gsi3pk: fundClaimStatusPartition(claim.status),
    gsi3sk: sortKey,
  };
};
export const priceProtectionRunKey = (runId: string): ItemKey => ({ pk: `PPRUN#${runId}`, sk: 'RUN' });
export const priceProtectionRunsPartition = 'PPRUNS';
export const priceProtectionRunListKey = (createdAt: string, runId: string): ListIndexKey => ({
  gsi1pk: priceProtectionRunsPartition,
  gsi1sk: `${createdAt}#${runId}`,
});
export const priceProtectionLinePrefix = 'LINE#';
export const priceProtectionLineKey = (runId: string, partnerId: string): ItemKey => ({
  pk: priceProtectionRunKey(runId).pk,
  sk: `${priceProtectionLinePrefix}${partnerId}`,
});
export const partnerPriceProtectionPartition = (partnerId: string) => `PPPARTNER#${partnerId}`;
export const partnerPriceProtectionListKey = (
  partnerId: string,
  createdAt: string,
  runId: string,
): ListIndexKey => ({
  gsi1pk: partnerPriceProtectionPartition(partnerId),
  gsi1sk: `${createdAt}#${runId}`,
});

// Reports: what accrual runs precompute so that no report reads channel lines.
export const salesSummaryPartition = (month: string) => `REPORTSALES#${month}`;
export const salesSummaryKey = (month: string, partnerId: string): ItemKey => ({
  pk: salesSummaryPartition(month),
  sk: `PARTNER#${partnerId}`,
});
// Near-tier alerts: the latest per program period and partner (also gsi2 = NEARTIERS /
// <programId>#<period>#<p>, the staff listing); the partition holds one program period's alerts.
export const nearTierPeriodPartition = (programId: string, period: string) =>
  `NEARTIER#${programId}#${period}`;
export const nearTierAlertKey = (programId: string, period: string, partnerId: string): ItemKey => ({
  pk: nearTierPeriodPartition(programId, period),
  sk: `PARTNER#${partnerId}`,
});
export const partnerNearTierPartition = (partnerId: string) => `NEARTIERPARTNER#${partnerId}`;
export const nearTierAlertsPartition = 'NEARTIERS';
export const nearTierAlertIndexKeys = (alert: {
  readonly programId: string;
  readonly period: string;
  readonly partnerId: string;
}) => ({
  gsi1pk: partnerNearTierPartition(alert.partnerId),
  gsi1sk: `${alert.programId}#${alert.period}`,
  gsi2pk: nearTierAlertsPartition,
  gsi2sk: `${alert.programId}#${alert.period}#${alert.partnerId}`,
});
/** The index sort key prefix of one program's alerts, in either listing. */
export const nearTierProgramPrefix = (programId: string) => `${programId}#`;
// Deal registration expiry reminders (access pattern 56): the outbox the portal reads.
export const dealReminderKey = (registrationId: string, protectedUntil: string): ItemKey => ({
  pk: `DEALREMIND#${registrationId}`,
  sk: `UNTIL#${protectedUntil}`,
});
export const partnerDealRemindersPartition = (partnerId: string) => `DEALREMINDERS#${partnerId}`;
export const allDealRemindersPartition = 'DEALREMINDERS';
export const dealReminderIndexKeys = (reminder: {
  readonly partnerId: string;
  readonly registrationId: string;
  readonly remindedAt: string;
}) => ({
  gsi1pk: partnerDealRemindersPartition(reminder.partnerId),
  gsi1sk: `${reminder.remindedAt}#${reminder.registrationId}`,
  gsi2pk: allDealRemindersPartition,
  gsi2sk: `${reminder.remindedAt}#${reminder.registrationId}`,
});

// Ship & debit bill-backs (issue 13): returns of resold units take back their credit (access patterns 37-39).
export const shipAndDebitBillBackKey = (billBackId: string): ItemKey => ({
  pk: `SDBILLBACK#${billBackId}`,
  sk: 'BILLBACK',
});
export const partnerShipAndDebitBillBacksPartition = (partnerId: string) => `SDBILLBACKPARTNER#${partnerId}`;
export const allShipAndDebitBillBacksPartition = 'SDBILLBACKS';
export const openShipAndDebitBillBacksPartition = (partnerId: string, currency: string) =>
  `SDBILLBACKOPEN#${partnerId}#${currency}`;
export const shipAndDebitBillBackKeys = (billBack: {
  readonly billBackId: string;
  readonly partnerId: string;
  readonly currency: string;
  readonly createdAt: string;
  readonly status: string;
}) => {
  const sortKey = `${billBack.createdAt}#${billBack.billBackId}`;
  return {
    ...shipAndDebitBillBackKey(billBack.billBackId),
    gsi1pk: partnerShipAndDebitBillBacksPartition(billBack.partnerId),
    gsi1sk: sortKey,
    gsi2pk: allShipAndDebitBillBacksPartition,
    gsi2sk: sortKey,
    ...(billBack.status === 'open'
      ? { gsi3pk: openShipAndDebitBillBacksPartition(billBack.partnerId, billBack.currency), gsi3sk: sortKey }
      : {}),
  };
};
export const shipAndDebitReversalPartition = (claimId: string) => `SDBILLBACKLINE#${claimId}`;
export const shipAndDebitReversalKey = (claimId: string, lineNumber: number): ItemKey => ({
  pk: shipAndDebitReversalPartition(claimId),
  sk: `LINE#${String(lineNumber).padStart(6, '0')}`,
});

// Request approvals (fund requests, debit authorization requests): their tasks by request.
export const requestApprovalsPartition = (kind: string, requestId: string) =>
  `APPROVALREQUEST#${kind}#${requestId}`;
export const requestApprovalsIndexKey = (
  subject: { readonly kind: string; readonly id: string },
  createdAt: string,
  taskId: string,
) => ({ gsi2pk: requestApprovalsPartition(subject.kind, subject.id), gsi2sk: `${createdAt}#${taskId}` });

// Line change counters (issue 11 part 4): one per partner × invoice month, so a rerun can tell its lines unchanged.
export const lineChangesKey = (partnerId: string, month: string): ItemKey => ({
  pk: `LINECHANGES#${partnerId}#${month}`,
  sk: 'COUNTER',
});

// Liability summaries (issue 15): the checkbook's columns per program × beneficiary × period × currency, kept
// by every ledger transaction, so the liabilities report reads one Query instead of every partner's postings.
export const allLiabilitiesPartition = 'LIABILITIES';
export const partnerLiabilitiesPartition = (partnerId: string) => `LIABILITYPARTNER#${partnerId}`;
export const liabilitySummaryKeys = (grain: {
  readonly programId: string;
  readonly partnerId: string;
  readonly period: string;
  readonly currency: string;
}) => ({
  pk: allLiabilitiesPartition,
  sk: `${grain.programId}#${grain.partnerId}#${grain.period}#${grain.currency}`,
  gsi1pk: partnerLiabilitiesPartition(grain.partnerId),
  gsi1sk: `${grain.programId}#${grain.period}#${grain.currency}`,
});
