import { useState } from 'preact/hooks';
import { callApi, segment } from '../api';
import type { Checkbook, Claim, Page, Problem } from '../api-types';
import { ProblemView, problemOf, Show, useApiGet } from '../components';
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
  const [problem, setProblem] = useState<Problem | undefined>();
  const [sending, setSending] = useState(false);
  return (
    <section aria-labelledby="submit-claim-heading">
      <h2 id="submit-claim-heading">Submit a claim</h2>
      <Show loaded={books} what="your funds">
        {({ items }) => {
          const funds = claimableFunds(items);
          if (funds.length === 0) return <p>Nothing is available to claim yet.</p>;
          const submit = async (event: Event) => {
            event.preventDefault();
            const form = new FormData(event.currentTarget as HTMLFormElement);
            const chosen = funds.find((fund) => fund.key === form.get('fund'));
            if (!chosen) return;
            setSending(true);
            setProblem(undefined);
            try {
              const claim = await callApi<Claim>(session.token, 'POST', '/claims', {
                type: 'rebate',
                programId: chosen.programId,
                period: chosen.period,
                fund: chosen.fund,
                currency: chosen.currency,
                lines: [
                  { amount: String(form.get('amount')).trim(), reference: String(form.get('reference')) },
                ],
              });
              navigate(`#/claims/${segment(claim.claimId)}`);
            } catch (error) {
              setProblem(problemOf(error));
            } finally {
              setSending(false);
            }
          };
          return (
            <form class="stack" onSubmit={submit}>
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
              <button type="submit" disabled={sending}>
                {sending ? 'Submitting…' : 'Submit claim'}
              </button>
            </form>
          );
        }}
      </Show>
      {problem && <ProblemView problem={problem} />}
    </section>
  );
}
