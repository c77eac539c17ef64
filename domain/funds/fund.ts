import { z } from 'zod';
import type { ClaimActor } from '../claims/claim';
import type { ClaimFundScope } from '../claims/claim-fund';
import { periodLabelSchema } from '../ledger/ledger-posting';
import { businessCodeSchema, nameSchema } from '../shared/codes';
import { BusinessRuleError } from '../shared/errors';
import { type IsoDate, isoDateSchema } from '../shared/iso-date';
import { toMinorUnits } from '../shared/money/minor-units';
import { type CurrencyCode, currencyCodeSchema, currencyMinorUnits } from '../shared/money/money';

/**
 * The two kinds of marketing fund. `accrual`: a co-op program's earned balance (the partner's checkbook of
 * one program period, fund `coop`) made spendable through fund requests. `discretionary`: an MDF budget a
 * channel manager allocates to one partner for one period.
 */
export const fundKinds = ['accrual', 'discretionary'] as const;
export type FundKind = (typeof fundKinds)[number];

/** `active` takes requests and claims; `expired` passed its expiry date and its unspent balance was released. */
export const fundStatuses = ['active', 'expired'] as const;
export type FundStatus = (typeof fundStatuses)[number];

/**
 * The use-it-or-lose-it rule: requests are for activities inside the fund's validity, proof of performance
 * may follow for `claimWindowDays` after an activity (and after validTo at the latest), then the fund
 * expires and the daily job releases (posts as expired) whatever is neither claimed nor reserved.
 */
export interface ExpiryRule {
  readonly claimWindowDays: number;
}

/**
 * What a fund holds, in integers of its currency's minor unit. `reserved`: held by approved requests not
 * yet settled; `claimed`: approved proof-of-performance claims; `expired`: released at expiry.
 * available = allocated − reserved − claimed − expired; drawn = reserved + claimed + expired.
 */
export interface FundBalances {
  readonly allocated: bigint;
  readonly reserved: bigint;
  readonly claimed: bigint;
  readonly expired: bigint;
}

/** A change of a fund's balances (signed, minor units); `allocated` never changes after creation. */
export interface FundDelta {
  readonly reserved: bigint;
  readonly claimed: bigint;
  readonly expired: bigint;
}

/** A co-op or MDF fund of one partner, in one currency, for one period. */
export interface Fund {
  readonly fundId: string;
  readonly kind: FundKind;
  readonly partnerId: string;
  readonly name: string;
  /** Program period label (YYYY-MM, FYyyyy-Qn, FYyyyy): what settled claims and payments are booked to. */
  readonly period: string;
  /** The co-op program whose earned balance is the fund (accrual funds only). */
  readonly programId?: string;
  readonly currency: CurrencyCode;
  readonly validFrom: IsoDate;
  readonly validTo: IsoDate;
  readonly expiry: ExpiryRule;
  /** validTo + claimWindowDays: the day after it the fund expires. */
  readonly expiresOn: IsoDate;
  readonly status: FundStatus;
  readonly balances: FundBalances;
  readonly allocatedBy: ClaimActor;
  readonly createdAt: string;
}

/** Days added to an ISO date, in UTC (no clock is read). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const value = new Date(`${date}T00:00:00.000Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

export const drawnOf = (balances: FundBalances): bigint =>
  balances.reserved + balances.claimed + balances.expired;

/** What new requests may still reserve. */
export const availableOf = (balances: FundBalances): bigint => balances.allocated - drawnOf(balances);

/**
 * The rule that keeps a fund from being overdrawn: `amount` may be reserved only while drawn + amount ≤
 * allocated. DynamoDB conditions cannot add, so the store writes it as `drawn ≤ limit` with this limit; a
 * negative limit means no reservation can succeed.
 */
export function reservationLimit(balances: FundBalances, amount: bigint): bigint {
  return balances.allocated - amount;
}

/** The balances after `delta`, refused when they would overdraw the fund or go negative. */
export function applyDelta(balances: FundBalances, delta: FundDelta): FundBalances {
  const next = {
    allocated: balances.allocated,
    reserved: balances.reserved + delta.reserved,
    claimed: balances.claimed + delta.claimed,
    expired: balances.expired + delta.expired,
  };
  if (next.reserved < 0n || next.claimed < 0n || next.expired < 0n || availableOf(next) < 0n) {
    throw new BusinessRuleError('the fund would be overdrawn');
  }
  return next;
}

export const noDelta: FundDelta = { reserved: 0n, claimed: 0n, expired: 0n };

/** Reserving an approved request's amount. */
export const reserveDelta = (amount: bigint): FundDelta => ({ ...noDelta, reserved: amount });

/**
 * Giving back a reservation no claim will use: to the available balance while the fund is active; once it
 * expired, straight to `expired` (use it or lose it applies to late releases too).
 */
export const releaseDelta = (fund: Pick<Fund, 'status'>, amount: bigint): FundDelta =>
  fund.status === 'expired'
    ? { ...noDelta, reserved: -amount, expired: amount }
    : { ...noDelta, reserved: -amount };

/** Settling a reservation of `reserved` by an approved claim of `approved` (≤ reserved): the rest is released. */
export function settleDelta(fund: Pick<Fund, 'status'>, reserved: bigint, approved: bigint): FundDelta {
  if (approved < 0n || approved > reserved) {
    throw new BusinessRuleError('a claim settles at most what its request reserved');
  }
  const release = releaseDelta(fund, reserved - approved);
  return { reserved: -reserved, claimed: approved, expired: release.expired };
}

/** Expiry of a fund: everything still available becomes expired. */
export const expiryDelta = (balances: FundBalances): FundDelta => ({
  ...noDelta,
  expired: availableOf(balances),
});

