import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { callApi, segment } from '../api';
import type {
  PriceProtectionClaim,
  PriceProtectionLine,
  PriceProtectionRun,
  PriceProtectionRunHeader,
  PriceProtectionRunRequest,
} from '../api-types';
import { BackLink, DataTable, Figure, Money, ProblemView, Show, StatusBadge, useApiGet } from '../components';
import { Decision } from '../decision';
import { useFormAction } from '../form-action';
import { formatMoney, formatQuantity } from '../money';
import { MorePages, usePages } from '../paging';
import { href, navigate } from '../router';
import type { Session } from '../session';
import { may } from '../staff-roles';

/** The price entry a run protects (the API answers the request it was started with). */
const entryOf = (run: PriceProtectionRunHeader) => run.request as unknown as PriceProtectionRunRequest;

const changeOf = (run: PriceProtectionRunHeader) =>
  `${formatMoney(run.oldUnitCost, run.currency)} → ${formatMoney(run.newUnitCost, run.currency)} (${run.direction} ${run.changePercent} %)`;

function requestOf(data: FormData): PriceProtectionRunRequest {
  const text = (name: string) => String(data.get(name) ?? '').trim();
  return {
    priceListId: text('priceListId'),
    sku: text('sku'),
    effectiveFrom: text('effectiveFrom'),
    partnerIds: text('partnerIds')
      .split(/[\s,]+/)
      .filter((id) => id.length > 0),
    term: {
      minDecreasePercent: text('minDecreasePercent'),
      eligibilityWindowDays: Number(text('eligibilityWindowDays')),
      supportedDifferencePercent: text('supportedDifferencePercent'),
      supportedQuantityPercent: text('supportedQuantityPercent'),
      includeInTransit: data.get('includeInTransit') === 'on',
      reverseOnIncrease: data.get('reverseOnIncrease') === 'on',
      reconciliationToleranceUnits: text('reconciliationToleranceUnits'),
    },
  };
}

/** The term's fields with the usual values filled in: label, name, default. */
const termFields = [
  ['Smallest decrease protected (%)', 'minDecreasePercent', '5'],
  ['Stock received within (days before the change)', 'eligibilityWindowDays', '90'],
  ['Share of the price difference paid (%)', 'supportedDifferencePercent', '100'],
  ['Share of the eligible units protected (%)', 'supportedQuantityPercent', '100'],
  ['Reported vs computed on hand tolerance (units)', 'reconciliationToleranceUnits', '0'],
] as const;

/** A channel manager runs price protection for one price entry; the page then opens the run. */
function StartRun({ session }: { session: Session }) {
  const action = useFormAction(
    async (form) => {
      const started = await callApi<PriceProtectionRun>(
        session.token,
        'POST',
        '/price-protection-runs',
        requestOf(new FormData(form)),
      );
      navigate(href('price-protection', started.run.runId));
      return started;
    },
    () => {},
  );
  return (
    <section aria-labelledby="start-run-heading">
      <h2 id="start-run-heading">Run price protection for a price entry</h2>
      <form class="stack" onSubmit={action.onSubmit}>
        <label for="pp-price-list">Price list</label>
        <input id="pp-price-list" name="priceListId" required />
        <label for="pp-sku">Product (SKU)</label>
        <input id="pp-sku" name="sku" required />
        <label for="pp-effective">Price entry effective from</label>
        <input id="pp-effective" name="effectiveFrom" type="date" required />
        <label for="pp-partners">Partners covered (ids, comma-separated)</label>
        <input id="pp-partners" name="partnerIds" required />
        {termFields.map(([label, name, value]) => (
          <Fragment key={name}>
            <label for={`pp-${name}`}>{label}</label>
            <input id={`pp-${name}`} name={name} defaultValue={value} inputMode="decimal" required />
          </Fragment>
        ))}
        <label>
          <input type="checkbox" name="includeInTransit" /> Stock in transit counts
        </label>
        <label>
          <input type="checkbox" name="reverseOnIncrease" /> An increase computes a recovery
        </label>
        <button type="submit" disabled={action.busy}>
          Run price protection
        </button>
      </form>
      {action.problem && <ProblemView problem={action.problem} />}
    </section>
  );
}

