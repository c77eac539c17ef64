import { describe, expect, it } from 'vitest';
import { buildPaymentBatch } from '../../../domain/payments/build-payment-batch';
import { type DebtorAccount, pain001Xml, remittanceLines } from '../../../domain/payments/pain001-export';
import type { PaymentBatch } from '../../../domain/payments/payment-batch';
import { remittanceAdviceCsv } from '../../../domain/payments/remittance-advice';
import { xmlText } from '../../../domain/payments/xml-text';
import { paidPartner, payableClaim } from './builders';

const debtor: DebtorAccount = {
  initiatingPartyName: 'ACME Manufacturing',
  accountHolderName: 'ACME Manufacturing GmbH',
  iban: 'DE75512108001245126199',
  bic: 'SOGEDEFFXXX',
};

function knownBatch(): PaymentBatch {
  const batch = buildPaymentBatch({
    batchId: 'PB-7',
    request: {
      currency: 'EUR',
      method: 'bankTransfer',
      payableUpTo: '2026-02-28',
      requestedExecutionDate: '2026-03-05',
    },
    createdBy: { userId: 'u-fin', role: 'finance' },
    createdAt: '2026-03-01T12:00:00.000Z',
    claims: [
      payableClaim('C1', { amountApproved: '100.10' }),
      payableClaim('C2', { amountApproved: '0.20' }),
      payableClaim('C3', { partnerId: 'P2', amountApproved: '5.00' }),
    ],
    partners: new Map([
      [
        'P1',
        paidPartner('P1', {
          remittance: {
            accountHolderName: 'Müller & Söhne <KG>',
            iban: 'DE89370400440532013000',
            bic: 'COBADEFFXXX',
          },
        }),
      ],
      [
        'P2',
        paidPartner('P2', { remittance: { accountHolderName: 'Acme "US"', accountNumber: '000123456789' } }),
      ],
    ]),
  });
  return { ...batch, status: 'exported', exportedAt: '2026-03-02T08:30:00.000Z' };
}

