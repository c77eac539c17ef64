import type { AccrualFund } from '../accruals/accrual-entry';

/** A general-ledger account as finance's ERP knows it. */
export interface GlAccount {
  readonly code: string;
  readonly name: string;
}

/** Where a fund's postings land: what it costs and what is owed until it is claimed. */
export interface FundAccounts {
  readonly expense: GlAccount;
  readonly accruedLiability: GlAccount;
}

/** The accounts the ledger's journal entries use. */
export interface ChartOfAccounts {
  readonly funds: Readonly<Record<AccrualFund, FundAccounts>>;
  /** Approved claims owed to partners until paid. */
  readonly accountsPayable: GlAccount;
  readonly cash: GlAccount;
  /** What partners owe us; credit memos and deductions settle claims against it. */
  readonly accountsReceivable: GlAccount;
}

/**
 * A plain default; a manufacturer maps its own ERP codes by overriding fields, e.g.
 * `{ ...defaultChartOfAccounts, cash: { code: '1010', name: 'Operating bank' } }`.
 */
export const defaultChartOfAccounts: ChartOfAccounts = {
  funds: {
    rebate: {
      expense: { code: '6100', name: 'Rebate expense' },
      accruedLiability: { code: '2310', name: 'Accrued rebates' },
    },
    coop: {
      expense: { code: '6200', name: 'Co-op marketing expense' },
      accruedLiability: { code: '2320', name: 'Co-op fund liability' },
    },
    spif: {
      expense: { code: '6300', name: 'SPIF expense' },
      accruedLiability: { code: '2330', name: 'SPIF payable' },
    },
  },
  accountsPayable: { code: '2000', name: 'Accounts payable' },
  cash: { code: '1000', name: 'Cash' },
  accountsReceivable: { code: '1200', name: 'Accounts receivable' },
};
