import { callApi } from '../api';
import type { Fund, FundAllocation, FundUtilization } from '../api-types';
import { CurrencySelect, Money, ProblemView, Show, useApiGet } from '../components';
import { useFormAction } from '../form-action';
import { PartnerFilter } from '../partner-filter';
import type { Session } from '../session';
import { may } from '../staff-roles';
import { FundTable } from './funds';

const allocationOf = (data: FormData): FundAllocation => {
  const text = (name: string) => String(data.get(name) ?? '').trim();
  return {
    kind: 'discretionary',
    partnerId: text('partnerId'),
    name: text('name'),
    period: text('period'),
    currency: text('currency') as FundAllocation['currency'],
    amount: text('amount'),
    validFrom: text('validFrom'),
    validTo: text('validTo'),
    claimWindowDays: Number(text('claimWindowDays')),
  };
};

/** A channel manager allocates an MDF budget to a partner for a period. */
function AllocateFund({
  session,
  partnerId,
  onAllocated,
}: {
  session: Session;
  partnerId?: string | undefined;
  onAllocated: () => void;
}) {
  const action = useFormAction(
    (form) => callApi<Fund>(session.token, 'POST', '/funds', allocationOf(new FormData(form))),
    onAllocated,
  );
  const allocated = action.result;
  return (
    <section aria-labelledby="allocate-heading">
      <h2 id="allocate-heading">Allocate an MDF budget</h2>
      <form class="stack" onSubmit={action.onSubmit}>
        <label for="allocate-partner">Partner the budget is for</label>
        <input id="allocate-partner" name="partnerId" required defaultValue={partnerId ?? ''} />
        <label for="allocate-name">Fund name</label>
        <input id="allocate-name" name="name" required placeholder="MDF 2026 H2" />
        <label for="allocate-period">Period (YYYY-MM, FYyyyy-Qn or FYyyyy)</label>
        <input id="allocate-period" name="period" required placeholder="FY2026-Q3" />
        <label for="allocate-amount">Amount</label>
        <input id="allocate-amount" name="amount" inputMode="decimal" required placeholder="10000.00" />
        <label for="allocate-currency">Currency</label>
        <CurrencySelect id="allocate-currency" name="currency" />
        <label for="allocate-from">Activities from</label>
        <input id="allocate-from" name="validFrom" type="date" required />
        <label for="allocate-to">Activities until</label>
        <input id="allocate-to" name="validTo" type="date" required />
        <label for="allocate-window">Days to claim after an activity</label>
        <input id="allocate-window" name="claimWindowDays" inputMode="numeric" defaultValue="60" required />
        <button type="submit" disabled={action.busy}>
          Allocate
        </button>
      </form>
      {action.problem && <ProblemView problem={action.problem} />}
      <p class="notice" role="status">
        {allocated && (
          <>
            Allocated <Money amount={allocated.balances.allocated} currency={allocated.currency} /> to{' '}
            {allocated.partnerId} as “{allocated.name}”.
          </>
        )}
      </p>
    </section>
  );
}

/** Staff's funds (`#/funds`): every partner's funds (or one's) with their utilization, and MDF allocation. */
export function StaffFunds({ session, partnerId }: { session: Session; partnerId?: string | undefined }) {
  const query = partnerId ? `?partnerId=${encodeURIComponent(partnerId)}` : '';
  const [funds, reloadFunds] = useApiGet<{ items: Fund[] }>(session, `/funds${query}`);
  const [utilization, reloadUtilization] = useApiGet<{ items: FundUtilization[] }>(
    session,
    `/fund-utilization${query}`,
  );
  return (
    <>
      <h1>MDF and co-op funds</h1>
      <PartnerFilter page="funds" partnerId={partnerId} />
      <Show loaded={funds} what="the funds">
        {({ items: fundList }) =>
          fundList.length === 0 ? (
            <p>No fund yet.</p>
          ) : (
            <Show loaded={utilization} what="the funds' utilization">
              {({ items }) => <FundTable funds={fundList} utilization={items} staff />}
            </Show>
          )
        }
      </Show>
      {may(session, 'allocateFunds') && (
        <AllocateFund
          session={session}
          partnerId={partnerId}
          onAllocated={() => {
            reloadFunds();
            reloadUtilization();
          }}
        />
      )}
    </>
  );
}