describe('pain001Xml', () => {
  it('a known batch: group header, one TRF payment block, one credit transfer per partner, escaped names', () => {
    expect(pain001Xml(knownBatch(), debtor)).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09">
  <CstmrCdtTrfInitn>
    <GrpHdr>
      <MsgId>PB-7</MsgId>
      <CreDtTm>2026-03-02T08:30:00.000Z</CreDtTm>
      <NbOfTxs>2</NbOfTxs>
      <CtrlSum>105.30</CtrlSum>
      <InitgPty><Nm>ACME Manufacturing</Nm></InitgPty>
    </GrpHdr>
    <PmtInf>
      <PmtInfId>PB-7-1</PmtInfId>
      <PmtMtd>TRF</PmtMtd>
      <NbOfTxs>2</NbOfTxs>
      <CtrlSum>105.30</CtrlSum>
      <ReqdExctnDt><Dt>2026-03-05</Dt></ReqdExctnDt>
      <Dbtr><Nm>ACME Manufacturing GmbH</Nm></Dbtr>
      <DbtrAcct><Id><IBAN>DE75512108001245126199</IBAN></Id></DbtrAcct>
      <DbtrAgt><FinInstnId><BICFI>SOGEDEFFXXX</BICFI></FinInstnId></DbtrAgt>
      <CdtTrfTxInf>
        <PmtId><EndToEndId>PB-7-00001</EndToEndId></PmtId>
        <Amt><InstdAmt Ccy="EUR">100.30</InstdAmt></Amt>
        <CdtrAgt><FinInstnId><BICFI>COBADEFFXXX</BICFI></FinInstnId></CdtrAgt>
        <Cdtr><Nm>Müller &amp; Söhne &lt;KG&gt;</Nm></Cdtr>
        <CdtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></CdtrAcct>
        <RmtInf><Ustrd>P1 claims C1 C2</Ustrd></RmtInf>
      </CdtTrfTxInf>
      <CdtTrfTxInf>
        <PmtId><EndToEndId>PB-7-00002</EndToEndId></PmtId>
        <Amt><InstdAmt Ccy="EUR">5.00</InstdAmt></Amt>
        <Cdtr><Nm>Acme &quot;US&quot;</Nm></Cdtr>
        <CdtrAcct><Id><Othr><Id>000123456789</Id></Othr></Id></CdtrAcct>
        <RmtInf><Ustrd>P2 claims C3</Ustrd></RmtInf>
      </CdtTrfTxInf>
    </PmtInf>
  </CstmrCdtTrfInitn>
</Document>
`);
  });

  it('amounts carry the currency’s minor units: JPY without decimals', () => {
    const batch = knownBatch();
    const yen: PaymentBatch = {
      ...batch,
      currency: 'JPY',
      total: '1205',
      payments: batch.payments.map((payment, index) => ({ ...payment, amount: index === 0 ? '1200' : '5' })),
    };

    const xml = pain001Xml(yen, debtor);

    expect(xml).toContain('<CtrlSum>1205</CtrlSum>');
    expect(xml).toContain('<InstdAmt Ccy="JPY">1200</InstdAmt>');
  });

  it('refuses a file whose payments do not add up to the control sum, and a batch that is not a transfer', () => {
    expect(() => pain001Xml({ ...knownBatch(), total: '105.31' }, debtor)).toThrow(/do not add up/);
    expect(() => pain001Xml({ ...knownBatch(), method: 'check' }, debtor)).toThrow(/no bank file/);
  });

  it('splits a long claim list over 140-character remittance lines, never cutting a claim id', () => {
    const [payment] = knownBatch().payments;
    if (payment === undefined) throw new Error('no payment');
    const many = {
      ...payment,
      claims: Array.from({ length: 30 }, (_, index) => ({
        ...payment.claims[0],
        claimId: `CLM-${index}-ABCDEFGH`,
      })),
    } as typeof payment;

    const lines = remittanceLines(many);

    expect(lines.length).toBeGreaterThan(1);
    expect(lines.every((line) => line.length <= 140)).toBe(true);
    expect(
      lines
        .join(' ')
        .split(' ')
        .filter((word) => word.startsWith('CLM-')),
    ).toHaveLength(30);
  });

  it('escapes markup and drops characters XML cannot carry', () => {
    expect(xmlText(`a&b<c>"d'\u0001e`)).toBe('a&amp;b&lt;c&gt;&quot;d&apos;e');
  });
});

describe('remittanceAdviceCsv', () => {
  it('one row per claim paid, with the partner’s references; formulas neutralised', () => {
    const batch = knownBatch();
    const withFormula: PaymentBatch = {
      ...batch,
      payments: batch.payments.map((payment) => ({
        ...payment,
        claims: payment.claims.map((claim) => ({ ...claim, references: ['=HYPERLINK("x")'] })),
      })),
    };

    expect(remittanceAdviceCsv(withFormula, 'P1').split('\r\n')).toEqual([
      'batchId,paymentId,partnerId,payee,method,expectedPaymentDate,paymentStatus,claimId,programId,period,references,claimAmount,paymentAmount,currency',
      `PB-7,PB-7-P1,P1,Müller & Söhne <KG>,bankTransfer,2026-03-05,scheduled,C1,PRG-1,2026-01,"'=HYPERLINK(""x"")",100.10,100.30,EUR`,
      `PB-7,PB-7-P1,P1,Müller & Söhne <KG>,bankTransfer,2026-03-05,scheduled,C2,PRG-1,2026-01,"'=HYPERLINK(""x"")",0.20,100.30,EUR`,
      '',
    ]);
    expect(() => remittanceAdviceCsv(batch, 'P9')).toThrow(/no payment to partner 'P9'/);
  });
});
