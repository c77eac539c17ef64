import type { Claim } from '../claims/claim';
import { isPayable, payableAmount } from '../payments/claim-payment-status';
import { BusinessRuleError, type FieldIssue, StateConflictError } from '../shared/errors';
import { fromMinorUnits, toMinorUnits } from '../shared/money/minor-units';
import { currencyMinorUnits } from '../shared/money/money';
import type { Deduction, DeductionAllocation } from './deduction';

/** What a person asks: settle `amount` of the deduction against `claimId`. */
export interface RequestedAllocation {
  readonly claimId: string;
  readonly amount: string;
}

export interface Allocation {
  readonly allocations: readonly DeductionAllocation[];
  /** Deduction less the sum allocated (signed, canonical). */
  readonly difference: string;
}

const decimalsOf = (amount: string) => amount.split('.')[1]?.length ?? 0;

/**
 * The rules of matching a deduction to claims, by hand (a split) or automatically (one claim): every claim is
 * the deduction's partner's, in its currency, payable (approved or partially approved: a scheduled or paid
 * claim is a 409), named once, and each amount is > 0 and ≤ what is still payable on the claim. The amounts
 * must sum to the deduction within `tolerance` (absolute; "0" demands an exact sum); the difference is
 * kept on the deduction. Money is compared as integers of the minor unit.
 */
export function allocateDeduction(
  deduction: Deduction,
  requested: readonly RequestedAllocation[],
  claims: ReadonlyMap<string, Claim>,
  tolerance: string,
): Allocation {
  const { currency } = deduction;
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  const allocations: DeductionAllocation[] = [];
  let sum = 0n;
  requested.forEach((wanted, index) => {
    const path = `claims.${index}`;
    const claim = claims.get(wanted.claimId);
    if (seen.has(wanted.claimId)) issues.push({ path: `${path}.claimId`, message: 'names a claim twice' });
    seen.add(wanted.claimId);
    if (claim === undefined) {
      issues.push({ path: `${path}.claimId`, message: `claim '${wanted.claimId}' not found` });
      return;
    }
    if (claim.partnerId !== deduction.partnerId || claim.currency !== currency) {
      issues.push({
        path: `${path}.claimId`,
        message: `is not a ${currency} claim of ${deduction.partnerId}, whose deduction this is`,
      });
      return;
    }
    if (!isPayable(claim)) {
      throw new StateConflictError(
        `Claim '${claim.claimId}' is ${claim.status}: only an approved, unscheduled claim can be matched`,
      );
    }
    if (decimalsOf(wanted.amount) > currencyMinorUnits[currency]) {
      issues.push({
        path: `${path}.amount`,
        message: `must have at most ${currencyMinorUnits[currency]} decimals`,
      });
      return;
    }
    const amount = toMinorUnits(wanted.amount, currency);
    const payable = toMinorUnits(payableAmount(claim) ?? '0', currency);
    if (amount <= 0n) issues.push({ path: `${path}.amount`, message: 'must be more than zero' });
    else if (amount > payable) {
      issues.push({
        path: `${path}.amount`,
        message: `exceeds the ${fromMinorUnits(payable, currency)} ${currency} payable on the claim`,
      });
    }
    sum += amount;
    allocations.push({
      claimId: claim.claimId,
      programId: claim.programId,
      period: claim.period,
      fund: claim.fund,
      amount: fromMinorUnits(amount, currency),
    });
  });
  if (issues.length > 0) throw new BusinessRuleError('The match does not fit the deduction', issues);
  const difference = toMinorUnits(deduction.amount, currency) - sum;
  const absolute = difference < 0n ? -difference : difference;
  if (absolute > toleranceInMinorUnits(tolerance, currency)) {
    throw new BusinessRuleError('The amounts do not add up to the deduction', [
      {
        path: 'claims',
        message: `sum to ${fromMinorUnits(sum, currency)} ${currency}; the deduction is ${deduction.amount}, tolerance ${tolerance}`,
      },
    ]);
  }
  return { allocations, difference: fromMinorUnits(difference, currency) };
}

/** The tolerance in minor units, rounded down: a "0.05" tolerance on yen allows no difference at all. */
function toleranceInMinorUnits(tolerance: string, currency: Deduction['currency']): bigint {
  const [whole = '0', fraction = ''] = tolerance.split('.');
  return toMinorUnits(
    `${whole}.${fraction.slice(0, currencyMinorUnits[currency])}`.replace(/\.$/, ''),
    currency,
  );
}
