import { useState } from 'preact/hooks';
import { callApi, segment } from '../api';
import type { Claim, Page, PartnerPayment, Problem } from '../api-types';
import { BackLink, Figure, Money, ProblemView, problemOf, Show, StatusBadge, useApiGet } from '../components';
import { href } from '../router';
import type { Session } from '../session';
import { SubmitClaim } from './claim-form';

/** The claims a payment settles, each a link to the claim named by its references. */
export const PaidClaimLinks = ({
  claims,
}: {
  claims: readonly { readonly claimId: string; readonly references: readonly string[] }[];
}) => (
  <>
    {claims.map((claim) => (
      <a key={claim.claimId} href={href('claims', claim.claimId)} class="claim-link">
        {claim.references.join(', ') || claim.claimId}
      </a>
    ))}
  </>
);

/** A partner's payments: what each pays, its state and when the money is expected. */
function Payments({ session }: { session: Session }) {
  const [payments] = useApiGet<Page<PartnerPayment>>(session, '/payment-batches');
  return (
    <section aria-labelledby="payments-heading">
      <h2 id="payments-heading">Payments</h2>
      <Show loaded={payments} what="payments">
        {({ items }) =>
          items.length === 0 ? (
            <p>No payment yet.</p>
          ) : (
            <div class="table-scroll">
              <table>
                <caption class="visually-hidden">Payments and the claims they settle</caption>
                <thead>
                  <tr>
                    <th scope="col">Payment</th>
                    <th scope="col" class="num">
                      Amount
                    </th>
                    <th scope="col">Status</th>
                    <th scope="col">Expected</th>
                    <th scope="col">Method</th>
                    <th scope="col">Claims</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((payment) => (
                    <tr key={payment.paymentId}>
                      <th scope="row">{payment.paymentId}</th>
                      <td class="num">
                        <Money amount={payment.amount} currency={payment.currency} />
                      </td>
                      <td>
                        <StatusBadge status={payment.status} />
                      </td>
                      <td>
                        <time dateTime={payment.expectedPaymentDate}>{payment.expectedPaymentDate}</time>
                      </td>
                      <td>{payment.method}</td>
                      <td>
                        <PaidClaimLinks claims={payment.claims} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Show>
    </section>
  );
}

/** Claims, oldest first (a partner its own, staff all), with a "more" button while pages remain. */
export function Claims({ session }: { session: Session }) {
  const [first] = useApiGet<Page<Claim>>(session, '/claims?limit=50');
  const [more, setMore] = useState<{ items: Claim[]; nextCursor?: string | undefined }>({ items: [] });
  const [problem, setProblem] = useState<Problem | undefined>();
  return (
    <>
      <h1>Claims</h1>
      {session.role === 'partner' && <SubmitClaim session={session} />}
      <Show loaded={first} what="claims">
        {(page) => {
          const items = [...page.items, ...more.items];
          const cursor = more.items.length > 0 ? more.nextCursor : page.nextCursor;
          const loadMore = async () => {
            try {
              const next = await callApi<Page<Claim>>(
                session.token,
                'GET',
                `/claims?limit=50&cursor=${encodeURIComponent(cursor ?? '')}`,
              );
              setMore({ items: [...more.items, ...next.items], nextCursor: next.nextCursor });
            } catch (error) {
              setProblem(problemOf(error));
            }
          };
          return items.length === 0 ? (
            <p>No claims yet.</p>
          ) : (
            <>
              <div class="table-scroll">
                <table>
                  <caption class="visually-hidden">Claims and their status</caption>
                  <thead>
                    <tr>
                      <th scope="col">Claim (references)</th>
                      {session.role !== 'partner' && <th scope="col">Partner</th>}
                      <th scope="col">Program</th>
                      <th scope="col">Period</th>
                      <th scope="col" class="num">
                        Claimed
                      </th>
                      <th scope="col" class="num">
                        Approved
                      </th>
                      <th scope="col">Status</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((claim) => (
                      <tr key={claim.claimId}>
                        <th scope="row">
                          {/* The partner's own references name a claim better than its long id. */}
                          <a href={href('claims', claim.claimId)} title={claim.claimId}>
                            {claim.lines.map((line) => line.reference).join(', ')}
                          </a>
                        </th>
                        {session.role !== 'partner' && <td>{claim.partnerId}</td>}
                        <td>{claim.programId}</td>
                        <td>{claim.period}</td>
                        <td class="num">
                          <Money amount={claim.amountClaimed} currency={claim.currency} />
                        </td>
                        <td class="num">
                          {claim.amountApproved === undefined ? (
                            '—'
                          ) : (
                            <Money amount={claim.amountApproved} currency={claim.currency} />
                          )}
                        </td>
                        <td>
                          <StatusBadge status={claim.status} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {problem && <ProblemView problem={problem} />}
              {cursor && (
                <button type="button" onClick={loadMore}>
                  Show more claims
                </button>
              )}
            </>
          );
        }}
      </Show>
      {session.role === 'partner' && <Payments session={session} />}
    </>
  );
}

function ClaimPayment({ session, claimId }: { session: Session; claimId: string }) {
  const [payments] = useApiGet<Page<PartnerPayment>>(session, '/payment-batches');
  return (
    <Show loaded={payments} what="payments">
      {({ items }) => {
        const payment = items.find((candidate) =>
          candidate.claims.some((claim) => claim.claimId === claimId),
        );
        if (!payment) return <p>Not in a payment yet.</p>;
        return (
          <p data-testid="claim-payment">
            Payment {payment.paymentId}: <Money amount={payment.amount} currency={payment.currency} />{' '}
            <StatusBadge status={payment.status} />, expected{' '}
            <time dateTime={payment.expectedPaymentDate}>{payment.expectedPaymentDate}</time> by{' '}
            {payment.method}.
          </p>
        );
      }}
    </Show>
  );
}

/** One claim: status, lines, validation reasons, the audit trail and (for its partner) its payment. */
export function ClaimDetail({ session, claimId }: { session: Session; claimId: string }) {
  const [claim] = useApiGet<Claim>(session, `/claims/${segment(claimId)}`);
  return (
    <>
      <h1>Claim {claimId}</h1>
      <BackLink to={href('claims')}>Back to claims</BackLink>
      <Show loaded={claim} what="the claim">
        {(found) => (
          <>
            <dl class="figures">
              <Figure label="Status" testId="claim-status">
                <StatusBadge status={found.status} />
              </Figure>
              <Figure label="Claimed">
                <Money amount={found.amountClaimed} currency={found.currency} />
              </Figure>
              <Figure label="Approved">
                {found.amountApproved === undefined ? (
                  '—'
                ) : (
                  <Money amount={found.amountApproved} currency={found.currency} />
                )}
              </Figure>
              <Figure label="Program · period · fund" text>
                {found.programId} · {found.period} · {found.fund}
              </Figure>
            </dl>
            {session.role === 'partner' && <ClaimPayment session={session} claimId={found.claimId} />}
            {found.validationFailures.length > 0 && (
              <>
                <h2>Validation</h2>
                <ul>
                  {found.validationFailures.map((failure) => (
                    <li key={`${failure.code}/${failure.lineNumber ?? ''}`}>
                      <code>{failure.code}</code> {failure.message}
                    </li>
                  ))}
                </ul>
              </>
            )}
            <h2>Lines</h2>
            <ul>
              {found.lines.map((line) => (
                <li key={line.lineNumber}>
                  {line.lineNumber}. {line.reference}:{' '}
                  <Money amount={line.amount} currency={found.currency} />
                </li>
              ))}
            </ul>
            <h2>History</h2>
            <ol class="history">
              {found.history.map((entry) => (
                <li key={`${entry.at}/${entry.to}`}>
                  <time dateTime={entry.at}>{entry.at.replace('T', ' ').slice(0, 19)}Z</time>{' '}
                  {entry.by.userId} ({entry.by.role}): {entry.from ?? 'new'} → {entry.to}
                  {typeof entry.comment === 'string' && ` — ${entry.comment}`}
                </li>
              ))}
            </ol>
          </>
        )}
      </Show>
    </>
  );
}
