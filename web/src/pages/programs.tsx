import { useState } from 'preact/hooks';
import { callApi, segment } from '../api';
import type { Problem, ProgramProgress, TierProgress, WhatIf, WhatIfSale } from '../api-types';
import { Money, ProblemView, problemOf, Show, todayIso, useApiGet } from '../components';
import { formatMoney, formatQuantity, progressPercent } from '../money';
import { navigate } from '../router';
import type { Session } from '../session';

/** A volume or gap in the tier's basis: units, or money of the program's currency. */
const inBasis = (value: string, tier: TierProgress, currency: string) =>
  tier.basis === 'revenue' ? formatMoney(value, currency) : `${formatQuantity(value)} units`;

const tierName = (tier: NonNullable<TierProgress['tierReached']>) =>
  `tier ${tier.index + 1} (rate ${tier.rate})`;

function TierBar({ tier, currency, label }: { tier: TierProgress; currency: string; label: string }) {
  const from = tier.tierReached?.from ?? '0';
  const next = tier.nextTier;
  const percent = next ? progressPercent(tier.volume, from, next.from) : 100;
  const summary = next
    ? `${inBasis(tier.gap ?? '0', tier, currency)} short of ${tierName(next)}`
    : 'Top tier reached';
  return (
    <div class="tier">
      <p>
        <strong>{tier.tierReached ? `Reached ${tierName(tier.tierReached)}` : 'Below the first tier'}</strong>
        {' · '}
        {inBasis(tier.volume, tier, currency)} so far ({tier.pool})
      </p>
      <div
        class="bar"
        role="progressbar"
        aria-label={`${label}: progress to the next tier`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={summary}
      >
        <div class="bar-fill" style={{ width: `${percent}%` }} />
      </div>
      <p class="gap" data-testid="tier-gap">
        {summary}
        {next && ` (at ${inBasis(next.from, tier, currency)})`}
      </p>
    </div>
  );
}

const tierLabel = (tiers: readonly TierProgress[]) =>
  tiers.map((tier) => (tier.tierReached ? tierName(tier.tierReached) : 'below the first tier')).join(', ') ||
  '—';

/** "Sell 40 more units of X → you earn Y more": the what-if API's answer per program the sale counts in. */
function WhatIfForm({ session, partnerId, asOf }: { session: Session; partnerId: string; asOf: string }) {
  const [answer, setAnswer] = useState<WhatIf | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();
  const ask = async (sale: WhatIfSale) => {
    setProblem(undefined);
    try {
      setAnswer(
        await callApi<WhatIf>(session.token, 'POST', `/partners/${segment(partnerId)}/what-if`, sale),
      );
    } catch (error) {
      setAnswer(undefined);
      setProblem(problemOf(error));
    }
  };
  return (
    <section aria-labelledby="what-if-heading">
      <h2 id="what-if-heading">What if I sell more?</h2>
      <form
        class="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          void ask({
            asOf,
            sku: String(form.get('sku')).trim(),
            quantity: String(form.get('quantity')).trim(),
            unitPrice: String(form.get('unitPrice')).trim(),
          });
        }}
      >
        <label for="what-if-sku">Product (SKU)</label>
        <input id="what-if-sku" name="sku" required size={10} />
        <label for="what-if-quantity">Units sold</label>
        <input id="what-if-quantity" name="quantity" inputMode="decimal" required size={6} />
        <label for="what-if-price">Unit price</label>
        <input id="what-if-price" name="unitPrice" inputMode="decimal" required size={8} />
        <button type="submit">Calculate</button>
      </form>
      {problem && <ProblemView problem={problem} />}
      {answer &&
        (answer.items.length === 0 ? (
          <p role="status">That sale counts in none of your programs in force on {answer.asOf}.</p>
        ) : (
          <div class="table-scroll" role="status">
            <table>
              <caption class="visually-hidden">What the sale would earn, per program</caption>
              <thead>
                <tr>
                  <th scope="col">Program</th>
                  <th scope="col" class="num">
                    You would earn more
                  </th>
                  <th scope="col" class="num">
                    Earned with the sale
                  </th>
                  <th scope="col">Tier now → with the sale</th>
                </tr>
              </thead>
              <tbody>
                {answer.items.map((item) => (
                  <tr key={item.programId} data-testid={`what-if-${item.programId}`}>
                    <th scope="row">{item.programId}</th>
                    <td class="num">
                      <Money amount={item.difference} currency={item.currency} />
                    </td>
                    <td class="num">
                      <Money amount={item.earnedWithSale} currency={item.currency} />
                    </td>
                    <td>
                      {tierLabel(item.tiersNow)} → {tierLabel(item.tiersWithSale)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}

/**
 * The partner's programs in force on a day: earned period-to-date and, per tier pool, a bar from the tier
 * reached to the next one with the gap still missing; and what one more sale would earn.
 */
export function Programs({
  session,
  partnerId,
  asOf,
}: {
  session: Session;
  partnerId: string;
  asOf?: string;
}) {
  const day = asOf ?? todayIso();
  const [progress] = useApiGet<ProgramProgress>(
    session,
    `/partners/${segment(partnerId)}/program-progress?asOf=${encodeURIComponent(day)}`,
  );
  return (
    <>
      <h1>My programs</h1>
      <form
        class="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          const value = new FormData(event.currentTarget).get('asOf');
          navigate(`#/programs?asOf=${encodeURIComponent(String(value))}`);
        }}
      >
        <label for="as-of">Progress as of</label>
        <input id="as-of" name="asOf" type="date" defaultValue={day} required />
        <button type="submit">Show</button>
      </form>
      <Show loaded={progress} what="your program progress">
        {({ items, asOf: measuredTo }) =>
          items.length === 0 ? (
            <p>No program of yours is in force on {measuredTo}.</p>
          ) : (
            <ul class="cards">
              {items.map((program) => (
                <li class="card" key={program.programId}>
                  <h2>{program.name}</h2>
                  <p class="muted">
                    {program.programId} · measured to <time dateTime={measuredTo}>{measuredTo}</time>
                  </p>
                  <p>
                    Earned period-to-date: <Money amount={program.earned} currency={program.currency} />
                  </p>
                  {program.tiers.map((tier) => (
                    <TierBar key={tier.pool} tier={tier} currency={program.currency} label={program.name} />
                  ))}
                </li>
              ))}
            </ul>
          )
        }
      </Show>
      <WhatIfForm session={session} partnerId={partnerId} asOf={day} />
    </>
  );
}
