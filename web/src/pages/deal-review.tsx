import { callApi, segment } from '../api';
import type {
  DealRegistration,
  DebitAuthorization,
  PricingMethod,
  WonDealAuthorizationTerms,
} from '../api-types';
import { ProblemView, Show } from '../components';
import { Decision } from '../decision';
import { useFormAction } from '../form-action';
import { MorePages, usePages } from '../paging';
import { href } from '../router';
import type { Session } from '../session';
import { may } from '../staff-roles';
import { RegistrationTable } from './deal-registration-table';

/** What a reviewer decides on first: conflicts a person must settle, clean submissions, extension requests. */
const queues = [
  ['inReview', 'In review: conflicts to settle'],
  ['submitted', 'Submitted: no conflict found'],
  ['extensionRequested', 'Extension requests'],
] as const;
const otherStatuses = ['approved', 'extended', 'won', 'lost', 'rejected', 'expired', 'draft'] as const;

function Queue({ session, status, heading }: { session: Session; status: string; heading: string }) {
  const pages = usePages<DealRegistration>(session, `/deal-registrations?status=${status}&limit=50`);
  return (
    <section aria-labelledby={`queue-${status}`}>
      <h2 id={`queue-${status}`}>{heading}</h2>
      <Show loaded={pages.loaded} what={heading.toLowerCase()}>
        {(registrations) =>
          registrations.length === 0 ? (
            <p>None.</p>
          ) : (
            <RegistrationTable
              registrations={registrations}
              caption={heading}
              testId={`deal-queue-${status}`}
              staff
            />
          )
        }
      </Show>
      <MorePages pages={pages} what="registrations" />
    </section>
  );
}

/**
 * Staff's deal registrations (`#/deals`): the review queues with what the conflict check found, or the
 * registrations of one status (`?status=`); each opens on the page where it is decided.
 */
export function DealReviewQueue({ session, status }: { session: Session; status?: string | undefined }) {
  const shown = status ? [[status, `Registrations ${status}`] as const] : queues;
  return (
    <>
      <h1>Deal registrations</h1>
      <nav aria-label="Registrations by status" class="actions">
        <a href={href('deals')}>Review queues</a>
        {otherStatuses.map((other) => (
          <a
            key={other}
            href={`${href('deals')}?status=${other}`}
            aria-current={status === other ? 'page' : undefined}
          >
            {other}
          </a>
        ))}
      </nav>
      {shown.map(([queue, heading]) => (
        <Queue key={queue} session={session} status={queue} heading={heading} />
      ))}
    </>
  );
}

/** Each pricing method's field and words (a new method fails the typecheck here). */
const pricingFields: Record<PricingMethod['method'], readonly [string, string]> = {
  downTo: ['authorizedCost', 'Down to a net unit cost of'],
  downBy: ['amountPerUnit', 'Down by an amount a unit of'],
  downByPercent: ['percent', 'Down by a percent of book cost of'],
  fixedPerClaim: ['amount', 'A fixed amount per claim line of'],
};

function termsOf(data: FormData, registration: DealRegistration): WonDealAuthorizationTerms {
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const priceListId = text('priceListId');
  return {
    endCustomerId: text('endCustomerId'),
    bookCostBasis: text('bookCostBasis') as WonDealAuthorizationTerms['bookCostBasis'],
    ...(priceListId ? { priceListId } : {}),
    lines: registration.products.map(({ sku }) => {
      const method = text(`method-${sku}`) as PricingMethod['method'];
      const [field] = pricingFields[method];
      return { productSku: sku, pricing: { method, [field]: text(`value-${sku}`) } as PricingMethod };
    }),
  };
}

