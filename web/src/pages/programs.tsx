import { segment } from '../api';
import type { ProgramProgress, TierProgress } from '../api-types';
import { Money, Show, todayIso, useApiGet } from '../components';
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

/**
 * The partner's programs in force on a day: earned period-to-date and, per tier pool, a bar from the tier
 * reached to the next one with the gap still missing.
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
    </>
  );
}
