import type { RemittanceDetails } from '../partners/remittance-details';
import { BusinessRuleError } from '../shared/errors';
import { toMinorUnits } from '../shared/money/minor-units';
import type { PartnerPayment, PaymentBatch } from './payment-batch';
import { bounded, xmlText } from './xml-text';

/** The manufacturer's account payments leave from (configuration), and who sends the file. */
export interface DebtorAccount extends RemittanceDetails {
  readonly initiatingPartyName: string;
}

const namespace = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09';
/** Unstructured remittance lines are Max140Text; the claim list is split over as many as it needs. */
const remittanceLineLength = 140;

function element(name: string, text: string): string {
  return `<${name}>${xmlText(text)}</${name}>`;
}

function account(details: RemittanceDetails): string {
  return details.iban !== undefined
    ? `<Id>${element('IBAN', details.iban)}</Id>`
    : `<Id><Othr>${element('Id', details.accountNumber ?? '')}</Othr></Id>`;
}

function agent(details: RemittanceDetails): string {
  return details.bic === undefined ? '' : `<FinInstnId>${element('BICFI', details.bic)}</FinInstnId>`;
}

/** "Claims C-1 C-2 …" split into lines of at most 140 characters, never splitting a claim id. */
export function remittanceLines(payment: PartnerPayment): string[] {
  const lines: string[] = [];
  let line = `${payment.partnerId} claims`;
  for (const claim of payment.claims) {
    const next = `${line} ${claim.claimId}`;
    if ([...next].length <= remittanceLineLength) line = next;
    else {
      lines.push(line);
      line = bounded(claim.claimId, remittanceLineLength);
    }
  }
  lines.push(line);
  return lines;
}

/** pain.001 EndToEndId (Max35Text): the batch id and the payment's 1-based position, stable across downloads. */
export function endToEndId(batchId: string, index: number): string {
  return bounded(`${batchId}-${String(index + 1).padStart(5, '0')}`, 35);
}

function transaction(payment: PartnerPayment, index: number, batch: PaymentBatch): string {
  const creditor = payment.account;
  if (creditor === undefined) {
    throw new BusinessRuleError(`The payment to '${payment.partnerId}' has no bank details`);
  }
  const creditorAgent = agent(creditor);
  return [
    '      <CdtTrfTxInf>',
    `        <PmtId>${element('EndToEndId', endToEndId(batch.batchId, index))}</PmtId>`,
    `        <Amt><InstdAmt Ccy="${batch.currency}">${payment.amount}</InstdAmt></Amt>`,
    ...(creditorAgent === '' ? [] : [`        <CdtrAgt>${creditorAgent}</CdtrAgt>`]),
    `        <Cdtr>${element('Nm', bounded(payment.payeeName, 140))}</Cdtr>`,
    `        <CdtrAcct>${account(creditor)}</CdtrAcct>`,
    `        <RmtInf>${remittanceLines(payment)
      .map((line) => element('Ustrd', line))
      .join('')}</RmtInf>`,
    '      </CdtTrfTxInf>',
  ].join('\n');
}

/**
 * The ISO 20022 pain.001.001.09 customer credit transfer initiation of a bank-transfer batch: a group header
 * (MsgId = batch id, creation time = when the batch was exported, number of transactions and control sum),
 * one payment information block (TRF, requested execution date, our account from configuration) and one
 * credit transfer per partner payment with its amount in the batch currency's minor units, the partner's
 * account and the claims it pays as unstructured remittance information.
 */
export function pain001Xml(batch: PaymentBatch, debtor: DebtorAccount): string {
  if (batch.method !== 'bankTransfer') {
    throw new BusinessRuleError(
      `Payment batch '${batch.batchId}' pays by ${batch.method}: it has no bank file`,
    );
  }
  const createdAt = batch.exportedAt ?? batch.approvedAt ?? batch.createdAt;
  const count = String(batch.payments.length);
  const controlSum = batch.total;
  // The control sum must equal the transactions' sum: the bank refuses a file where it does not.
  const sum = batch.payments.reduce(
    (total, payment) => total + toMinorUnits(payment.amount, batch.currency),
    0n,
  );
  if (sum !== toMinorUnits(controlSum, batch.currency)) {
    throw new BusinessRuleError(`Payment batch '${batch.batchId}': payments do not add up to its total`);
  }
  const debtorAgent = agent(debtor);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<Document xmlns="${namespace}">`,
    '  <CstmrCdtTrfInitn>',
    '    <GrpHdr>',
    `      ${element('MsgId', bounded(batch.batchId, 35))}`,
    `      ${element('CreDtTm', createdAt)}`,
    `      ${element('NbOfTxs', count)}`,
    `      ${element('CtrlSum', controlSum)}`,
    `      <InitgPty>${element('Nm', bounded(debtor.initiatingPartyName, 140))}</InitgPty>`,
    '    </GrpHdr>',
    '    <PmtInf>',
    `      ${element('PmtInfId', bounded(`${batch.batchId}-1`, 35))}`,
    '      <PmtMtd>TRF</PmtMtd>',
    `      ${element('NbOfTxs', count)}`,
    `      ${element('CtrlSum', controlSum)}`,
    `      <ReqdExctnDt>${element('Dt', batch.requestedExecutionDate)}</ReqdExctnDt>`,
    `      <Dbtr>${element('Nm', bounded(debtor.accountHolderName, 140))}</Dbtr>`,
    `      <DbtrAcct>${account(debtor)}</DbtrAcct>`,
    `      <DbtrAgt>${debtorAgent === '' ? '<FinInstnId/>' : debtorAgent}</DbtrAgt>`,
    ...batch.payments.map((payment, index) => transaction(payment, index, batch)),
    '    </PmtInf>',
    '  </CstmrCdtTrfInitn>',
    '</Document>',
    '',
  ].join('\n');
}
