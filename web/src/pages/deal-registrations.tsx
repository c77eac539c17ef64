import { useState } from 'preact/hooks';
import { callApi, segment } from '../api';
import type { DealRegistration, DealRegistrationRequest, Problem } from '../api-types';
import {
  CurrencySelect,
  DataTable,
  Money,
  ProblemView,
  problemOf,
  Show,
  StatusBadge,
  useApiGet,
} from '../components';
import { Decision } from '../decision';
import { useFormAction } from '../form-action';
import { formatQuantity } from '../money';
import { MorePages, usePages } from '../paging';
import { href } from '../router';
import type { Session } from '../session';
import { conflictText, protection, RegistrationTable } from './deal-registration-table';
import { DealStaffActions } from './deal-review';

const stamp = (at: string) => `${at.replace('T', ' ').slice(0, 19)}Z`;

interface ProductLine {
  readonly sku: string;
  readonly quantity: string;
}

type Currency = DealRegistrationRequest['estimatedValue']['currency'];

/** The form's fields as the API's request: the customer names a tax id, a web domain or both. */
function requestOf(data: FormData, products: readonly ProductLine[]): DealRegistrationRequest {
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const optional = (name: string) => (text(name) ? text(name) : undefined);
  const taxId = optional('taxId');
  const webDomain = optional('webDomain');
  return {
    programId: text('programId'),
    customer: {
      name: text('customerName'),
      country: text('country').toUpperCase(),
      ...(taxId ? { taxId } : {}),
      ...(webDomain ? { webDomain } : {}),
    },
    products: products.map((line) => ({ sku: line.sku.trim(), quantity: Number(line.quantity.trim()) })),
    estimatedValue: { amount: text('amount'), currency: text('currency') as Currency },
    closeDate: text('closeDate'),
    description: text('description'),
  };
}

/** Registers a deal (a draft) and submits it for the conflict check at once; the answer's status is shown. */
function RegisterDeal({ session, onRegistered }: { session: Session; onRegistered: () => void }) {
  const [products, setProducts] = useState<readonly ProductLine[]>([{ sku: '', quantity: '' }]);
  const setLine = (index: number, change: Partial<ProductLine>) =>
    setProducts(products.map((line, at) => (at === index ? { ...line, ...change } : line)));
  const action = useFormAction(
    async (form) => {
      const draft = await callApi<DealRegistration>(
        session.token,
        'POST',
        '/deal-registrations',
        requestOf(new FormData(form), products),
      );
      return callApi<DealRegistration>(
        session.token,
        'POST',
        `/deal-registrations/${segment(draft.registrationId)}/submit`,
      );
    },
    () => {
      setProducts([{ sku: '', quantity: '' }]);
      onRegistered();
    },
  );
  const registered = action.result;

  return (
    <section aria-labelledby="register-deal-heading">
      <h2 id="register-deal-heading">Register a deal</h2>
      <form class="stack" onSubmit={action.onSubmit}>
        <label for="deal-program">Program</label>
        <input id="deal-program" name="programId" required autoComplete="off" />
        <label for="deal-customer">End customer</label>
        <input id="deal-customer" name="customerName" required />
        <label for="deal-country">Country (ISO code, e.g. US)</label>
        <input id="deal-country" name="country" required maxLength={2} size={4} />
        <label for="deal-domain">Web domain</label>
        <input id="deal-domain" name="webDomain" placeholder="customer.example" />
        <label for="deal-tax-id">Tax id (if no web domain)</label>
        <input id="deal-tax-id" name="taxId" />
        {products.map((line, index) => (
          <fieldset key={String(index)} class="inline-form">
            <legend>Product {index + 1}</legend>
            <label for={`deal-sku-${index}`}>Product (SKU)</label>
            <input
              id={`deal-sku-${index}`}
              value={line.sku}
              required
              onInput={(event) => setLine(index, { sku: event.currentTarget.value })}
            />
            <label for={`deal-quantity-${index}`}>Units</label>
            <input
              id={`deal-quantity-${index}`}
              inputMode="numeric"
              size={8}
              value={line.quantity}
              required
              onInput={(event) => setLine(index, { quantity: event.currentTarget.value })}
            />
            {products.length > 1 && (
              <button
                type="button"
                class="secondary"
                onClick={() => setProducts(products.filter((_, at) => at !== index))}
              >
                Remove product {index + 1}
              </button>
            )}
          </fieldset>
        ))}
        <button
          type="button"
          class="secondary"
          onClick={() => setProducts([...products, { sku: '', quantity: '' }])}
        >
          Add a product
        </button>
        <label for="deal-amount">Estimated value</label>
        <input id="deal-amount" name="amount" inputMode="decimal" required placeholder="84000.00" />
        <label for="deal-currency">Currency</label>
        <CurrencySelect id="deal-currency" name="currency" />
        <label for="deal-close">Expected close date</label>
        <input id="deal-close" name="closeDate" type="date" required />
        <label for="deal-description">Your work on the deal</label>
        <textarea id="deal-description" name="description" rows={3} required />
        <button type="submit" disabled={action.busy}>
          Register and submit
        </button>
      </form>
      {action.problem && <ProblemView problem={action.problem} />}
      <p class="notice" role="status">
        {registered && (
          <>
            Registered <a href={href('deals', registered.registrationId)}>{registered.customer.name}</a>:{' '}
            <StatusBadge status={registered.status} />
            {registered.rejection && ` — ${registered.rejection.reason}`}
          </>
        )}
      </p>
    </section>
  );
}

