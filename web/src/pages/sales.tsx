import { useState } from 'preact/hooks';
import { segment } from '../api';
import type { InventoryPosition, SaleLine } from '../api-types';
import { DataTable, Money, Show, todayIso, useApiGet } from '../components';
import { formatQuantity, subtractDecimals } from '../money';
import { MorePages, usePages } from '../paging';
import { href, navigate } from '../router';
import type { Session } from '../session';

/** The first and last day of a month `YYYY-MM`, ISO. */
function daysOf(month: string): { from: string; to: string } {
  const [year = 0, monthNumber = 1] = month.split('-').map(Number);
  const last = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

function SalesLines({ session, month }: { session: Session; month: string }) {
  const pages = usePages<SaleLine>(session, `/sales-lines?month=${segment(month)}&limit=50`);
  return (
    <section aria-labelledby="sales-heading">
      <h2 id="sales-heading">Sales lines invoiced in {month}</h2>
      <Show loaded={pages.loaded} what="your sales lines">
        {(lines) =>
          lines.length === 0 ? (
            <p>No sales line invoiced in {month}.</p>
          ) : (
            <DataTable
              caption={`Sales lines invoiced in ${month}`}
              testId="sales-lines"
              columns={[
                'Invoice · line',
                'Date',
                'SKU',
                'Category',
                { label: 'Quantity', num: true },
                { label: 'Amount', num: true },
                'Source (file · line)',
              ]}
            >
              {lines.map((line) => (
                <tr key={`${line.sourceFileId}/${line.sourceLineNumber}`}>
                  <th scope="row">
                    {line.invoiceNumber} · {line.invoiceLine}
                  </th>
                  <td>
                    <time dateTime={line.invoiceDate}>{line.invoiceDate}</time>
                  </td>
                  <td>{line.sku}</td>
                  <td>{line.category}</td>
                  <td class="num">
                    {formatQuantity(line.quantity)} {line.uom}
                  </td>
                  <td class="num">
                    <Money amount={line.extendedAmount} currency={line.currency} />
                  </td>
                  <td>
                    <a href={href('files', line.sourceFileId)}>{line.sourceFileId.slice(0, 12)}…</a> ·{' '}
                    {line.sourceLineNumber}
                  </td>
                </tr>
              ))}
            </DataTable>
          )
        }
      </Show>
      <MorePages pages={pages} what="sales lines" />
    </section>
  );
}

function Position({ session, sku, from, to }: { session: Session; sku: string; from: string; to: string }) {
  const query = new URLSearchParams({ from, to });
  const [position] = useApiGet<InventoryPosition>(session, `/inventory/${segment(sku)}/position?${query}`);
  return (
    <Show loaded={position} what={`the position in ${sku}`}>
      {(found) => (
        <dl class="figures" data-testid="inventory-position">
          <div>
            <dt>
              On hand <time dateTime={found.openingDate}>{found.openingDate}</time> (reported)
            </dt>
            <dd>{formatQuantity(found.openingOnHand)}</dd>
          </div>
          <div>
            <dt>+ Received (sell-in)</dt>
            <dd>{formatQuantity(found.sellIn)}</dd>
          </div>
          <div>
            <dt>− Sold (sell-through)</dt>
            <dd>{formatQuantity(found.sellThrough)}</dd>
          </div>
          <div>
            <dt>
              = Computed on hand <time dateTime={to}>{to}</time>
            </dt>
            <dd>{formatQuantity(found.computedOnHand)}</dd>
          </div>
          <div>
            <dt>
              Reported on hand
              {found.reportedDate && (
                <>
                  {' '}
                  <time dateTime={found.reportedDate}>{found.reportedDate}</time>
                </>
              )}
            </dt>
            <dd>{found.reportedOnHand === undefined ? '—' : formatQuantity(found.reportedOnHand)}</dd>
          </div>
          <div>
            <dt>Variance (reported − computed)</dt>
            <dd>
              {found.reportedOnHand === undefined
                ? '—'
                : formatQuantity(subtractDecimals(found.reportedOnHand, found.computedOnHand))}
            </dd>
          </div>
        </dl>
      )}
    </Show>
  );
}

function Inventory({ session, month }: { session: Session; month: string }) {
  const days = daysOf(month);
  const [asked, setAsked] = useState<{ sku: string; from: string; to: string } | undefined>();
  return (
    <section aria-labelledby="inventory-heading">
      <h2 id="inventory-heading">Inventory position</h2>
      <p class="muted">
        From the last stock you reported on or before the first day, plus receipts, minus sales, compared with
        the stock you reported last.
      </p>
      <form
        class="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          setAsked({
            sku: String(form.get('sku')).trim(),
            from: String(form.get('from')),
            to: String(form.get('to')),
          });
        }}
      >
        <label for="inventory-sku">Product (SKU)</label>
        <input id="inventory-sku" name="sku" required size={12} />
        <label for="inventory-from">From</label>
        <input
          id="inventory-from"
          name="from"
          type="date"
          required
          defaultValue={days.from}
          key={days.from}
        />
        <label for="inventory-to">To</label>
        <input id="inventory-to" name="to" type="date" required defaultValue={days.to} key={days.to} />
        <button type="submit">Show position</button>
      </form>
      {asked && <Position session={session} {...asked} />}
    </section>
  );
}

/**
 * Partner sales and inventory: the sale lines the partner reported, month by month (each with the file and line
 * it came from), and its computed inventory position in a product against what it reported.
 */
export function SalesAndInventory({ session, month }: { session: Session; month: string | undefined }) {
  const shown = month ?? todayIso().slice(0, 7);
  return (
    <>
      <h1>Sales and inventory</h1>
      <form
        class="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          const chosen = String(new FormData(event.currentTarget).get('month'));
          navigate(`${href('sales')}?month=${encodeURIComponent(chosen)}`);
        }}
      >
        <label for="sales-month">Invoice month</label>
        {/* Uncontrolled (a default, new per month): a re-render while data loads must not undo what was typed. */}
        <input id="sales-month" name="month" type="month" required defaultValue={shown} key={shown} />
        <button type="submit">Show</button>
      </form>
      <SalesLines session={session} month={shown} />
      <Inventory session={session} month={shown} />
    </>
  );
}
