import type { DomainEvent } from '../../events/domain-event';
import {
  detailType,
  type ShipAndDebitClaimValidatedV1,
  shipAndDebitClaimValidatedV1,
  source,
  version,
} from '../../events/ship-and-debit-claim-validated.v1';
import { type CurrencyCode, currencyMinorUnits } from '../shared/money/money';
import { formatScaled } from '../shared/money/scaled-integer';
import type { DebitClaimLineResult } from './claim-line-validation';
import { isPlainDecimal, parsePrice, priceScale } from './debit-amount';

/** What the caller knows about a validated claim besides its lines' results. */
export interface ValidatedDebitClaim {
  readonly claimId: string;
  readonly claimNumber: string;
  readonly partnerId: string;
  readonly channel: ShipAndDebitClaimValidatedV1['channel'];
  readonly currency: CurrencyCode;
  /** Amounts the partner claimed, one per line (the 844 AMT*1 or CSV amount). */
  readonly claimedAmounts: readonly string[];
  readonly authorizationNumbers: readonly string[];
  /** Lines refused before validation (unreadable 844 or CSV lines), with their 901 code. */
  readonly unreadableLines: readonly { readonly x12Code: string }[];
  readonly occurredAt: string;
}

/**
 * The `ShipAndDebitClaimValidated.v1` event of a claim: line counts by outcome, claimed and approved totals,
 * and how many lines each 901 reason code cut or rejected.
 */
export function shipAndDebitClaimValidatedEvent(
  claim: ValidatedDebitClaim,
  results: readonly DebitClaimLineResult[],
): DomainEvent<ShipAndDebitClaimValidatedV1> {
  const minor = currencyMinorUnits[claim.currency];
  const counts = {
    lines: results.length + claim.unreadableLines.length,
    approved: 0,
    partiallyApproved: 0,
    rejected: 0,
  };
  const reasonCodes: Record<string, number> = {};
  const countReason = (code: string | undefined) => {
    if (code !== undefined) reasonCodes[code] = (reasonCodes[code] ?? 0) + 1;
  };
  let approved = 0n;
  for (const result of results) {
    counts[result.outcome]++;
    countReason(result.x12Code);
    approved += parsePrice(result.approvedAmount);
  }
  for (const line of claim.unreadableLines) {
    counts.rejected++;
    countReason(line.x12Code);
  }
  // Claimed amounts were checked as plain decimals by the reader; anything else counts as nothing claimed.
  const claimed = claim.claimedAmounts.reduce(
    (sum, text) => sum + (isPlainDecimal(text) ? parsePrice(text) : 0n),
    0n,
  );
  return {
    source,
    detailType,
    detail: shipAndDebitClaimValidatedV1.parse({
      version,
      claimId: claim.claimId,
      claimNumber: claim.claimNumber,
      partnerId: claim.partnerId,
      channel: claim.channel,
      authorizationNumbers: [...new Set(claim.authorizationNumbers)],
      currency: claim.currency,
      counts,
      amountClaimed: formatScaled(claimed, priceScale, minor),
      amountApproved: formatScaled(approved, priceScale, minor),
      reasonCodes,
      occurredAt: claim.occurredAt,
    }),
  };
}
