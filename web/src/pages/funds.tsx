import { useState } from 'preact/hooks';
import { callApi } from '../api';
import type { ActivityType, Fund, FundRequest, FundRequestInput, FundUtilization } from '../api-types';
import { DataTable, Money, ProblemView, Show, StatusBadge, useApiGet } from '../components';
import { useFormAction } from '../form-action';
import type { Session } from '../session';

/** Every activity type in words (a new type fails the typecheck here). */
const activityLabels: Record<ActivityType, string> = {
  advertising: 'Advertising',
  event: 'Event',
  training: 'Training',
  digital: 'Digital',
  tradeShow: 'Trade show',
  other: 'Other',
};

const utilizationColumns = ['allocated', 'reserved', 'claimed', 'paid', 'available'] as const;
/** Staff also see what expiry released (a partner's page keeps to what it can still use). */
const staffUtilizationColumns = ['allocated', 'reserved', 'claimed', 'paid', 'expired', 'available'] as const;

/** Each fund with its utilization, every amount in the fund's own currency; for staff, with its partner. */
export function FundTable({
  funds,
  utilization,
  staff = false,
}: {
  funds: readonly Fund[];
  utilization: readonly FundUtilization[];
  staff?: boolean;
}) {
  const columns = staff ? staffUtilizationColumns : utilizationColumns;
  return (
    <DataTable
      caption={staff ? 'Funds and their utilization' : 'Your funds and their utilization'}
      testId="funds"
      columns={[
        'Fund',
        ...(staff ? ['Partner'] : []),
        'Period',
        'Activities',
        'Status',
        ...columns.map((column) => ({
          label: column[0]?.toUpperCase() + column.slice(1),
          num: true as const,
        })),
      ]}
    >
      {funds.map((fund) => {
        const used = utilization.find((row) => row.fundId === fund.fundId);
        return (
          <tr key={fund.fundId}>
            <th scope="row" title={fund.fundId}>
              {fund.name}
            </th>
            {staff && <td>{fund.partnerId}</td>}
            <td>{fund.period}</td>
            <td>
              {fund.validFrom} – {fund.validTo}
            </td>
            <td>
              <StatusBadge status={fund.status} />
            </td>
            {columns.map((column) => (
              <td class="num" key={column}>
                {used ? <Money amount={used[column]} currency={fund.currency} /> : '—'}
              </td>
            ))}
          </tr>
        );
      })}
    </DataTable>
  );
}

function RequestTable({ requests, funds }: { requests: readonly FundRequest[]; funds: readonly Fund[] }) {
  const nameOf = (fundId: string) => funds.find((fund) => fund.fundId === fundId)?.name ?? fundId;
  return (
    <DataTable
      caption="Your fund requests and their status"
      testId="fund-requests"
      columns={[
        'Activity',
        'Fund',
        'Dates',
        { label: 'Requested', num: true },
        { label: 'Approved', num: true },
        'Status',
        'Claim by',
      ]}
    >
      {requests.map((request) => (
        <tr key={request.requestId}>
          <th scope="row" title={request.requestId}>
            {activityLabels[request.activityType]}: {request.description}
          </th>
          <td>{nameOf(request.fundId)}</td>
          <td>
            {request.startDate} – {request.endDate}
          </td>
          <td class="num">
            <Money amount={request.requestedAmount} currency={request.currency} />
          </td>
          <td class="num">
            {request.approvedAmount === undefined ? (
              '—'
            ) : (
              <Money amount={request.approvedAmount} currency={request.currency} />
            )}
          </td>
          <td>
            <StatusBadge status={request.status} />
          </td>
          <td>{request.claimBy}</td>
        </tr>
      ))}
    </DataTable>
  );
}

const fieldsOf = (data: FormData): FundRequestInput => {
  const text = (name: string) => String(data.get(name) ?? '').trim();
  return {
    fundId: text('fundId'),
    activityType: text('activityType') as ActivityType,
    description: text('description'),
    startDate: text('startDate'),
    endDate: text('endDate'),
    plannedCost: text('plannedCost'),
    sharePercent: text('sharePercent'),
  };
};

