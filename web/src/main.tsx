import './styles.css';
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { ProblemView } from './components';
import { AccrualRunDetail, AccrualRuns, RunEntries } from './pages/accrual-runs';
import { Approvals } from './pages/approvals';
import { ClaimDetail, Claims } from './pages/claims';
import { DealRegistrationDetail, DealRegistrations } from './pages/deal-registrations';
import { DealReviewQueue } from './pages/deal-review';
import { StaffFunds } from './pages/fund-allocation';
import { Funds } from './pages/funds';
import { Liabilities } from './pages/liabilities';
import { NearTierPartners } from './pages/near-tier';
import { PartnerHome } from './pages/partner-home';
import { PaymentBatchDetail, PaymentBatches } from './pages/payment-batches';
import {
  PriceProtectionClaims,
  PriceProtectionRunDetail,
  PriceProtectionRuns,
} from './pages/price-protection';
import { Programs } from './pages/programs';
import { SalesAndInventory } from './pages/sales';
import { SalesPerformance } from './pages/sales-performance';
import { Scorecard } from './pages/scorecard';
import { ShipAndDebit } from './pages/ship-and-debit';
import { SignIn } from './pages/sign-in';
import { ChannelFileDetail, Upload } from './pages/uploads';
import { href, type Location, useLocation } from './router';
import { type Session, signOutUrl, storedSession, storeSession } from './session';
import { may } from './staff-roles';

interface NavItem {
  readonly label: string;
  readonly page: string;
}

const navOf = (session: Session): NavItem[] =>
  session.role === 'partner'
    ? [
        { label: 'Home', page: '' },
        { label: 'My programs', page: 'programs' },
        { label: 'Claims & payments', page: 'claims' },
        { label: 'Scorecard', page: 'scorecard' },
        { label: 'Upload a file', page: 'upload' },
        { label: 'Sales & inventory', page: 'sales' },
        { label: 'Deal registrations', page: 'deals' },
        { label: 'MDF / funds', page: 'funds' },
        { label: 'Ship & debit', page: 'ship-and-debit' },
        { label: 'Price protection', page: 'price-protection' },
      ]
    : [
        { label: 'Approvals inbox', page: '' },
        { label: 'Claims', page: 'claims' },
        { label: 'Liabilities', page: 'liabilities' },
        { label: 'Scorecards', page: 'scorecard' },
        { label: 'Performance', page: 'performance' },
        // Approvers have no near-tier list (GET /near-tier-alerts answers them 403).
        ...(session.role === 'approver' ? [] : [{ label: 'Near-tier partners', page: 'near-tier' }]),
        { label: 'Accrual runs', page: 'runs' },
        // Payment batches are built, approved and paid by finance and admins only.
        ...(session.role === 'finance' || session.role === 'admin'
          ? [{ label: 'Payment batches', page: 'payments' }]
          : []),
        // Deal registrations are for those who decide them; every staff role reads the other three.
        ...(may(session, 'decideDeals') ? [{ label: 'Deal registrations', page: 'deals' }] : []),
        { label: 'Ship & debit', page: 'ship-and-debit' },
        { label: 'Price protection', page: 'price-protection' },
        { label: 'MDF / funds', page: 'funds' },
      ];

const notFound = (what: string) => (
  <ProblemView
    problem={{ type: 'about:blank', title: 'Not Found', status: 404, detail: `No page ${what}` }}
  />
);

