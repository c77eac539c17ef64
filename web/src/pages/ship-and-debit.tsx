import type { ComponentChildren } from 'preact';
import { downloadFromApi, segment } from '../api';
import type { DebitAuthorization, ShipAndDebitClaim } from '../api-types';
import { DataTable, Money, ProblemView, Show, StatusBadge } from '../components';
import { useApiAction } from '../form-action';
import { formatMoney, formatQuantity } from '../money';
import { MorePages, type Pages, usePages } from '../paging';
import { PartnerFilter } from '../partner-filter';
import { href } from '../router';
import type { Session } from '../session';
import { BillBacks } from './bill-backs';

type AuthorizationLine = DebitAuthorization['lines'][number];

/** A line's special pricing in words, its amounts in the authorization's currency. */
function pricingOf(line: AuthorizationLine, currency: string): string {
  const { pricing } = line;
  switch (pricing.method) {
    case 'downTo':
      return `down to ${formatMoney(pricing.authorizedCost, currency)} a unit`;
    case 'downBy':
      return `down by ${formatMoney(pricing.amountPerUnit, currency)} a unit`;
    case 'downByPercent':
      return `down by ${pricing.percent} % of book cost`;
    case 'fixedPerClaim':
      return `${formatMoney(pricing.amount, currency)} per claim line`;
  }
}

/** Staff see many partners' authorizations and claims: each card then names its partner. */
const partnerOf = (session: Session, item: { partnerId: string }) =>
  session.role === 'partner' ? '' : `${item.partnerId} · `;

function Authorization({ session, authorization }: { session: Session; authorization: DebitAuthorization }) {
  const { coverage } = authorization;
  return (
    <li class="card" data-testid={`authorization-${authorization.authorizationNumber}`}>
      <h3>
        {partnerOf(session, authorization)}
        {authorization.authorizationNumber} <StatusBadge status={authorization.status} />
      </h3>
      <p>
        {coverage.kind === 'endCustomer'
          ? `End customer ${coverage.endCustomerId}`
          : coverage.kind === 'segment'
            ? `Any end customer of segment ${coverage.segment}`
            : 'Any end customer (blanket)'}
        , ship dates {authorization.validFrom} – {authorization.validTo}, {authorization.currency}
        {authorization.dealRegistrationId && (
          <>
            , from deal{' '}
            <a href={href('deals', authorization.dealRegistrationId)}>{authorization.dealRegistrationId}</a>
          </>
        )}
      </p>
      <DataTable
        caption={`Products of ${authorization.authorizationNumber} and the units left`}
        columns={[
          'Product',
          'Pricing',
          { label: 'Authorized', num: true },
          { label: 'Remaining', num: true },
        ]}
      >
        {authorization.lines.map((line) => (
          <tr key={line.productSku}>
            <th scope="row">{line.productSku}</th>
            <td>{pricingOf(line, authorization.currency)}</td>
            <td class="num">{formatQuantity(String(line.quantityCap))}</td>
            <td class="num">{formatQuantity(String(line.remainingQuantity))}</td>
          </tr>
        ))}
      </DataTable>
    </li>
  );
}

/** "quantityExceeded" → "quantity exceeded", with its X12 901 code. */
const reasonOf = (result: ShipAndDebitClaim['results'][number]) =>
  result.reason
    ? `${result.reason.replace(/([A-Z])/g, ' $1').toLowerCase()}${result.x12Code ? ` (901 code ${result.x12Code})` : ''}`
    : '—';

/** The claim's X12 849 answer and its lines with their outcomes as CSV, as the API serves them. */
function ClaimDownloads({ session, claim }: { session: Session; claim: ShipAndDebitClaim }) {
  const { busy, problem, run } = useApiAction();
  const path = `/ship-and-debit-claims/${segment(claim.claimId)}`;
  const download = (part: string, name: string) =>
    void run(() => downloadFromApi(session.token, `${path}/${part}`, name));
  return (
    <>
      <div class="actions">
        <button
          type="button"
          class="secondary"
          disabled={busy}
          onClick={() => download('849', `${claim.claimNumber}-849.edi`)}
        >
          Download the 849 of {claim.claimNumber}
        </button>
        <button
          type="button"
          class="secondary"
          disabled={busy}
          onClick={() => download('lines', `${claim.claimNumber}-lines.csv`)}
        >
          Download its lines (CSV)
        </button>
      </div>
      {problem && <ProblemView problem={problem} />}
    </>
  );
}