/** Whether an activity on `date` is inside the fund's validity. */
export const isWithinValidity = (fund: Pick<Fund, 'validFrom' | 'validTo'>, date: IsoDate) =>
  date >= fund.validFrom && date <= fund.validTo;

const amountText = z
  .string()
  .regex(/^\d{1,15}(\.\d{1,6})?$/, 'must be a positive decimal string, e.g. "1500.00"');

/** Whether a decimal amount has at most the currency's decimals; its minor units when it has. */
export function minorUnitsOf(amount: string, currency: CurrencyCode): bigint | undefined {
  const decimals = amount.split('.')[1]?.length ?? 0;
  if (decimals > currencyMinorUnits[currency]) return undefined;
  return toMinorUnits(fromDecimal(amount, currency), currency);
}

/** "1500" → "1500.00" (USD): a canonical amount with exactly the currency's decimals. */
function fromDecimal(amount: string, currency: CurrencyCode): string {
  const decimals = currencyMinorUnits[currency];
  const [whole = '0', fraction = ''] = amount.split('.');
  return decimals === 0 ? whole : `${whole}.${fraction.padEnd(decimals, '0')}`;
}

/**
 * What a channel manager allocates: an MDF budget for one partner and period, or an accrual fund over a
 * co-op program's earned balance (its amount is read from the checkbook, never sent).
 */
export const fundAllocationSchema = z
  .object({
    kind: z
      .enum(fundKinds)
      .describe('`discretionary` (MDF budget) or `accrual` (a co-op program’s earned balance)'),
    partnerId: businessCodeSchema.describe('Partner the fund is for'),
    name: nameSchema.describe('Name people see, e.g. "MDF 2026 H1"'),
    period: periodLabelSchema.describe('Period label the fund is booked to: YYYY-MM, FYyyyy-Qn or FYyyyy'),
    currency: currencyCodeSchema.describe('ISO 4217 currency of the fund'),
    amount: amountText.optional().describe('Allocated amount (discretionary only), > 0'),
    programId: businessCodeSchema
      .optional()
      .describe('Co-op program whose earned balance is the fund (accrual only)'),
    validFrom: isoDateSchema.describe('First day of activities the fund pays for'),
    validTo: isoDateSchema.describe('Last day of activities the fund pays for'),
    claimWindowDays: z
      .number()
      .int()
      .min(0)
      .max(366)
      .default(60)
      .describe(
        'Days after an activity (and after validTo) in which proof of performance is taken; default 60',
      ),
  })
  .strict()
  .superRefine((request, ctx) => {
    if (request.validTo < request.validFrom) {
      ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'must not be before validFrom' });
    }
    if (request.kind === 'discretionary') {
      if (request.amount === undefined) {
        ctx.addIssue({ code: 'custom', path: ['amount'], message: 'is required for a discretionary fund' });
      } else {
        const minor = minorUnitsOf(request.amount, request.currency);
        if (minor === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['amount'],
            message: `${request.currency} has ${currencyMinorUnits[request.currency]} decimals`,
          });
        } else if (minor <= 0n) {
          ctx.addIssue({ code: 'custom', path: ['amount'], message: 'must be greater than zero' });
        }
      }
      if (request.programId !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['programId'],
          message: 'only an accrual fund names a program',
        });
      }
    } else {
      if (request.programId === undefined) {
        ctx.addIssue({ code: 'custom', path: ['programId'], message: 'is required for an accrual fund' });
      }
      if (request.amount !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['amount'],
          message: 'an accrual fund is the program’s earned balance; leave amount out',
        });
      }
    }
  });
export type FundAllocation = z.output<typeof fundAllocationSchema>;

/** A new fund from an allocation; `allocated` is the budget (discretionary) or the earned balance (accrual). */
export function newFund(
  allocation: FundAllocation,
  fields: {
    readonly fundId: string;
    readonly allocated: bigint;
    readonly by: ClaimActor;
    readonly at: string;
  },
): Fund {
  if (fields.allocated <= 0n) {
    const message =
      allocation.kind === 'accrual'
        ? `program '${allocation.programId}' has no earned ${allocation.currency} co-op balance for ${allocation.period} to spend`
        : 'must be greater than zero';
    throw new BusinessRuleError('Nothing to allocate', [
      { path: allocation.kind === 'accrual' ? 'programId' : 'amount', message },
    ]);
  }
  return {
    fundId: fields.fundId,
    kind: allocation.kind,
    partnerId: allocation.partnerId,
    name: allocation.name,
    period: allocation.period,
    ...(allocation.programId === undefined ? {} : { programId: allocation.programId }),
    currency: allocation.currency,
    validFrom: allocation.validFrom,
    validTo: allocation.validTo,
    expiry: { claimWindowDays: allocation.claimWindowDays },
    expiresOn: addDays(allocation.validTo, allocation.claimWindowDays),
    status: 'active',
    balances: { allocated: fields.allocated, reserved: 0n, claimed: 0n, expired: 0n },
    allocatedBy: fields.by,
    createdAt: fields.at,
  };
}

/** The co-op checkbook an accrual fund spends (its program period, fund `coop`); none for an MDF budget. */
export function checkbookScopeOf(fund: Fund): ClaimFundScope | undefined {
  if (fund.kind !== 'accrual' || fund.programId === undefined) return undefined;
  return {
    partnerId: fund.partnerId,
    programId: fund.programId,
    period: fund.period,
    fund: 'coop',
    currency: fund.currency,
  };
}

/** The program a fund's settled claims are booked to: the co-op program, or the MDF fund itself. */
export const bookingProgramOf = (fund: Pick<Fund, 'fundId' | 'programId'>) => fund.programId ?? fund.fundId;