/** A partner's deal registrations (`#/deals`), oldest first, and the form to register one. */
export function DealRegistrations({ session }: { session: Session }) {
  const [generation, setGeneration] = useState(0);
  return (
    <>
      <h1>Deal registrations</h1>
      {/* A new key reads the listing again once a deal is registered. */}
      <RegistrationList key={generation} session={session} />
      <RegisterDeal session={session} onRegistered={() => setGeneration((value) => value + 1)} />
    </>
  );
}

function RegistrationList({ session }: { session: Session }) {
  const pages = usePages<DealRegistration>(session, '/deal-registrations?limit=50');
  return (
    <>
      <Show loaded={pages.loaded} what="your deal registrations">
        {(registrations) =>
          registrations.length === 0 ? (
            <p>No deal registered yet.</p>
          ) : (
            <RegistrationTable
              registrations={registrations}
              caption="Your deal registrations and their status"
              testId="deal-registrations"
            />
          )
        }
      </Show>
      <MorePages pages={pages} what="deal registrations" />
    </>
  );
}

function RegistrationFacts({ registration }: { registration: DealRegistration }) {
  const { customer } = registration;
  return (
    <dl class="figures">
      <div>
        <dt>Status</dt>
        <dd data-testid="deal-status">
          <StatusBadge status={registration.status} />
        </dd>
      </div>
      <div>
        <dt>Estimated value</dt>
        <dd>
          <Money {...registration.estimatedValue} />
        </dd>
      </div>
      <div>
        <dt>Protection window</dt>
        <dd class="text">{protection(registration)}</dd>
      </div>
      <div>
        <dt>End customer</dt>
        <dd class="text">
          {customer.name} ({customer.country}){' '}
          {[customer.webDomain, customer.taxId].filter(Boolean).join(' · ')}
        </dd>
      </div>
      <div>
        <dt>Program · close date</dt>
        <dd class="text">
          {registration.programId} · {registration.closeDate}
        </dd>
      </div>
    </dl>
  );
}

/**
 * One registration (`#/deals/<id>`): products, protection window, conflict or rejection, history; a draft may be
 * submitted, and an approved one may ask once for an extension with the activity since approval.
 */
export function DealRegistrationDetail({
  session,
  registrationId,
}: {
  session: Session;
  registrationId: string;
}) {
  const path = `/deal-registrations/${segment(registrationId)}`;
  const [registration, reload] = useApiGet<DealRegistration>(session, path);
  const [problem, setProblem] = useState<Problem | undefined>();
  const submit = () =>
    callApi(session.token, 'POST', `${path}/submit`).then(reload, (error) => setProblem(problemOf(error)));
  return (
    <>
      <h1>Deal registration {registrationId}</h1>
      <p>
        <a href={href('deals')}>Back to deal registrations</a>
      </p>
      <Show loaded={registration} what="the deal registration">
        {(found) => (
          <>
            <RegistrationFacts registration={found} />
            {found.status === 'draft' && (
              <button type="button" onClick={submit}>
                Submit for the conflict check
              </button>
            )}
            {problem && <ProblemView problem={problem} />}
            {session.role === 'partner' && found.status === 'approved' && found.extension === undefined && (
              <Decision
                session={session}
                id="extension-request"
                heading="Ask for a longer protection (once)"
                noteLabel="Your activity on the deal since approval"
                choices={[
                  {
                    label: 'Request an extension',
                    path: `${path}/extension`,
                    body: (activity) => ({ activity }),
                  },
                ]}
                onDone={reload}
              />
            )}
            {found.rejection && (
              <p class="problem">
                Rejected ({found.rejection.code}): {found.rejection.reason}
              </p>
            )}
            {found.conflict && <p>Conflict: {conflictText(found.conflict)}</p>}
            {found.benefit?.kind === 'reduced' && <p>Reduced benefit: {found.benefit.percent} %.</p>}
            {found.debitAuthorizationNumber && (
              <p>Special pricing: debit authorization {found.debitAuthorizationNumber}.</p>
            )}
            {session.role !== 'partner' && (
              <DealStaffActions session={session} registration={found} onChanged={reload} />
            )}
            <h2>Products</h2>
            <DataTable caption="Products of the deal" columns={['Product', { label: 'Units', num: true }]}>
              {found.products.map((product) => (
                <tr key={product.sku}>
                  <th scope="row">{product.sku}</th>
                  <td class="num">{formatQuantity(String(product.quantity))}</td>
                </tr>
              ))}
            </DataTable>
            <h2>{session.role === 'partner' ? 'Your' : 'The partner’s'} work on the deal</h2>
            <p>{found.description}</p>
            <h2>History</h2>
            <ol class="history">
              {found.history.map((entry) => (
                <li key={`${entry.at}/${entry.to}`}>
                  <time dateTime={entry.at}>{stamp(entry.at)}</time> {entry.by.userId} ({entry.by.role}):{' '}
                  {entry.from ?? 'new'} → {entry.to}
                  {entry.note && ` — ${entry.note}`}
                </li>
              ))}
            </ol>
          </>
        )}
      </Show>
    </>
  );
}
