import { segment } from '../api';
import type { Checkbook, Page, PartnerPayment } from '../api-types';
import { Money, Show, useApiGet } from '../components';
import { sumDecimals } from '../money';
import type { Session } from '../session';
import { NearTierAlerts } from './near-tier';

/** The calendar year a period label falls in: `2026-03`, `FY2026-Q1` and `FY2026` all name 2026. */
const yearOf = (period: string) => /(\d{4})/.exec(period)?.[1];

interface Totals {
  readonly currency: string;
  readonly earnedThisYear: string;
  readonly claimed: string;
  readonly paid: string;
  readonly balance: string;
}

/** The partner's checkbooks added up per currency (amounts of two currencies are never added). */
function totalsByCurrency(checkbooks: readonly Checkbook[], year: string): Totals[] {
  const currencies = [...new Set(checkbooks.map((book) => book.currency))].sort();
  return currencies.map((currency) => {
    const books = checkbooks.filter((book) => book.currency === currency);
    return {
      currency,
      earnedThisYear: sumDecimals(
        books.flatMap((book) =>
          book.periods.filter((period) => yearOf(period.period) === year).map((period) => period.earned),
        ),
      ),
      claimed: sumDecimals(books.map((book) => book.claimed)),
      paid: sumDecimals(books.map((book) => book.paid)),
      balance: sumDecimals(books.map((book) => book.balance)),
    };
  });
}

function NextPayment({ payments }: { payments: readonly PartnerPayment[] }) {
  const next = payments
    .filter((payment) => payment.status !== 'paid' && payment.status !== 'returned')
    .sort((a, b) => a.expectedPaymentDate.localeCompare(b.expectedPaymentDate))[0];
  if (!next) return <p>No payment scheduled.</p>;
  return (
    <p>
      Next payment: <Money amount={next.amount} currency={next.currency} /> expected{' '}
      <time dateTime={next.expectedPaymentDate}>{next.expectedPaymentDate}</time> by {next.method} (batch{' '}
      {next.batchId}, {next.batchStatus}).
    </p>
  );
}

/** Partner home: earned this year, claimed, paid and balance from the checkbooks, and the next payment. */
export function PartnerHome({ session, partnerId }: { session: Session; partnerId: string }) {
  const year = new Date().toISOString().slice(0, 4);
  const [checkbooks] = useApiGet<Page<Checkbook>>(session, `/partners/${segment(partnerId)}/checkbook`);
  const [payments] = useApiGet<Page<PartnerPayment>>(session, '/payment-batches');
  return (
    <>
      <h1>{partnerId}</h1>
      <Show loaded={checkbooks} what="your checkbook">
        {({ items }) => (
          <>
            {totalsByCurrency(items, year).map((totals) => (
              <section key={totals.currency} aria-label={`Totals in ${totals.currency}`}>
                <dl class="figures" data-testid="home-figures">
                  <div>
                    <dt>Earned in {year}</dt>
                    <dd>
                      <Money amount={totals.earnedThisYear} currency={totals.currency} />
                    </dd>
                  </div>
                  <div>
                    <dt>Claimed</dt>
                    <dd>
                      <Money amount={totals.claimed} currency={totals.currency} />
                    </dd>
                  </div>
                  <div>
                    <dt>Paid</dt>
                    <dd>
                      <Money amount={totals.paid} currency={totals.currency} />
                    </dd>
                  </div>
                  <div>
                    <dt>Balance</dt>
                    <dd>
                      <Money amount={totals.balance} currency={totals.currency} />
                    </dd>
                  </div>
                </dl>
              </section>
            ))}
            <Show loaded={payments} what="your payments">
              {(page) => <NextPayment payments={page.items} />}
            </Show>
            <NearTierAlerts session={session} partnerId={partnerId} />
            <h2>By program</h2>
            {items.length === 0 ? (
              <p>Nothing earned yet.</p>
            ) : (
              <div class="table-scroll">
                <table>
                  <caption class="visually-hidden">Checkbook by program and fund</caption>
                  <thead>
                    <tr>
                      <th scope="col">Program</th>
                      <th scope="col">Fund</th>
                      <th scope="col" class="num">
                        Earned
                      </th>
                      <th scope="col" class="num">
                        Claimed
                      </th>
                      <th scope="col" class="num">
                        Paid
                      </th>
                      <th scope="col" class="num">
                        Balance
                      </th>
                      <th scope="col" class="num">
                        Available to claim
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((book) => (
                      <tr key={`${book.programId}/${book.fund}/${book.currency}`}>
                        <th scope="row">{book.programId}</th>
                        <td>{book.fund}</td>
                        {(
                          [book.earned, book.claimed, book.paid, book.balance, book.availableToClaim] as const
                        ).map((amount, index) => (
                          <td class="num" key={String(index)}>
                            <Money amount={String(amount)} currency={book.currency} />
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </Show>
    </>
  );
}