/** Staff's price protection (`#/price-protection`): the runs, and a new run for those who may start one. */
export function PriceProtectionRuns({ session }: { session: Session }) {
  const pages = usePages<PriceProtectionRunHeader>(session, '/price-protection-runs?limit=50');
  return (
    <>
      <h1>Price protection</h1>
      <Show loaded={pages.loaded} what="price protection runs">
        {(runs) =>
          runs.length === 0 ? (
            <p>No price protection run yet.</p>
          ) : (
            <DataTable
              caption="Price protection runs"
              testId="pp-runs"
              columns={[
                'Run',
                'Price entry',
                'Change',
                'Outcome',
                { label: 'Claims', num: true },
                { label: 'Claimed', num: true },
                'Started',
              ]}
            >
              {runs.map((run) => {
                const entry = entryOf(run);
                return (
                  <tr key={run.runId}>
                    <th scope="row">
                      <a href={href('price-protection', run.runId)}>{run.runId}</a>
                    </th>
                    <td>
                      {entry.priceListId} · {entry.sku} from {entry.effectiveFrom}
                    </td>
                    <td>{changeOf(run)}</td>
                    <td>
                      <StatusBadge status={run.outcome} />
                    </td>
                    <td class="num">{run.claimCount}</td>
                    <td class="num">
                      <Money amount={run.totalClaimed} currency={run.currency} />
                    </td>
                    <td>{run.createdAt.slice(0, 10)}</td>
                  </tr>
                );
              })}
            </DataTable>
          )
        }
      </Show>
      <MorePages pages={pages} what="runs" />
      {may(session, 'runPriceProtection') && <StartRun session={session} />}
    </>
  );
}

const quantity = (value: string | undefined) => (value === undefined ? '—' : formatQuantity(value));

