import { fromMinorUnits } from '../ledger/ledger-amount';
import type { RebateProgram } from '../programs/program';
import { programPeriodOfLabel } from '../programs/program-period';
import type { ProgramRecord } from '../programs/program-record';
import type { IsoDate } from '../shared/iso-date';
import type { ClaimValidationFailure } from './claim';
import { claimReasonCodes } from './claim-reasons';
import type { ClaimRequest } from './claim-request';

/** Everything automatic validation looks at besides the request, read before it runs. */
export interface ClaimValidationContext {
  readonly partnerId: string;
  readonly program: ProgramRecord | undefined;
  readonly today: IsoDate;
  /** earned + adjustments − claimed − reserved of the fund's period, in minor units. */
  readonly available: bigint;
  /** The claim id holding each reference already taken (same partner, program, period). */
  readonly referenceHolders: ReadonlyMap<string, string>;
}

/** Whether the program's accruals are owed to `partnerId`: its named beneficiary, else an eligible seller. */
export function isBeneficiary(program: RebateProgram, partnerId: string): boolean {
  const { beneficiaryPartnerId, partners } = program.eligibility;
  if (beneficiaryPartnerId !== undefined) return beneficiaryPartnerId === partnerId;
  return partners === 'all' || partners.includes(partnerId);
}

function programFailures(request: ClaimRequest, context: ClaimValidationContext): ClaimValidationFailure[] {
  const record = context.program;
  if (record === undefined) {
    return [
      { code: claimReasonCodes.programNotFound, message: `there is no program '${request.programId}'` },
    ];
  }
  const program = record.active;
  if (record.status !== 'active' || program === null) {
    return [
      {
        code: claimReasonCodes.programNotInForce,
        message: `program '${request.programId}' is ${record.status}; claims are taken on programs in force`,
      },
    ];
  }
  const failures: ClaimValidationFailure[] = [];
  if (!isBeneficiary(program, context.partnerId)) {
    failures.push({
      code: claimReasonCodes.notBeneficiary,
      message: `partner '${context.partnerId}' is not a beneficiary of program '${request.programId}'`,
    });
  }
  if (request.currency !== program.currency) {
    failures.push({
      code: claimReasonCodes.currencyMismatch,
      message: `program '${request.programId}' pays in ${program.currency}, not ${request.currency}`,
    });
  }
  const period = programPeriodOfLabel(
    request.period,
    program.periodGranularity,
    program.programYearStartMonth,
  );
  const { startDate, endDate } = program.eligibility;
  if (period === undefined || period.end < startDate || (endDate !== undefined && period.start > endDate)) {
    failures.push({
      code: claimReasonCodes.periodNotInProgram,
      message: `'${request.period}' is not a ${program.periodGranularity} period of program '${request.programId}'`,
    });
  } else if (program.claimsAfterPeriodEnd === true && context.today <= period.end) {
    failures.push({
      code: claimReasonCodes.periodNotEnded,
      message: `program '${request.programId}' takes claims after the period ends; ${request.period} ends ${period.end}`,
    });
  }
  return failures;
}

/**
 * Automatic validation of a claim request, before any person sees it: every rule that fails, each with a
 * stable reason code (claim-level, or on the line it is about). `amount` is the claim's total in minor units.
 * An empty list means the claim may be reserved against its fund.
 */
export function claimValidationFailures(
  request: ClaimRequest,
  amount: bigint,
  context: ClaimValidationContext,
): ClaimValidationFailure[] {
  const failures = programFailures(request, context);
  request.lines.forEach((line, index) => {
    const holder = context.referenceHolders.get(line.reference);
    if (holder !== undefined) {
      failures.push({
        code: claimReasonCodes.duplicateReference,
        message: `reference '${line.reference}' is claimed already by claim ${holder}`,
        lineNumber: index + 1,
      });
    }
  });
  if (amount > context.available) {
    failures.push({
      code: claimReasonCodes.exceedsAvailable,
      message: `claimed ${fromMinorUnits(amount, request.currency)} ${request.currency}; available to claim is ${fromMinorUnits(context.available, request.currency)}`,
    });
  }
  return failures;
}
