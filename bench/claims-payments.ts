/**
 * The claims benchmark's payment step: one bank-transfer batch of every payable claim, built by finance
 * (in this process, see below), approved by a second finance user and exported as pain.001 through the
 * API. The export is timed; the file must pay every partner once and its CtrlSum must be Σ of the claims.
 */
import { buildRequestedBatch } from '../domain/payments/build-requested-batch';
import { createPaymentBatch } from '../domain/payments/create-payment-batch';
import { toMinorUnits } from '../domain/shared/money/minor-units';
import { createPaymentDeps } from '../functions/payments/create-payment-deps';
import { type Call, expectStatus } from './claims-http';
import { type PlannedClaim, usd } from './claims-plan';
import { benchTable } from './claims-setup';

/** The first `<tag>…</tag>` of a document. */
const element = (xml: string, tag: string) => xml.match(new RegExp(`<${tag}>([^<]*)</${tag}>`))?.[1];

export async function verifyPayments(
  call: Call,
  tokens: { readonly finance: string; readonly secondFinance: string },
  dynamoDbEndpoint: string,
  claims: readonly PlannedClaim[],
) {
  const sum = claims.reduce((total, claim) => total + claim.amountMinor, 0n);
  const payees = new Set(claims.map((claim) => claim.partnerId)).size;
  // `POST /payment-batches` writes every claim in the call: past ~1,000 claims it outlasts the Lambda's 10 s
  // here (API Gateway allows 29 s on AWS). The same use case builds the batch in this process instead.
  const { settings } = await benchTable(dynamoDbEndpoint);
  // The stack's event bus is on a port this process does not know: a batch over the inline limit is built
  // here by the use case its PaymentBatchRequested handler runs, instead of by the event.
  const deps = {
    ...createPaymentDeps({ ...settings, EVENT_BUS_NAME: 'unused' }),
    events: { publish: async () => {} },
  };
  let started = performance.now();
  const requested = await createPaymentBatch(
    deps,
    { userId: 'bench-finance', role: 'finance' },
    {
      currency: 'USD',
      method: 'bankTransfer',
      payableUpTo: new Date().toISOString().slice(0, 10),
    },
  );
  const batch =
    requested.status === 'building' ? await buildRequestedBatch(deps, requested.batchId) : requested;
  const createMs = Math.round(performance.now() - started);
  const batchId = batch.batchId;
  expectStatus(
    await call('POST', `/payment-batches/${batchId}/approve`, tokens.secondFinance),
    200,
    'approve the payment batch',
  );
  started = performance.now();
  const file = await call('GET', `/payment-batches/${batchId}/pain001`, tokens.finance);
  const exportMs = Math.round(performance.now() - started);
  expectStatus(file, 200, 'export pain.001');
  const controlSum = element(file.text, 'CtrlSum');
  const transactions = Number(element(file.text, 'NbOfTxs'));
  return {
    payments: batch.paymentCount,
    claimsInBatch: batch.claimCount,
    createBatchInProcessMs: createMs,
    exportPain001Ms: exportMs,
    fileBytes: Buffer.byteLength(file.text),
    controlSumExact:
      controlSum !== undefined &&
      toMinorUnits(controlSum, 'USD') === sum &&
      batch.total === usd(sum) &&
      transactions === payees &&
      batch.claimCount === claims.length,
  };
}
