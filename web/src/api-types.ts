/**
 * The API's bodies as the portal reads them, inferred from the same zod schemas the routes declare (OpenAPI
 * and the contract test read them too). Type-only imports: no schema code reaches the browser bundle.
 */
import type { z } from 'zod';
import type { Role } from '../../domain/access/actor';
import type { ApprovalDecision, rejectionReasonCodes } from '../../domain/approvals/approval-decision';
import type { uploadRequestSchema } from '../../domain/channel-files/request-upload';
import type { ClaimStatus } from '../../domain/claims/claim';
import type { dealRegistrationRequestSchema } from '../../domain/deal-registration/deal-registration';
import type { wonDealAuthorizationSchema } from '../../domain/deal-registration/won-deal-authorization';
import type { fundAllocationSchema } from '../../domain/funds/fund';
import type { activityTypes, fundRequestInputSchema } from '../../domain/funds/fund-request';
import type { priceProtectionRunRequestSchema } from '../../domain/price-protection/price-protection-run';
import type { ShipAndDebitBillBack } from '../../domain/ship-and-debit/bill-back';
import type { BillBackDetection as DomainBillBackDetection } from '../../domain/ship-and-debit/bill-back-returns';
import type { DebitAuthorization as DomainDebitAuthorization } from '../../domain/ship-and-debit/debit-authorization';
import type { shipAndDebitClaimView } from '../../domain/ship-and-debit/ship-and-debit-claim';
import type { whatIfSchema } from '../../functions/api/api-schemas';
import type { approvalTaskResponse } from '../../functions/api/approval-routes';
import type { claimResponseSchema } from '../../functions/api/claim-schemas';
import type {
  dealRegistrationResponseSchema,
  reviewDecisionSchema,
} from '../../functions/api/deal-registration-schemas';
import type {
  fundRequestResponseSchema,
  fundResponseSchema,
  fundUtilizationResponseSchema,
} from '../../functions/api/fund-schemas';
import type { nearTierAlertResponseSchema } from '../../functions/api/near-tier-schemas';
import type {
  partnerPaymentViewSchema,
  paymentBatchHeaderResponseSchema,
  paymentBatchResponseSchema,
} from '../../functions/api/payment-response-schemas';
import type {
  priceProtectionClaimResponseSchema,
  priceProtectionRunResponseSchema,
  priceProtectionRunSchema,
} from '../../functions/api/price-protection-schemas';
import type {
  checkbookSchema,
  explainedEntrySchema,
  replayResponseSchema,
} from '../../functions/api/record-response-schemas';
import type {
  liabilitiesResponseSchema,
  performanceResponseSchema,
  scorecardResponseSchema,
  topPartnersResponseSchema,
} from '../../functions/api/report-schemas';
import type {
  accrualRunResponseSchema,
  channelFileResponseSchema,
  inventoryPositionResponseSchema,
  programProgressResponseSchema,
  rejectedLineResponseSchema,
  saleLineResponseSchema,
  uploadTicketSchema,
  whatIfResponseSchema,
} from '../../functions/api/response-schemas';
import type { Problem } from '../../functions/shared/http/problem';

export type Checkbook = z.infer<typeof checkbookSchema>;
export type ProgramProgress = z.infer<typeof programProgressResponseSchema>;
export type ProgramProgressItem = ProgramProgress['items'][number];
export type TierProgress = ProgramProgressItem['tiers'][number];
export type WhatIfSale = z.input<typeof whatIfSchema>;
export type WhatIf = z.infer<typeof whatIfResponseSchema>;
export type Claim = z.infer<typeof claimResponseSchema>;
export type PartnerPayment = z.infer<typeof partnerPaymentViewSchema>;
export type PaymentBatchHeader = z.infer<typeof paymentBatchHeaderResponseSchema>;
export type PaymentBatch = z.infer<typeof paymentBatchResponseSchema>;
export type ApprovalTask = z.infer<typeof approvalTaskResponse>;
export type LiabilitiesReport = z.infer<typeof liabilitiesResponseSchema>;
export type PartnerScorecard = z.infer<typeof scorecardResponseSchema>;
export type PerformanceReport = z.infer<typeof performanceResponseSchema>;
export type TopPartnersReport = z.infer<typeof topPartnersResponseSchema>;
export type RejectionReason = (typeof rejectionReasonCodes)[number];
export type NearTierAlert = z.infer<typeof nearTierAlertResponseSchema>;
export type { ApprovalDecision, ClaimStatus, Problem, Role };

/** A listing's page (`pageOf` / `listOf` in the API's schemas). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string;
}

// Channel data and accrual runs (the upload, sales & inventory and accrual run pages).
export type ChannelFile = z.infer<typeof channelFileResponseSchema>;
export type ChannelFileStatus = ChannelFile['status'];
export type UploadRequest = z.input<typeof uploadRequestSchema>;
export type UploadTicket = z.infer<typeof uploadTicketSchema>;
export type RejectedLine = z.infer<typeof rejectedLineResponseSchema>;
export type SaleLine = z.infer<typeof saleLineResponseSchema>;
export type InventoryPosition = z.infer<typeof inventoryPositionResponseSchema>;
export type AccrualRun = z.infer<typeof accrualRunResponseSchema>;
export type ProgramRunResult = AccrualRun['results'][number];
export type ExplainedEntry = z.infer<typeof explainedEntrySchema>;
export type Replay = z.infer<typeof replayResponseSchema>;

// Deal registrations, co-op / MDF funds and ship & debit (their partner pages).
export type DealRegistration = z.infer<typeof dealRegistrationResponseSchema>;
export type DealRegistrationRequest = z.input<typeof dealRegistrationRequestSchema>;
export type Fund = z.infer<typeof fundResponseSchema>;
export type FundUtilization = z.infer<typeof fundUtilizationResponseSchema>;
export type FundRequest = z.infer<typeof fundRequestResponseSchema>;
export type FundRequestInput = z.input<typeof fundRequestInputSchema>;
export type ActivityType = (typeof activityTypes)[number];
/**
 * The routes answer these two as the domain holds them (their response schemas are loose and name only some
 * fields): the coverage, each line's pricing and each claim line's reason come from the domain types.
 */
export type DebitAuthorization = DomainDebitAuthorization;
export type ShipAndDebitClaim = ReturnType<typeof shipAndDebitClaimView>;

// Staff pages of deal registration, ship & debit, price protection and funds.
export type ReviewDecision = z.input<typeof reviewDecisionSchema>;
export type WonDealAuthorizationTerms = z.input<typeof wonDealAuthorizationSchema>;
export type PricingMethod = WonDealAuthorizationTerms['lines'][number]['pricing'];
export type BillBack = ShipAndDebitBillBack;
export type BillBackDetection = DomainBillBackDetection;
export type PriceProtectionRunRequest = z.input<typeof priceProtectionRunRequestSchema>;
export type PriceProtectionRunHeader = z.infer<typeof priceProtectionRunSchema>;
export type PriceProtectionRun = z.infer<typeof priceProtectionRunResponseSchema>;
export type PriceProtectionLine = PriceProtectionRun['lines'][number];
export type PriceProtectionClaim = z.infer<typeof priceProtectionClaimResponseSchema>;
export type FundAllocation = z.input<typeof fundAllocationSchema>;
