import { segment } from '../api';
import type { PartnerScorecard } from '../api-types';
import { DataTable, Figure, Money, Show, useApiGet } from '../components';
import { formatQuantity } from '../money';
import { lastTwelveMonths, MonthWindowFields } from '../month-window';
import { navigate } from '../router';
import type { Session } from '../session';

/** A ratio of the API (4 decimals, "0.9750") as a percent with one decimal, from the string: "97.5 %". */
function percent(ratio: string | null): string {
  if (ratio === null) return '—';
  const negative = ratio.startsWith('-');
  const [whole = '0', fraction = ''] = ratio.replace('-', '').split('.');
  const digits = `${whole}${fraction.padEnd(4, '0')}`.replace(/^0+(?=\d{3})/, '');
  const text = `${digits.slice(0, -2) || '0'}.${digits.slice(-2, -1)}`;
  return `${negative ? '−' : ''}${text} %`;
}

/** Reported on-hand against the computed position at the window's end: the totals, then SKU by SKU. */
function InventoryVarianceView({
  variance,
  to,
}: {
  variance: PartnerScorecard['inventoryVariance'];
  to: string;
}) {
  return (
    <>
      <h2>Inventory at the end of {to}</h2>
      {variance.skusCompared === 0 ? (
        <p>
          No product reported both in the month before the window and in {to} ({variance.skusReported}{' '}
          reported at the end).
        </p>
      ) : (
        <>
          <dl class="figures">
            <Figure
              label={`Products off by more than ${percent(variance.tolerance)} (${variance.skusCompared} compared)`}
              testId="inventory-off"
            >
              {variance.skusOffTolerance}
            </Figure>
            <Figure
              label={`Variance (${formatQuantity(variance.absoluteVarianceUnits)} units of ${formatQuantity(variance.computedUnits)} computed)`}
              testId="inventory-variance-rate"
            >
              {percent(variance.varianceRate)}
            </Figure>
          </dl>
          <DataTable
            caption={`Inventory per product at the end of ${to}`}
            columns={[
              'Product',
              ...['Opening', 'Sell-in', 'Sell-through', 'Computed', 'Reported', 'Variance'].map((label) => ({
                label,
                num: true as const,
              })),
            ]}
          >
            {variance.skus.map((row) => (
              <tr key={row.sku}>
                <td>
                  {row.sku}
                  {row.offTolerance && <strong> (off)</strong>}
                </td>
                <td class="num">{formatQuantity(row.openingOnHand)}</td>
                <td class="num">{formatQuantity(row.sellIn)}</td>
                <td class="num">{formatQuantity(row.sellThrough)}</td>
                <td class="num">{formatQuantity(row.computedOnHand)}</td>
                <td class="num">{formatQuantity(row.reportedOnHand)}</td>
                <td class="num">{formatQuantity(row.variance)}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </>
  );
}

function ScorecardView({
  session,
  partnerId,
  from,
  to,
}: {
  session: Session;
  partnerId: string;
  from: string;
  to: string;
}) {
  const [scorecard] = useApiGet<PartnerScorecard>(
    session,
    `/reports/partner-scorecards/${segment(partnerId)}?from=${from}&to=${to}`,
  );
  return (
    <Show loaded={scorecard} what="the scorecard">
      {({ sales, claimAccuracy, fileRejection, inventoryVariance }) => (
        <>
          <h2>Sales against the same months last year</h2>
          {sales.length === 0 ? (
            <p>No sales summed for these months.</p>
          ) : (
            <div class="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Currency</th>
                    <th scope="col" class="num">
                      Revenue
                    </th>
                    <th scope="col" class="num">
                      A year earlier
                    </th>
                    <th scope="col" class="num">
                      Growth
                    </th>
                    <th scope="col" class="num">
                      Units
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {sales.map((row) => (
                    <tr key={row.currency}>
                      <td>{row.currency}</td>
                      <td class="num">
                        <Money amount={row.revenue} currency={row.currency} />
                      </td>
                      <td class="num">
                        <Money amount={row.priorRevenue} currency={row.currency} />
                      </td>
                      <td class="num" data-testid="sales-growth">
                        {percent(row.growth)}
                      </td>
                      <td class="num">{formatQuantity(row.quantity)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h2>Claims and files</h2>
          <dl class="figures">
            {claimAccuracy.map((row) => (
              <div key={row.currency}>
                <dt>
                  Claim accuracy ({row.currency}, {row.decidedClaims} decided)
                </dt>
                <dd>{percent(row.accuracy)}</dd>
              </div>
            ))}
            <div>
              <dt>
                Rejected lines ({fileRejection.rejectedLines} of {fileRejection.lines} in{' '}
                {fileRejection.files} files)
              </dt>
              <dd data-testid="rejection-rate">{percent(fileRejection.rate)}</dd>
            </div>
          </dl>
          <InventoryVarianceView variance={inventoryVariance} to={to} />
        </>
      )}
    </Show>
  );
}

/**
 * A partner's scorecard over a window of months: a partner sees its own; staff pick a partner. The window
 * and partner live in the page's address, so a scorecard can be bookmarked and shared.
 */
export function Scorecard({
  session,
  partnerId,
  query,
}: {
  session: Session;
  partnerId: string | undefined;
  query: URLSearchParams;
}) {
  const defaults = lastTwelveMonths();
  const from = query.get('from') ?? defaults.from;
  const to = query.get('to') ?? defaults.to;
  const show = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    navigate(
      `#/scorecard/${segment(String(form.get('partner')))}?from=${form.get('from')}&to=${form.get('to')}`,
    );
  };
  return (
    <>
      <h1>Scorecard{partnerId ? ` of ${partnerId}` : ''}</h1>
      <form class="inline" onSubmit={show}>
        {session.role !== 'partner' && (
          <label>
            Partner <input name="partner" required defaultValue={partnerId ?? ''} />
          </label>
        )}
        {session.role === 'partner' && <input type="hidden" name="partner" value={session.partnerId} />}
        <MonthWindowFields from={from} to={to} />
        <button type="submit">Show</button>
      </form>
      {partnerId && <ScorecardView session={session} partnerId={partnerId} from={from} to={to} />}
    </>
  );
}
