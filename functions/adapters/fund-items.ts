import { drawnOf, type Fund, type FundBalances } from '../../domain/funds/fund';
import { dueOn, type FundRequest, isOpen } from '../../domain/funds/fund-request';
import {
  fundClaimSchema,
  fundMovementSchema,
  fundRequestSchema,
  storedFundSchema,
} from '../../domain/funds/fund-schemas';
import type { FundMovement } from '../../domain/funds/ports';
import type { FundClaim } from '../../domain/funds/proof-of-performance';
import { minorOf } from './stored-minor-units';
import { storageStripper } from './table-access';
import {
  fundClaimIndexKeys,
  fundClaimKey,
  fundIndexKeys,
  fundKey,
  fundMovementKey,
  fundRequestIndexKeys,
  fundRequestKey,
} from './table-keys/funds';

/** Funds, fund requests, proof-of-performance claims and fund movements as items, and read back. */

type Item = Record<string, unknown>;

const withoutStorage = storageStripper('type');
const balanceAttributes = ['allocatedMinor', 'reservedMinor', 'claimedMinor', 'expiredMinor', 'drawnMinor'];
const withoutStorageOrBalances = storageStripper('type', ...balanceAttributes);

/** A new fund's item: its balances as integers of the minor unit, drawnMinor = reserved + claimed + expired. */
export function fundItem(fund: Fund): Item {
  const { balances, ...fields } = fund;
  return {
    ...storedFundSchema.parse(fields),
    ...fundKey(fund.fundId),
    ...fundIndexKeys(fund),
    type: 'Fund',
    allocatedMinor: balances.allocated,
    reservedMinor: balances.reserved,
    claimedMinor: balances.claimed,
    expiredMinor: balances.expired,
    drawnMinor: drawnOf(balances),
  };
}

export function fundOfItem(item: Item): Fund {
  const balances: FundBalances = {
    allocated: minorOf(item.allocatedMinor),
    reserved: minorOf(item.reservedMinor),
    claimed: minorOf(item.claimedMinor),
    expired: minorOf(item.expiredMinor),
  };
  return { ...storedFundSchema.parse(withoutStorageOrBalances(item)), balances };
}

export const requestOfItem = (item: Item) => fundRequestSchema.parse(withoutStorage(item));
export const fundClaimOfItem = (item: Item) => fundClaimSchema.parse(withoutStorage(item));
export const movementOfItem = (item: Item) => fundMovementSchema.parse(withoutStorage(item));

/** A request's item; it stays in the open-requests index (by due date) while open. */
export function requestItem(request: FundRequest): Item {
  return {
    ...fundRequestSchema.parse(request),
    ...fundRequestKey(request.requestId),
    ...fundRequestIndexKeys(request, isOpen(request.status) ? dueOn(request) : undefined),
    type: 'FundRequest',
  };
}

export function fundClaimItem(claim: FundClaim): Item {
  return {
    ...fundClaimSchema.parse(claim),
    ...fundClaimKey(claim.fundClaimId),
    ...fundClaimIndexKeys(claim),
    type: 'FundClaim',
  };
}

export function movementItem(movement: FundMovement): Item {
  return {
    ...fundMovementSchema.parse(movement),
    ...fundMovementKey(movement.fundId, movement.movementId),
    type: 'FundMovement',
  };
}
