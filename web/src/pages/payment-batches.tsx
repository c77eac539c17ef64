import { callApi, downloadFromApi, segment } from '../api';
import type { Page, PaymentBatch, PaymentBatchHeader } from '../api-types';
import {
  BackLink,
  DataTable,
  Figure,
  Money,
  ProblemView,
  Show,
  StatusBadge,
  todayIso,
  useApiGet,
} from '../components';
import { useApiAction, useFormAction } from '../form-action';
import { href, navigate } from '../router';
import type { Session } from '../session';
import { PaidClaimLinks } from './claims';

/** Finance builds a batch of every payable claim in a currency up to a date. */
function NewBatch({ session }: { session: Session }) {
  const action = useFormAction(
    async (form) => {
      const fields = new FormData(form);
      const batch = await callApi<PaymentBatchHeader>(session.token, 'POST', '/payment-batches', {
        currency: String(fields.get('currency')).trim().toUpperCase(),
        method: String(fields.get('method')),
        payableUpTo: String(fields.get('payableUpTo')),
      });
      navigate(`#/payments/${segment(batch.batchId)}`);
    },
    () => undefined,
  );
  return (
    <section aria-labelledby="new-batch-heading">
      <h2 id="new-batch-heading">New payment batch</h2>
      <form class="inline-form" onSubmit={action.onSubmit}>
        <label>
          Currency <input name="currency" required defaultValue="USD" size={4} maxLength={3} />
        </label>
        <label>
          Method
          <select name="method">
            <option value="bankTransfer">bank transfer (pain.001)</option>
            <option value="check">check</option>
            <option value="creditMemo">credit memo</option>
          </select>
        </label>
        <label>
          Claims approved up to <input name="payableUpTo" type="date" required defaultValue={todayIso()} />
        </label>
        <button type="submit" disabled={action.busy}>
          Build batch
        </button>
      </form>
      {action.problem && <ProblemView problem={action.problem} />}
    </section>
  );
}

/** Payment batches, newest first, and the form to build one (finance and admins). */
export function PaymentBatches({ session }: { session: Session }) {
  const [batches] = useApiGet<Page<PaymentBatchHeader>>(session, '/payment-batches?limit=50');
  return (
    <>
      <h1>Payment batches</h1>
      <NewBatch session={session} />
      <Show loaded={batches} what="payment batches">
        {({ items }) =>
          items.length === 0 ? (
            <p>No payment batch yet.</p>
          ) : (
            <DataTable
              caption="Payment batches"
              columns={[
                'Batch',
                'Status',
                'Method',
                { label: 'Total', num: true },
                { label: 'Payments', num: true },
              ]}
            >
              {items.map((batch) => (
                <tr key={batch.batchId}>
                  <th scope="row">
                    <a href={href('payments', batch.batchId)}>{batch.batchId}</a>
                  </th>
                  <td>
                    <StatusBadge status={batch.status} />
                  </td>
                  <td>{batch.method}</td>
                  <td class="num">
                    <Money amount={batch.total} currency={batch.currency} />
                  </td>
                  <td class="num">{batch.paymentCount}</td>
                </tr>
              ))}
            </DataTable>
          )
        }
      </Show>
    </>
  );
}

/**
 * One batch: its payments, and the next step of its life — approve (someone other than its creator), take
 * the bank file (bank transfers), mark paid. The API enforces who may do what; the page shows its answer.
 */
export function PaymentBatchDetail({ session, batchId }: { session: Session; batchId: string }) {
  const path = `/payment-batches/${segment(batchId)}`;
  const [batch, reload] = useApiGet<PaymentBatch>(session, path);
  const { problem, busy, run } = useApiAction();
  // Each step changes the batch: read it again once the API took it.
  const step = (action: () => Promise<unknown>) => run(action).then((done) => done && reload());
  return (
    <>
      <h1>Payment batch {batchId}</h1>
      <BackLink to={href('payments')}>Back to payment batches</BackLink>
      <Show loaded={batch} what="the batch">
        {(found) => (
          <>
            <dl class="figures">
              <Figure label="Status" testId="batch-status">
                <StatusBadge status={found.status} />
              </Figure>
              <Figure label="Total">
                <Money amount={found.total} currency={found.currency} />
              </Figure>
              <Figure label="Claims · payments" text>
                {found.claimCount} · {found.paymentCount}
              </Figure>
            </dl>
            <div class="actions">
              {found.status === 'draft' && (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => step(() => callApi(session.token, 'POST', `${path}/approve`))}
                >
                  Approve batch
                </button>
              )}
              {found.method === 'bankTransfer' && ['approved', 'exported', 'paid'].includes(found.status) && (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() =>
                    step(() => downloadFromApi(session.token, `${path}/pain001`, `${batchId}.xml`))
                  }
                >
                  Download the bank file (pain.001)
                </button>
              )}
              {(found.status === 'exported' ||
                (found.status === 'approved' && found.method !== 'bankTransfer')) && (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => step(() => callApi(session.token, 'POST', `${path}/paid`))}
                >
                  Mark paid
                </button>
              )}
            </div>
            {problem && <ProblemView problem={problem} />}
            <h2>Payments</h2>
            <DataTable
              caption="Payments of the batch"
              columns={['Partner', { label: 'Amount', num: true }, 'Status', 'Claims']}
            >
              {found.payments.map((payment) => (
                <tr key={payment.paymentId}>
                  <th scope="row">{payment.partnerId}</th>
                  <td class="num">
                    <Money amount={payment.amount} currency={found.currency} />
                  </td>
                  <td>
                    <StatusBadge status={payment.status} />
                  </td>
                  <td>
                    <PaidClaimLinks claims={payment.claims} />
                  </td>
                </tr>
              ))}
            </DataTable>
            {found.excluded.length > 0 && (
              <>
                <h2>Left out</h2>
                <ul>
                  {found.excluded.map((exclusion) => (
                    <li key={`${exclusion.partnerId}/${exclusion.reason}`}>
                      {exclusion.partnerId}: {exclusion.message} ({exclusion.claimIds.length} claims)
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
      </Show>
    </>
  );
}
