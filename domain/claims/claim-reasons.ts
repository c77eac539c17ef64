/**
 * Reason codes of automatic validation, stable and documented (README, "Claims"): a partner's system may
 * act on them. Each says what to do: claim on another program, wait for the period to end, claim less.
 */
export const claimReasonCodes = {
  /** No program with this id. */
  programNotFound: 'programNotFound',
  /** The program is a draft or closed: nothing may be claimed on it. */
  programNotInForce: 'programNotInForce',
  /** The partner is not the program's beneficiary (not eligible, or it pays another partner). */
  notBeneficiary: 'notBeneficiary',
  /** The period label is not one of the program's periods (wrong granularity or program year). */
  periodNotInProgram: 'periodNotInProgram',
  /** The program takes claims only after a period ends, and this one has not. */
  periodNotEnded: 'periodNotEnded',
  /** The claim's currency is not the program's. */
  currencyMismatch: 'currencyMismatch',
  /** Another claim of the partner holds this line's reference for the same program and period. */
  duplicateReference: 'duplicateReference',
  /** The claim is more than is available to claim in the checkbook (net of pending claims). */
  exceedsAvailable: 'exceedsAvailable',
} as const;
export type ClaimReasonCode = keyof typeof claimReasonCodes;
