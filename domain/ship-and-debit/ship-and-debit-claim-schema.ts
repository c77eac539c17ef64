import { z } from 'zod';
import { roleSchema } from '../access/actor';
import { currencyCodeSchema } from '../shared/money/money';
import { bookCostBases } from './debit-authorization';
import { debitClaimReasons } from './debit-claim-reasons';
import { type ShipAndDebitClaim, shipAndDebitClaimChannels } from './ship-and-debit-claim';

const claimLineSchema = z.object({
  lineNumber: z.number().int().positive(),
  authorizationNumber: z.string(),
  invoiceNumber: z.string(),
  invoiceLine: z.string().exactOptional(),
  shipDate: z.string(),
  endCustomerId: z.string(),
  productSku: z.string(),
  quantity: z.number().int(),
  bookCost: z.string(),
  authorizedCost: z.string(),
  resalePrice: z.string().exactOptional(),
  amount: z.string(),
});

const reasons = Object.keys(debitClaimReasons) as [
  keyof typeof debitClaimReasons,
  ...(keyof typeof debitClaimReasons)[],
];

const lineResultSchema = z.object({
  lineNumber: z.number().int().positive(),
  outcome: z.enum(['approved', 'partiallyApproved', 'rejected']),
  reason: z.enum(reasons).exactOptional(),
  x12Code: z.string().exactOptional(),
  followUp: z.string().exactOptional(),
  approvedQuantity: z.number().int().nonnegative(),
  approvedAmount: z.string(),
  bookCostBasis: z.enum(bookCostBases).exactOptional(),
  bookCost: z.string().exactOptional(),
  authorizedCost: z.string().exactOptional(),
  appliedAuthorizationNumber: z.string().exactOptional(),
});

const unreadableLineSchema = z.object({
  lineNumber: z.number().int().positive(),
  segment: z.number().int(),
  code: z.enum(['missing_data', 'invalid_value', 'unknown_qualifier']),
  x12Code: z.enum(['15', '33']),
  message: z.string(),
  productSku: z.string(),
  invoiceNumber: z.string(),
});

/** A stored ship & debit claim as it is read back (the store checks every item against it). */
export const shipAndDebitClaimSchema = z.object({
  claimId: z.string().min(1),
  claimNumber: z.string().min(1),
  partnerId: z.string().min(1),
  channel: z.enum(shipAndDebitClaimChannels),
  sourceFileId: z.string().min(1).exactOptional(),
  currency: currencyCodeSchema,
  receivedAt: z.iso.datetime(),
  submittedBy: z.object({ userId: z.string(), role: roleSchema }),
  authorizationNumbers: z.array(z.string()),
  lines: z.array(claimLineSchema),
  results: z.array(lineResultSchema),
  unreadableLines: z.array(unreadableLineSchema),
  amountClaimed: z.string(),
  amountApproved: z.string(),
  billBackOffsets: z.array(z.object({ billBackId: z.string().min(1), amount: z.string() })).exactOptional(),
  linesForReview: z.array(z.number().int().positive()).exactOptional(),
  settlementClaimId: z.string().exactOptional(),
  autoSettlementClaimId: z.string().exactOptional(),
  response849: z.string(),
}) satisfies z.ZodType<ShipAndDebitClaim>;