function Claim({ session, claim }: { session: Session; claim: ShipAndDebitClaim }) {
  return (
    <li class="card" data-testid={`sd-claim-${claim.claimNumber}`}>
      <h3>
        {partnerOf(session, claim)}Claim {claim.claimNumber}
      </h3>
      <p>
        Received <time dateTime={claim.receivedAt}>{claim.receivedAt.slice(0, 10)}</time> ({claim.channel}):
        claimed <Money amount={claim.amountClaimed} currency={claim.currency} />, approved{' '}
        <Money amount={claim.amountApproved} currency={claim.currency} />
        {claim.settlementClaimId && (
          <>
            , settled by <a href={href('claims', claim.settlementClaimId)}>{claim.settlementClaimId}</a>
          </>
        )}
        .
      </p>
      <DataTable
        caption={`Line results of claim ${claim.claimNumber}`}
        columns={[
          { label: 'Line', num: true },
          'Outcome',
          { label: 'Units approved', num: true },
          { label: 'Approved', num: true },
          'Reason',
        ]}
      >
        {claim.results.map((result) => (
          <tr key={result.lineNumber}>
            <th scope="row" class="num">
              {result.lineNumber}
            </th>
            <td>
              <StatusBadge status={result.outcome} />
            </td>
            <td class="num">{formatQuantity(String(result.approvedQuantity))}</td>
            <td class="num">
              <Money amount={result.approvedAmount} currency={claim.currency} />
            </td>
            <td class="wrap">{reasonOf(result)}</td>
          </tr>
        ))}
      </DataTable>
      <ClaimDownloads session={session} claim={claim} />
    </li>
  );
}

/** One section of the page: a heading, then a card per item of a paged listing (or a line saying none). */
function CardSection<T>({
  id,
  heading,
  what,
  pages,
  card,
}: {
  id: string;
  heading: string;
  what: string;
  pages: Pages<T>;
  card: (item: T) => ComponentChildren;
}) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      <Show loaded={pages.loaded} what={what}>
        {(items) => (items.length === 0 ? <p>No {what} yet.</p> : <ul class="cards">{items.map(card)}</ul>)}
      </Show>
      <MorePages pages={pages} what={what} />
    </section>
  );
}

/**
 * Ship & debit (`#/ship-and-debit`): debit authorizations, claims with each line's result and their 849, and
 * bill-backs; a partner its own, staff every partner's or one's (`?partnerId=`) and the bill-back detection.
 */
export function ShipAndDebit({ session, partnerId }: { session: Session; partnerId?: string | undefined }) {
  const staff = session.role !== 'partner';
  const query = partnerId ? `&partnerId=${segment(partnerId)}` : '';
  return (
    <>
      <h1>Ship &amp; debit</h1>
      {staff && <PartnerFilter page="ship-and-debit" partnerId={partnerId} />}
      <CardSection
        id="authorizations-heading"
        heading={staff ? 'Debit authorizations' : 'Your debit authorizations'}
        what="debit authorizations"
        pages={usePages<DebitAuthorization>(session, `/debit-authorizations?limit=50${query}`)}
        card={(authorization) => (
          <Authorization
            key={authorization.authorizationNumber}
            session={session}
            authorization={authorization}
          />
        )}
      />
      <CardSection
        id="sd-claims-heading"
        heading={staff ? 'Ship & debit claims' : 'Your ship & debit claims'}
        what="ship & debit claims"
        pages={usePages<ShipAndDebitClaim>(session, `/ship-and-debit-claims?limit=50${query}`)}
        card={(claim) => <Claim key={claim.claimId} session={session} claim={claim} />}
      />
      <BillBacks session={session} partnerId={partnerId} query={query} />
    </>
  );
}