/** Asks for funds for an activity from one of the partner's active funds (in that fund's currency). */
function RequestFunds({
  session,
  funds,
  onRequested,
}: {
  session: Session;
  funds: readonly Fund[];
  onRequested: () => void;
}) {
  const active = funds.filter((fund) => fund.status === 'active');
  const [fundId, setFundId] = useState(active[0]?.fundId ?? '');
  const action = useFormAction(
    (form) => callApi<FundRequest>(session.token, 'POST', '/fund-requests', fieldsOf(new FormData(form))),
    onRequested,
  );
  const requested = action.result;
  const fund = active.find((candidate) => candidate.fundId === fundId);
  if (active.length === 0) return <p>No active fund to request from.</p>;

  return (
    <section aria-labelledby="request-funds-heading">
      <h2 id="request-funds-heading">Request funds for an activity</h2>
      <form class="stack" onSubmit={action.onSubmit}>
        <label for="fund-request-fund">Fund</label>
        <select
          id="fund-request-fund"
          name="fundId"
          value={fundId}
          onChange={(event) => setFundId(event.currentTarget.value)}
        >
          {active.map((candidate) => (
            <option key={candidate.fundId} value={candidate.fundId}>
              {candidate.name} ({candidate.currency}, {candidate.validFrom} – {candidate.validTo})
            </option>
          ))}
        </select>
        <label for="fund-request-type">Activity type</label>
        <select id="fund-request-type" name="activityType">
          {Object.entries(activityLabels).map(([type, label]) => (
            <option key={type} value={type}>
              {label}
            </option>
          ))}
        </select>
        <label for="fund-request-description">What the activity is</label>
        <input id="fund-request-description" name="description" required />
        <label for="fund-request-start">First day</label>
        <input id="fund-request-start" name="startDate" type="date" required />
        <label for="fund-request-end">Last day</label>
        <input id="fund-request-end" name="endDate" type="date" required />
        <label for="fund-request-cost">Planned cost{fund ? ` (${fund.currency})` : ''}</label>
        <input id="fund-request-cost" name="plannedCost" inputMode="decimal" required placeholder="3000.00" />
        <label for="fund-request-share">Share the manufacturer pays (%)</label>
        <input id="fund-request-share" name="sharePercent" inputMode="decimal" required placeholder="50" />
        <button type="submit" disabled={action.busy}>
          Request funds
        </button>
      </form>
      {action.problem && <ProblemView problem={action.problem} />}
      <p class="notice" role="status">
        {requested && (
          <>
            Requested <Money amount={requested.requestedAmount} currency={requested.currency} /> for “
            {requested.description}”: <StatusBadge status={requested.status} />
          </>
        )}
      </p>
    </section>
  );
}

/** A partner's co-op / MDF funds (`#/funds`): utilization per fund, its requests, and a new request. */
export function Funds({ session }: { session: Session }) {
  const [funds] = useApiGet<{ items: Fund[] }>(session, '/funds');
  const [utilization, reloadUtilization] = useApiGet<{ items: FundUtilization[] }>(
    session,
    '/fund-utilization',
  );
  const [requests, reloadRequests] = useApiGet<{ items: FundRequest[] }>(session, '/fund-requests');
  return (
    <>
      <h1>MDF and co-op funds</h1>
      <Show loaded={funds} what="your funds">
        {({ items: fundList }) => (
          <>
            <section aria-labelledby="funds-heading">
              <h2 id="funds-heading">Your funds</h2>
              {fundList.length === 0 ? (
                <p>No fund yet.</p>
              ) : (
                <Show loaded={utilization} what="the funds' utilization">
                  {({ items }) => <FundTable funds={fundList} utilization={items} />}
                </Show>
              )}
            </section>
            <section aria-labelledby="fund-requests-heading">
              <h2 id="fund-requests-heading">Your fund requests</h2>
              <Show loaded={requests} what="your fund requests">
                {({ items }) =>
                  items.length === 0 ? (
                    <p>No fund request yet.</p>
                  ) : (
                    <RequestTable requests={items} funds={fundList} />
                  )
                }
              </Show>
            </section>
            <RequestFunds
              session={session}
              funds={fundList}
              onRequested={() => {
                reloadRequests();
                reloadUtilization();
              }}
            />
          </>
        )}
      </Show>
    </>
  );
}
