/**
 * The claims benchmark's payment step: one bank-transfer batch of every payable claim, built by finance,
 * approved by a second finance user and exported as pain.001. The export is timed; the file must pay every
 * partner once and its CtrlSum must be Σ of the claims, to the cent.
 */
import { toMinorUnits } from '../domain/shared/money/minor-units';
import { type Call, expectStatus } from './claims-http';
import { type PlannedClaim, usd } from './claims-plan';

/** The first `<tag>…</tag>` of a document. */
const element = (xml: string, tag: string) => xml.match(new RegExp(`<${tag}>([^<]*)</${tag}>`))?.[1];

export async function verifyPayments(
  call: Call,
  tokens: { readonly finance: string; readonly secondFinance: string },
  claims: readonly PlannedClaim[],
) {
  const sum = claims.reduce((total, claim) => total + claim.amountMinor, 0n);
  const payees = new Set(claims.map((claim) => claim.partnerId)).size;
  let started = performance.now();
  const created = await call('POST', '/payment-batches', tokens.finance, {
    currency: 'USD',
    method: 'bankTransfer',
    payableUpTo: new Date().toISOString().slice(0, 10),
  });
  const createMs = Math.round(performance.now() - started);
  // A batch too big for one API call is a finding to report, not a reason to lose the other figures.
  if (created.status !== 201) {
    return { createBatchMs: createMs, createStatus: created.status, controlSumExact: false };
  }
  const batchId = String(created.json.batchId);
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
    payments: created.json.paymentCount,
    claimsInBatch: created.json.claimCount,
    createBatchMs: createMs,
    exportPain001Ms: exportMs,
    fileBytes: Buffer.byteLength(file.text),
    controlSumExact:
      controlSum !== undefined &&
      toMinorUnits(controlSum, 'USD') === sum &&
      created.json.total === usd(sum) &&
      transactions === payees &&
      created.json.claimCount === claims.length,
  };
}
