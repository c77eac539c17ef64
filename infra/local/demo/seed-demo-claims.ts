import type { Actor } from '../../../domain/access/actor';
import { decideTask } from '../../../domain/approvals/approval-use-cases';
import type { ApprovalDeps } from '../../../domain/approvals/ports';
import type { Claim } from '../../../domain/claims/claim';
import { claimRequestSchema } from '../../../domain/claims/claim-request';
import { claimPostingId } from '../../../domain/claims/settle-decided-claim';
import { submitClaim } from '../../../domain/claims/submit-claim';
import { createPaymentBatch } from '../../../domain/payments/create-payment-batch';
import type { PaymentDeps } from '../../../domain/payments/ports';
import { approvePaymentBatch, markPaymentBatchPaid } from '../../../domain/payments/settle-payment-batch';
import type { createClaimDeps } from '../../../functions/claims/create-claim-deps';
import { awaitValue } from './await-value';
import { type DemoClaim, demoClaimProgram, demoClaims } from './demo-claims';

const partner: Actor = { userId: 'demo-partner-dist-north', role: 'partner', partnerId: 'DIST-NORTH' };
const approver: Actor = { userId: 'demo-approver', role: 'approver' };
const finance: Actor = { userId: 'demo-finance', role: 'finance' };
// A batch is approved by someone other than its creator.
const admin: Actor = { userId: 'demo-admin', role: 'admin' };

export interface SeedClaimsDeps {
  readonly claims: ReturnType<typeof createClaimDeps>;
  readonly approvals: ApprovalDeps;
  readonly payments: PaymentDeps;
}

export interface SeededClaim {
  readonly claimId: string;
  readonly reference: string;
  readonly amount: string;
  readonly status: string;
}

const submit = (deps: SeedClaimsDeps, claim: DemoClaim) =>
  submitClaim(deps.claims, partner, {
    idempotencyKey: claim.key,
    request: claimRequestSchema.parse({
      type: 'rebate',
      ...demoClaimProgram,
      currency: 'USD',
      lines: [
        {
          amount: claim.amount,
          reference: claim.reference,
          evidence: [`s3://demo-evidence/${claim.reference}.pdf`],
        },
      ],
    }),
  });

/** The claim's first decision task, once its workflow opened it (in the approver's inbox). */
const waitingTask = (deps: SeedClaimsDeps, claim: Claim) =>
  awaitValue(`the approval task of ${claim.claimId}`, async () =>
    (await deps.approvals.tasks.ofClaim(claim.claimId)).find(
      (candidate) => candidate.kind === 'decision' && candidate.status === 'waiting',
    ),
  );

/** The approver's decision on the claim, and the payment batch the demo puts it in, if any. */
async function decide(deps: SeedClaimsDeps, claim: Claim, spec: DemoClaim, taskId: string): Promise<void> {
  if (spec.decision === undefined) return;
  await decideTask(deps.approvals, approver, { taskId, decision: spec.decision });
  if (spec.payment === undefined) return;
  // A batch may take the claim only once the workflow has settled it (its claim posting is in the ledger).
  await awaitValue(`the settlement of ${spec.reference}`, async () =>
    (await deps.claims.ledger.checkbookPostings(claim.partnerId, claim.programId)).find(
      (posting) => posting.postingId === claimPostingId(claim.claimId),
    ),
  );
  const today = new Date().toISOString().slice(0, 10);
  const batch = await createPaymentBatch(deps.payments, finance, {
    currency: 'USD',
    method: 'check',
    payableUpTo: today,
    requestedExecutionDate: today,
  });
  await approvePaymentBatch(deps.payments, admin, batch.batchId);
  if (spec.payment === 'paid') await markPaymentBatchPaid(deps.payments, finance, batch.batchId);
}

/**
 * Seeds DIST-NORTH's demo claims through the use cases the API runs (submit, the approver's decision, a
 * payment batch made, approved and paid), so the approval workflow, reservations, ledger postings and
 * audit trails are the real ones. Idempotent: the submissions carry idempotency keys, and when the first
 * demo claim exists already an earlier start seeded them, so nothing more is done.
 */
export async function seedDemoClaims(deps: SeedClaimsDeps): Promise<SeededClaim[]> {
  const [first, ...rest] = demoClaims;
  if (first === undefined) return [];
  const submitted = await submit(deps, first);
  if (!submitted.created) return [];
  // Every claim goes into approval together; the workflows open their tasks meanwhile.
  const seeded = [
    submitted.claim,
    ...(await Promise.all(rest.map(async (spec) => (await submit(deps, spec)).claim))),
  ];
  const taskIds = await Promise.all(
    seeded.map(async (claim) =>
      claim.status === 'validationFailed' ? undefined : (await waitingTask(deps, claim)).taskId,
    ),
  );
  const decideOne = (index: number) => {
    const [claim, spec, taskId] = [seeded[index], demoClaims[index], taskIds[index]];
    return claim && spec && taskId ? decide(deps, claim, spec, taskId) : Promise.resolve();
  };
  // A batch takes every payable claim: the claims the demo batches are decided and batched one at a time,
  // in order, before the others are decided.
  const batched = demoClaims.flatMap((spec, index) => (spec.payment === undefined ? [] : [index]));
  for (const index of batched) await decideOne(index);
  await Promise.all(demoClaims.map((_, index) => (batched.includes(index) ? undefined : decideOne(index))));
  return Promise.all(
    seeded.map(async ({ claimId }) => {
      const claim = await deps.claims.claims.get(claimId);
      const line = claim?.lines[0];
      return {
        claimId,
        reference: line?.reference ?? '',
        amount: claim?.amountClaimed ?? '',
        status: claim?.status ?? 'unknown',
      };
    }),
  );
}