/** The partners' lines of a run: the figures each claim comes from, flagged where a person must look. */
function LineTable({ lines, currency }: { lines: readonly PriceProtectionLine[]; currency: string }) {
  return (
    <DataTable
      caption="Partner lines of the run"
      testId="pp-lines"
      columns={[
        'Partner',
        'Status',
        { label: 'Reported on hand', num: true },
        { label: 'Computed on hand', num: true },
        { label: 'Eligible', num: true },
        { label: 'Protected', num: true },
        { label: 'Per unit', num: true },
        { label: 'Amount', num: true },
        'Claim',
        'Review',
      ]}
    >
      {lines.map(({ partnerId, status, protection, claimId, dispute }) => (
        <tr key={partnerId}>
          <th scope="row">{partnerId}</th>
          <td>
            <StatusBadge status={status} />
          </td>
          <td class="num">{quantity(protection?.reportedOnHand)}</td>
          <td class="num">{quantity(protection?.computedOnHand)}</td>
          <td class="num">{quantity(protection?.eligibleQuantity)}</td>
          <td class="num">{quantity(protection?.protectedQuantity)}</td>
          <td class="num">
            {protection ? <Money amount={protection.unitAmount} currency={currency} /> : '—'}
          </td>
          <td class="num">{protection ? <Money amount={protection.amount} currency={currency} /> : '—'}</td>
          <td>{claimId ? <a href={href('claims', claimId)}>{claimId}</a> : '—'}</td>
          <td class="wrap">
            {[...(protection?.review ?? []), ...(dispute ? [`disputed: ${dispute.reason}`] : [])].join(
              '; ',
            ) || (protection ? '—' : 'no inventory reported')}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** One run (`#/price-protection/<runId>`): the change, its outcome and each partner's line. */
export function PriceProtectionRunDetail({ session, runId }: { session: Session; runId: string }) {
  const [loaded] = useApiGet<PriceProtectionRun>(session, `/price-protection-runs/${segment(runId)}`);
  return (
    <>
      <h1>Price protection run {runId}</h1>
      <BackLink to={href('price-protection')}>Back to price protection</BackLink>
      <Show loaded={loaded} what="the run">
        {({ run, lines }) => {
          const entry = entryOf(run);
          return (
            <>
              <dl class="figures" data-testid="pp-run">
                <Figure label="Price entry" text>
                  {entry.priceListId} · {entry.sku} from {entry.effectiveFrom}
                </Figure>
                <Figure label="Book cost" text>
                  {changeOf(run)}
                </Figure>
                <Figure label="Outcome" testId="pp-outcome">
                  <StatusBadge status={run.outcome} />
                </Figure>
                <Figure label={`Claimed (${run.claimCount} claims)`}>
                  <Money amount={run.totalClaimed} currency={run.currency} />
                </Figure>
              </dl>
              <LineTable lines={lines} currency={run.currency} />
            </>
          );
        }}
      </Show>
    </>
  );
}

/** A partner's generated claim: the figures, and accept or dispute while it waits for the partner. */
function PartnerClaim({
  session,
  item,
  onReviewed,
}: {
  session: Session;
  item: PriceProtectionClaim;
  onReviewed: () => void;
}) {
  const { line, claim } = item;
  const path = `/price-protection-claims/${segment(claim.claimId)}`;
  return (
    <li class="card" data-testid={`pp-claim-${claim.claimId}`}>
      <h3>
        <a href={href('claims', claim.claimId)}>{claim.claimId}</a> <StatusBadge status={line.status} />
      </h3>
      {line.protection ? (
        <dl class="figures">
          <Figure label="Amount">
            <Money amount={line.protection.amount} currency={claim.currency} />
          </Figure>
          <Figure label="Protected units" text>
            {formatQuantity(line.protection.protectedQuantity)} of{' '}
            {formatQuantity(line.protection.eligibleQuantity)} bought at the old cost
          </Figure>
          <Figure label="Per unit">
            <Money amount={line.protection.unitAmount} currency={claim.currency} />
          </Figure>
          <Figure label={`On hand ${line.protection.reportedDate}`} text>
            {formatQuantity(line.protection.reportedOnHand)} reported,{' '}
            {formatQuantity(line.protection.computedOnHand)} computed
          </Figure>
        </dl>
      ) : (
        <p>No inventory reported on the change date.</p>
      )}
      {line.dispute && <p>Disputed: {line.dispute.reason}</p>}
      {line.status === 'awaitingPartner' && (
        <Decision
          session={session}
          id={`review-${claim.claimId}`}
          heading="Your review"
          noteLabel="What you dispute and why (to dispute)"
          choices={[
            { label: 'Accept the claim', path: `${path}/accept` },
            {
              label: 'Dispute the claim',
              path: `${path}/dispute`,
              body: (reason) => ({ reason }),
              secondary: true,
            },
          ]}
          onDone={onReviewed}
        />
      )}
    </li>
  );
}

/** A partner's price protection claims (`#/price-protection`): what each run computed, to accept or dispute. */
export function PriceProtectionClaims({ session }: { session: Session }) {
  const [generation, setGeneration] = useState(0);
  return (
    <>
      <h1>Price protection</h1>
      {/* A new key reads the claims again once one is accepted or disputed. */}
      <PartnerClaims
        key={generation}
        session={session}
        onReviewed={() => setGeneration((value) => value + 1)}
      />
    </>
  );
}

function PartnerClaims({ session, onReviewed }: { session: Session; onReviewed: () => void }) {
  const pages = usePages<PriceProtectionClaim>(session, '/price-protection-claims?limit=50');
  return (
    <>
      <Show loaded={pages.loaded} what="your price protection claims">
        {(items) =>
          items.length === 0 ? (
            <p>No price protection claim yet.</p>
          ) : (
            <ul class="cards">
              {items.map((item) => (
                <PartnerClaim
                  key={item.claim.claimId}
                  session={session}
                  item={item}
                  onReviewed={onReviewed}
                />
              ))}
            </ul>
          )
        }
      </Show>
      <MorePages pages={pages} what="price protection claims" />
    </>
  );
}
