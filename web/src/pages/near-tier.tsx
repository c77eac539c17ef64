import { segment } from '../api';
import type { NearTierAlert, Page } from '../api-types';
import { Show, todayIso, useApiGet } from '../components';
import { formatMoney, formatQuantity } from '../money';
import { navigate } from '../router';
import type { Session } from '../session';

/** "$16,325.00" on a revenue basis, "40 units" on a quantity basis. */
const shortfallOf = (alert: NearTierAlert) =>
  alert.basis === 'revenue'
    ? formatMoney(alert.shortfall, alert.currency)
    : `${formatQuantity(alert.shortfall)} units`;

/** "2 %" for a percentage of revenue, "$0.50 per unit" for an amount per unit. */
const rateOf = (alert: NearTierAlert) =>
  alert.rateType === 'percentOfRevenue'
    ? `${alert.nextTier.rate} %`
    : `${formatMoney(alert.nextTier.rate, alert.currency)} per unit`;

/**
 * Partner home: the tiers still within reach after the latest run ("$16,325.00 short of 2 % on
 * VOL-ALL-STEPPED"); alerts of periods that have ended are history, not shown here.
 */
export function NearTierAlerts({ session, partnerId }: { session: Session; partnerId: string }) {
  const [alerts] = useApiGet<Page<NearTierAlert>>(
    session,
    `/near-tier-alerts?partnerId=${segment(partnerId)}&limit=100`,
  );
  const today = todayIso();
  return (
    <Show loaded={alerts} what="your near-tier alerts">
      {({ items: all }) => {
        const items = all.filter((alert) => alert.periodEnd >= today);
        return (
          items.length > 0 && (
            <section aria-labelledby="near-tier-heading">
              <h2 id="near-tier-heading">Within reach of your next tier</h2>
              <ul data-testid="near-tier-alerts">
                {items.map((alert) => (
                  <li key={`${alert.programId}/${alert.period}`}>
                    <strong>{shortfallOf(alert)}</strong> short of {rateOf(alert)} on {alert.programId} (
                    {alert.period}, until <time dateTime={alert.periodEnd}>{alert.periodEnd}</time>)
                  </li>
                ))}
              </ul>
            </section>
          )
        );
      }}
    </Show>
  );
}

/** Staff: every partner near its next tier after the latest runs, optionally of one program or partner. */
export function NearTierPartners({
  session,
  programId,
  partnerId,
}: {
  session: Session;
  programId?: string;
  partnerId?: string;
}) {
  const query = new URLSearchParams({ limit: '100' });
  if (programId) query.set('programId', programId);
  if (partnerId) query.set('partnerId', partnerId);
  const [alerts] = useApiGet<Page<NearTierAlert>>(session, `/near-tier-alerts?${query}`);
  return (
    <>
      <h1>Near-tier partners</h1>
      <form
        class="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const filter = new URLSearchParams();
          for (const name of ['programId', 'partnerId']) {
            const value = String(form.get(name) ?? '').trim();
            if (value) filter.set(name, value);
          }
          navigate(`#/near-tier?${filter}`);
        }}
      >
        <label for="near-tier-program">Program</label>
        <input id="near-tier-program" name="programId" defaultValue={programId ?? ''} size={16} />
        <label for="near-tier-partner">Partner</label>
        <input id="near-tier-partner" name="partnerId" defaultValue={partnerId ?? ''} size={12} />
        <button type="submit">Filter</button>
      </form>
      <Show loaded={alerts} what="near-tier partners">
        {({ items, nextCursor }) =>
          items.length === 0 ? (
            <p>No partner is near its next tier.</p>
          ) : (
            <div class="table-scroll">
              <table>
                <caption class="visually-hidden">Partners near their next tier</caption>
                <thead>
                  <tr>
                    <th scope="col">Partner</th>
                    <th scope="col">Program</th>
                    <th scope="col">Period</th>
                    <th scope="col" class="num">
                      Short by
                    </th>
                    <th scope="col">Next tier</th>
                    <th scope="col">Run</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((alert) => (
                    <tr key={`${alert.programId}/${alert.period}/${alert.partnerId}`}>
                      <th scope="row">{alert.partnerId}</th>
                      <td>{alert.programId}</td>
                      <td>
                        {alert.period} (ends <time dateTime={alert.periodEnd}>{alert.periodEnd}</time>)
                      </td>
                      <td class="num">{shortfallOf(alert)}</td>
                      <td>{rateOf(alert)}</td>
                      <td>
                        {alert.runId} · <time dateTime={alert.flaggedAt}>{alert.flaggedAt.slice(0, 10)}</time>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {nextCursor && <p class="muted">Showing the first {items.length}; narrow the filter.</p>}
            </div>
          )
        }
      </Show>
    </>
  );
}
