import { useState } from 'preact/hooks';
import { callApi } from '../api';
import type { BillBack, BillBackDetection } from '../api-types';
import { DataTable, Money, ProblemView, Show, StatusBadge } from '../components';
import { useFormAction } from '../form-action';
import { formatQuantity } from '../money';
import { MorePages, usePages } from '../paging';
import type { Session } from '../session';
import { may } from '../staff-roles';

function BillBackTable({
  billBacks,
  caption,
  testId,
}: {
  billBacks: readonly BillBack[];
  caption: string;
  testId: string;
}) {
  return (
    <DataTable
      caption={caption}
      testId={testId}
      columns={[
        'Bill-back',
        'Partner',
        'Return',
        'Product',
        { label: 'Units', num: true },
        { label: 'Amount', num: true },
        'Status',
      ]}
    >
      {billBacks.map((billBack) => (
        <tr key={billBack.billBackId}>
          <th scope="row">{billBack.billBackId}</th>
          <td>{billBack.partnerId}</td>
          <td>
            {billBack.returned.invoiceNumber} · {billBack.returned.invoiceLine} ({billBack.returned.date},{' '}
            {billBack.returned.endCustomerId})
          </td>
          <td>{billBack.returned.productSku}</td>
          <td class="num">{formatQuantity(String(billBack.quantity))}</td>
          <td class="num">
            <Money amount={billBack.amount} currency={billBack.currency} />
          </td>
          <td>
            <StatusBadge status={billBack.status} />
            {billBack.offsetByClaimId && ` by ${billBack.offsetByClaimId}`}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

const fieldsOf = (data: FormData) => {
  const text = (name: string) => String(data.get(name) ?? '').trim();
  return { partnerId: text('partnerId'), from: text('from'), to: text('to') };
};

/** A channel manager bills back one partner's POS returns of credited units in a date range; the answer is shown. */
function DetectBillBacks({
  session,
  partnerId,
  onDetected,
}: {
  session: Session;
  partnerId?: string | undefined;
  onDetected: () => void;
}) {
  const action = useFormAction(
    (form) =>
      callApi<BillBackDetection>(
        session.token,
        'POST',
        '/ship-and-debit-bill-backs/detections',
        fieldsOf(new FormData(form)),
      ),
    onDetected,
  );
  const found = action.result;
  return (
    <section aria-labelledby="detect-heading">
      <h3 id="detect-heading">Detect bill-backs</h3>
      <form class="inline-form" onSubmit={action.onSubmit}>
        <label for="detect-partner">Partner billed back</label>
        <input id="detect-partner" name="partnerId" required size={12} defaultValue={partnerId ?? ''} />
        <label for="detect-from">Returns from</label>
        <input id="detect-from" name="from" type="date" required />
        <label for="detect-to">Returns to</label>
        <input id="detect-to" name="to" type="date" required />
        <button type="submit" disabled={action.busy}>
          Detect
        </button>
      </form>
      {action.problem && <ProblemView problem={action.problem} />}
      <p class="notice" role="status" data-testid="detection-outcome">
        {found &&
          `${found.created.length} new bill-back(s), ${found.existing.length} found earlier, ${found.unmatched.length} return(s) matching no credited claim line.`}
      </p>
      {found && found.unmatched.length > 0 && (
        <ul data-testid="unmatched-returns">
          {found.unmatched.map((returned) => (
            <li key={`${returned.invoiceNumber}/${returned.invoiceLine}`}>
              Unmatched return {returned.invoiceNumber} · {returned.invoiceLine} ({returned.date},{' '}
              {returned.endCustomerId}): {returned.productSku} × {returned.quantity}
            </li>
          ))}
        </ul>
      )}
      {found && found.created.length > 0 && (
        <BillBackTable
          billBacks={found.created}
          caption="Bill-backs this detection made"
          testId="bill-backs-detected"
        />
      )}
    </section>
  );
}

function BillBackList({ session, query }: { session: Session; query: string }) {
  const pages = usePages<BillBack>(session, `/ship-and-debit-bill-backs?limit=50${query}`);
  return (
    <>
      <Show loaded={pages.loaded} what="bill-backs">
        {(billBacks) =>
          billBacks.length === 0 ? (
            <p>No bill-back yet.</p>
          ) : (
            <BillBackTable billBacks={billBacks} caption="Bill-backs" testId="bill-backs" />
          )
        }
      </Show>
      <MorePages pages={pages} what="bill-backs" />
    </>
  );
}

/**
 * Bill-backs (credit owed back for resold units the end customer returned): the list, a partner its own; the
 * detection for staff who may run it, after which the list is read again.
 */
export function BillBacks({
  session,
  partnerId,
  query,
}: {
  session: Session;
  partnerId?: string | undefined;
  query: string;
}) {
  const [generation, setGeneration] = useState(0);
  return (
    <section aria-labelledby="bill-backs-heading">
      <h2 id="bill-backs-heading">Bill-backs</h2>
      {may(session, 'detectBillBacks') && (
        <DetectBillBacks
          session={session}
          partnerId={partnerId}
          onDetected={() => setGeneration((value) => value + 1)}
        />
      )}
      <BillBackList key={generation} session={session} query={query} />
    </section>
  );
}