/** The special pricing of a won deal: the registration gives products, caps, customer and window. */
function AuthorizeWonDeal({
  session,
  registration,
  onDone,
}: {
  session: Session;
  registration: DealRegistration;
  onDone: () => void;
}) {
  const action = useFormAction(
    (form) =>
      callApi<DebitAuthorization>(
        session.token,
        'POST',
        `/deal-registrations/${segment(registration.registrationId)}/debit-authorization`,
        termsOf(new FormData(form), registration),
      ),
    onDone,
  );
  return (
    <section aria-labelledby="won-authorization-heading">
      <h2 id="won-authorization-heading">Special pricing for the won deal</h2>
      <form class="stack" onSubmit={action.onSubmit}>
        <label for="won-customer">End customer id in the partner’s POS data</label>
        <input id="won-customer" name="endCustomerId" required />
        <label for="won-basis">Book cost</label>
        <select id="won-basis" name="bookCostBasis">
          <option value="acquisitionCost">The partner’s acquisition cost</option>
          <option value="priceListOnShipDate">The price list’s price on the ship date</option>
        </select>
        <label for="won-price-list">Price list (for a price list book cost)</label>
        <input id="won-price-list" name="priceListId" />
        {registration.products.map(({ sku, quantity }) => (
          <fieldset key={sku} class="inline-form">
            <legend>
              {sku} (cap {quantity} units)
            </legend>
            <label for={`won-method-${sku}`}>Pricing of {sku}</label>
            <select id={`won-method-${sku}`} name={`method-${sku}`}>
              {Object.entries(pricingFields).map(([method, [, words]]) => (
                <option key={method} value={method}>
                  {words}
                </option>
              ))}
            </select>
            <label for={`won-value-${sku}`}>Value for {sku}</label>
            <input id={`won-value-${sku}`} name={`value-${sku}`} inputMode="decimal" size={10} required />
          </fieldset>
        ))}
        <button type="submit" disabled={action.busy}>
          Request the debit authorization
        </button>
      </form>
      {action.problem && <ProblemView problem={action.problem} />}
    </section>
  );
}

/**
 * What staff may do with a registration where it stands, by role: decide a submission, decide an extension,
 * record won or lost, turn a won deal into special pricing. Partners never get this component.
 */
export function DealStaffActions({
  session,
  registration,
  onChanged,
}: {
  session: Session;
  registration: DealRegistration;
  onChanged: () => void;
}) {
  const path = `/deal-registrations/${segment(registration.registrationId)}`;
  const { status } = registration;
  const common = { session, onDone: onChanged };
  if ((status === 'submitted' || status === 'inReview') && may(session, 'decideDeals'))
    return (
      <Decision
        {...common}
        id="deal-decision"
        heading="Decide the registration"
        noteLabel="Reason (required to reject)"
        choices={[
          { label: 'Approve', path: `${path}/decision`, body: (reason) => ({ decision: 'approve', reason }) },
          {
            label: 'Reject',
            path: `${path}/decision`,
            body: (reason) => ({ decision: 'reject', reason }),
            secondary: true,
          },
        ]}
      />
    );
  const decideOutcome = may(session, 'recordDealOutcome') && (
    <Decision
      {...common}
      id="deal-outcome"
      heading="How the deal ended"
      noteLabel="Note (optional)"
      choices={[
        { label: 'Mark won', path: `${path}/outcome`, body: (note) => ({ outcome: 'won', note }) },
        {
          label: 'Mark lost',
          path: `${path}/outcome`,
          body: (note) => ({ outcome: 'lost', note }),
          secondary: true,
        },
      ]}
    />
  );
  if (status === 'extensionRequested')
    return (
      <>
        {may(session, 'decideDeals') && (
          <Decision
            {...common}
            id="extension-decision"
            heading={`Extension asked for: “${registration.extension?.activity ?? ''}”`}
            noteLabel="Reason (required to refuse)"
            choices={[
              {
                label: 'Grant the extension',
                path: `${path}/extension/decision`,
                body: (reason) => ({ decision: 'approve', reason }),
              },
              {
                label: 'Refuse the extension',
                path: `${path}/extension/decision`,
                body: (reason) => ({ decision: 'reject', reason }),
                secondary: true,
              },
            ]}
          />
        )}
        {decideOutcome}
      </>
    );
  if (status === 'approved' || status === 'extended') return decideOutcome || null;
  if (
    status === 'won' &&
    registration.debitAuthorizationNumber === undefined &&
    may(session, 'authorizeWonDeal')
  )
    return <AuthorizeWonDeal session={session} registration={registration} onDone={onChanged} />;
  return null;
}