function Page({ session, location }: { session: Session; location: Location }) {
  const [page = '', id, part] = location.segments;
  const partnerId = session.partnerId;
  if (page === 'claims' && id) return <ClaimDetail session={session} claimId={id} />;
  if (page === 'claims') return <Claims session={session} />;
  if (page === 'scorecard') {
    // The partner the address names (a forged one shows the API's 404), else a partner user's own.
    return <Scorecard session={session} partnerId={id ?? partnerId} query={location.query} />;
  }
  if (page === 'liabilities' && partnerId === undefined) return <Liabilities session={session} />;
  if (page === 'files' && id) return <ChannelFileDetail session={session} fileId={id} />;
  if (partnerId !== undefined) {
    if (page === '') return <PartnerHome session={session} partnerId={partnerId} />;
    if (page === 'programs') {
      const asOf = location.query.get('asOf');
      return <Programs session={session} partnerId={partnerId} {...(asOf ? { asOf } : {})} />;
    }
    if (page === 'upload') return <Upload session={session} />;
    if (page === 'sales')
      return <SalesAndInventory session={session} month={location.query.get('month') ?? undefined} />;
    if (page === 'deals' && id) return <DealRegistrationDetail session={session} registrationId={id} />;
    if (page === 'deals') return <DealRegistrations session={session} />;
    if (page === 'funds') return <Funds session={session} />;
    if (page === 'ship-and-debit') return <ShipAndDebit session={session} />;
    if (page === 'price-protection' && !id) return <PriceProtectionClaims session={session} />;
  } else if (page === 'deals' && id) {
    return <DealRegistrationDetail session={session} registrationId={id} />;
  } else if (page === 'deals') {
    return <DealReviewQueue session={session} status={location.query.get('status') ?? undefined} />;
  } else if (page === 'ship-and-debit') {
    return <ShipAndDebit session={session} partnerId={location.query.get('partnerId') ?? undefined} />;
  } else if (page === 'price-protection' && id) {
    return <PriceProtectionRunDetail session={session} runId={id} />;
  } else if (page === 'price-protection') {
    return <PriceProtectionRuns session={session} />;
  } else if (page === 'funds') {
    return <StaffFunds session={session} partnerId={location.query.get('partnerId') ?? undefined} />;
  } else if (page === '' || page === 'approvals') {
    return <Approvals session={session} />;
  } else if (page === 'near-tier') {
    const filter = ['programId', 'partnerId'].flatMap((name) => {
      const value = location.query.get(name);
      return value ? [[name, value] as const] : [];
    });
    return <NearTierPartners session={session} {...Object.fromEntries(filter)} />;
  } else if (page === 'performance') {
    return <SalesPerformance session={session} query={location.query} />;
  } else if (page === 'runs' && id && part) {
    const partner = location.query.get('partnerId') ?? undefined;
    return <RunEntries session={session} runId={id} programId={part} partnerId={partner} />;
  } else if (page === 'runs' && id) {
    return <AccrualRunDetail session={session} runId={id} />;
  } else if (page === 'runs') {
    return <AccrualRuns session={session} />;
  } else if (page === 'payments' && id) {
    return <PaymentBatchDetail session={session} batchId={id} />;
  } else if (page === 'payments') {
    return <PaymentBatches session={session} />;
  }
  return notFound(`#/${location.segments.join('/')}`);
}

function App() {
  const [session, setSession] = useState(storedSession);
  const location = useLocation();
  if (!session)
    return (
      <SignIn
        onSignedIn={(signedIn) => {
          storeSession(signedIn);
          setSession(signedIn);
          window.location.hash = '#/';
        }}
      />
    );
  const current = location.segments[0] ?? '';
  return (
    <>
      {/* A button, not an anchor: `#main` would be read as a hash route. */}
      <button type="button" class="skip" onClick={() => document.getElementById('main')?.focus()}>
        Skip to content
      </button>
      <header class="top">
        <span class="brand">ChRM</span>
        <nav aria-label="Main">
          <ul>
            {navOf(session).map((item) => (
              <li key={item.page}>
                <a
                  href={href(...(item.page ? [item.page] : []))}
                  aria-current={current === item.page ? 'page' : undefined}
                >
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <span class="who">
          {session.userId} ({session.role})
          <button
            type="button"
            class="link"
            onClick={() => {
              const next = signOutUrl();
              storeSession(undefined);
              setSession(undefined);
              if (next) window.location.assign(next);
            }}
          >
            Sign out
          </button>
        </span>
      </header>
      <main id="main" tabIndex={-1}>
        <Page session={session} location={location} />
      </main>
    </>
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
