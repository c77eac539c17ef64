import { useState } from 'preact/hooks';
import { callApi } from './api';
import { ProblemView } from './components';
import { useApiAction } from './form-action';
import type { Session } from './session';

/** One button of a `Decision`: what it POSTs where, the note typed going into its body. */
export interface DecisionChoice {
  readonly label: string;
  readonly path: string;
  readonly body?: (note: string | undefined) => unknown;
  readonly secondary?: boolean;
}

/**
 * A decision on one thing (approve or reject a registration, grant or refuse an extension, won or lost, accept
 * or dispute a claim): a note and one button per choice; the API's problem (a reason it requires, a decision
 * taken meanwhile) is shown, a success tells `onDone`.
 */
export function Decision({
  session,
  id,
  heading,
  noteLabel,
  choices,
  onDone,
}: {
  session: Session;
  id: string;
  heading: string;
  noteLabel: string;
  choices: readonly DecisionChoice[];
  onDone: () => void;
}) {
  const [note, setNote] = useState('');
  const { busy, problem, run } = useApiAction();
  const decide = async (choice: DecisionChoice) => {
    const text = note.trim() || undefined;
    const done = await run(() => callApi(session.token, 'POST', choice.path, choice.body?.(text)));
    if (done) onDone();
  };
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      <div class="stack">
        <label for={`${id}-note`}>{noteLabel}</label>
        <textarea
          id={`${id}-note`}
          rows={2}
          value={note}
          onInput={(event) => setNote(event.currentTarget.value)}
        />
        <div class="actions">
          {choices.map((choice) => (
            <button
              type="button"
              key={choice.label}
              class={choice.secondary ? 'secondary' : undefined}
              disabled={busy}
              onClick={() => void decide(choice)}
            >
              {choice.label}
            </button>
          ))}
        </div>
      </div>
      {problem && <ProblemView problem={problem} />}
    </section>
  );
}
