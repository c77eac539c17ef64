import type { PerformanceReport, TopPartnersReport } from '../api-types';
import { DataTable, Money, Show, useApiGet } from '../components';
import { formatQuantity } from '../money';
import { lastTwelveMonths, MonthWindowFields } from '../month-window';
import { navigate } from '../router';
import type { Session } from '../session';

/** What the performance report groups by (the API's `by`), as the select offers it. */
const dimensions = [
  { by: 'partnerType', label: 'Partner type' },
  { by: 'region', label: 'Region' },
  { by: 'country', label: 'Country' },
  { by: 'segment', label: 'Segment' },
  { by: 'category', label: 'Product category' },
] as const;

function PerformanceTable({ session, query }: { session: Session; query: string }) {
  const [report] = useApiGet<PerformanceReport>(session, `/reports/performance?${query}`);
  return (
    <Show loaded={report} what="the performance report">
      {({ items }) =>
        items.length === 0 ? (
          <p>No sales summed for these months.</p>
        ) : (
          <DataTable
            caption="Sales per group and currency"
            testId="performance"
            columns={[
              'Group',
              'Currency',
              { label: 'Revenue', num: true },
              { label: 'Units', num: true },
              { label: 'Lines', num: true },
              { label: 'Partners', num: true },
            ]}
          >
            {items.map((row) => (
              <tr key={`${row.group}/${row.currency}`}>
                <td>{row.group}</td>
                <td>{row.currency}</td>
                <td class="num">
                  <Money amount={row.revenue} currency={row.currency} />
                </td>
                <td class="num">{formatQuantity(row.quantity)}</td>
                <td class="num">{row.lines}</td>
                <td class="num">{row.partners}</td>
              </tr>
            ))}
          </DataTable>
        )
      }
    </Show>
  );
}

function TopByRevenue({ session, window }: { session: Session; window: string }) {
  const [report] = useApiGet<TopPartnersReport>(
    session,
    `/reports/top-partners?by=revenue&${window}&limit=10`,
  );
  return (
    <Show loaded={report} what="the top partners">
      {({ items }) => (
        <ol data-testid="top-partners">
          {items.map((item) => (
            <li key={`${item.currency}/${item.partnerId}`}>
              {item.partnerId}: <Money amount={item.revenue ?? '0'} currency={item.currency} />
            </li>
          ))}
        </ol>
      )}
    </Show>
  );
}

/**
 * Sales per partner type, region, country, segment or product category over a window of months, and the
 * partners that sold most (staff). The window and grouping live in the address, so a view can be shared.
 */
export function SalesPerformance({ session, query }: { session: Session; query: URLSearchParams }) {
  const defaults = lastTwelveMonths();
  const from = query.get('from') ?? defaults.from;
  const to = query.get('to') ?? defaults.to;
  const by = dimensions.find((entry) => entry.by === query.get('by'))?.by ?? 'segment';
  const show = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    navigate(`#/performance?from=${form.get('from')}&to=${form.get('to')}&by=${form.get('by')}`);
  };
  const window = `from=${from}&to=${to}`;
  return (
    <>
      <h1>Performance</h1>
      <form class="inline" onSubmit={show}>
        <MonthWindowFields from={from} to={to} />
        <label>
          By{' '}
          <select name="by" defaultValue={by}>
            {dimensions.map((entry) => (
              <option key={entry.by} value={entry.by}>
                {entry.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Show</button>
      </form>
      <h2>Sales by {dimensions.find((entry) => entry.by === by)?.label.toLowerCase()}</h2>
      <PerformanceTable session={session} query={`${window}&by=${by}`} />
      <h2>Top partners by revenue</h2>
      <TopByRevenue session={session} window={window} />
    </>
  );
}
