import { callApi, segment } from '../api';
import type { Checkbook, Claim, Page } from '../api-types';
import { ProblemView, Show, useApiGet } from '../components';
import { useFormAction } from '../form-action';
import { navigate } from '../router';
import type { Session } from '../session';

/** One fund a partner may claim from: a program period's fund in one currency, with what is left to claim. */
interface ClaimableFund {
  readonly key: string;
  readonly programId: string;
  readonly period: string;
  readonly fund: string;
  readonly currency: string;
  readonly availableToClaim: string;
}

/** A decimal string above zero ("0.00" and "-12.50" are not). */
const isPositive = (amount: string) => !amount.startsWith('-') && /[1-9]/.test(amount);

/** The program periods of a partner's checkbooks with something left to claim. */
export function claimableFunds(checkbooks: readonly Checkbook[]): ClaimableFund[] {
  return checkbooks.flatMap((book) =>
    book.periods
      .filter((period) => isPositive(period.availableToClaim))
      .map((period) => ({
        key: `${book.programId}/${period.period}/${book.fund}/${book.currency}`,
        programId: book.programId,
        period: period.period,
        fund: book.fund,
        currency: book.currency,
        availableToClaim: period.availableToClaim,
      })),
  );
}

/**
 * A partner submits a rebate claim: it picks one of its funds with money left to claim, the amount and its
 * reference. The API validates it (balance, program, duplicates) and the page then shows the claim, whose
 * status says what validation decided; a refused request shows the API's problem with the field.
 */
export function SubmitClaim({ session }: { session: Session }) {
  const [books] = useApiGet<Page<Checkbook>>(
    session,
    `/partners/${segment(session.partnerId ?? '')}/checkbook`,
  );
  const funds = books.state === 'loaded' ? claimableFunds(books.data.items) : [];
  const action = useFormAction(
    async (form) => {
      const fields = new FormData(form);
      const chosen = funds.find((fund) => fund.key === fields.get('fund'));
      if (!chosen) return;
      const claim = await callApi<Claim>(session.token, 'POST', '/claims', {
        type: 'rebate',
        programId: chosen.programId,
        period: chosen.period,
        fund: chosen.fund,
        currency: chosen.currency,
        lines: [{ amount: String(fields.get('amount')).trim(), reference: String(fields.get('reference')) }],
      });
      navigate(`#/claims/${segment(claim.claimId)}`);
    },
    () => undefined,
  );
  return (
    <section aria-labelledby="submit-claim-heading">
      <h2 id="submit-claim-heading">Submit a claim</h2>
      <Show loaded={books} what="your funds">
        {() => {
          if (funds.length === 0) return <p>Nothing is available to claim yet.</p>;
          return (
            <form class="stack" onSubmit={action.onSubmit}>
              <label>
                Program, period and fund
                <select name="fund" required>
                  {funds.map((fund) => (
                    <option key={fund.key} value={fund.key}>
                      {fund.programId} · {fund.period} · {fund.fund} ({fund.currency} {fund.availableToClaim}{' '}
                      available)
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Amount <input name="amount" inputMode="decimal" required placeholder="125.00" />
              </label>
              <label>
                Reference (invoice, promotion or agreement)
                <input name="reference" required maxLength={100} />
              </label>
              <button type="submit" disabled={action.busy}>
                {action.busy ? 'Submitting…' : 'Submit claim'}
              </button>
            </form>
          );
        }}
      </Show>
      {action.problem && <ProblemView problem={action.problem} />}
    </section>
  );
}
