import { useState } from 'preact/hooks';
import { callApi, segment } from '../api';
import type { ApprovalDecision, ApprovalTask, Page, Problem, RejectionReason } from '../api-types';
import { Money, ProblemView, problemOf, Show, useApiGet } from '../components';
import { href } from '../router';
import type { Session } from '../session';

/** Every rejection reason the API takes, spelled for people (a new code fails the typecheck here). */
const rejectionReasons: Record<RejectionReason, string> = {
  insufficientEvidence: 'Insufficient evidence',
  notEligible: 'Not eligible',
  duplicateClaim: 'Duplicate claim',
  amountNotSupported: 'Amount not supported',
  partnerDidNotAnswer: 'Partner did not answer',
  other: 'Other',
};

function TaskCard({
  session,
  task,
  onDecided,
}: {
  session: Session;
  task: ApprovalTask;
  onDecided: (message: string) => void;
}) {
  const [problem, setProblem] = useState<Problem | undefined>();
  const [busy, setBusy] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  // The inbox's claim summary documents amounts and validation; program, period and submitter come with it
  // (see GET /approvals) and are read as optional.
  const claim = task.claim as ApprovalTask['claim'] & {
    programId?: string;
    period?: string;
    submittedBy?: { userId: string };
  };
  const decide = async (decision: ApprovalDecision, done: string) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await callApi(session.token, 'POST', `/approvals/${segment(task.taskId)}/decision`, decision);
      onDecided(`${done} ${task.claimId}.`);
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };
  const headingId = `task-${task.taskId.replace(/[^\w-]/g, '_')}`;
  return (
    <li class="card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <a href={href('claims', task.claimId)}>{task.claimId}</a>
      </h2>
      <p>
        <strong>{task.partnerId}</strong> claims{' '}
        <Money amount={claim.amountClaimed} currency={claim.currency} /> on {claim.programId ?? '—'} ·{' '}
        {claim.period ?? '—'}
      </p>
      <p class="muted">
        Level {task.levelIndex + 1} of {task.levels.length} ({task.level}) · waiting since{' '}
        <time dateTime={task.createdAt}>{task.createdAt.slice(0, 10)}</time>
        {claim.submittedBy && ` · submitted by ${claim.submittedBy.userId}`}
      </p>
      <p>
        {claim.validationFailures.length === 0
          ? 'Automatic validation passed.'
          : `Automatic validation: ${claim.validationFailures.length} finding(s).`}
      </p>
      {problem && <ProblemView problem={problem} />}
      <div class="actions">
        <button
          type="button"
          aria-label={`Approve ${task.claimId}`}
          disabled={busy}
          onClick={() => decide({ decision: 'approve' }, 'Approved')}
        >
          Approve
        </button>
        <button
          type="button"
          class="secondary"
          disabled={busy}
          aria-expanded={rejecting}
          onClick={() => setRejecting(!rejecting)}
        >
          Reject…
        </button>
      </div>
      {rejecting && (
        <form
          class="stack"
          onSubmit={(event) => {
            event.preventDefault();
            const form = new FormData(event.currentTarget);
            const comment = String(form.get('comment') ?? '').trim();
            void decide(
              {
                decision: 'reject',
                reasonCode: String(form.get('reasonCode')) as RejectionReason,
                ...(comment ? { comment } : {}),
              },
              'Rejected',
            );
          }}
        >
          <label for={`${headingId}-reason`}>Reason</label>
          <select id={`${headingId}-reason`} name="reasonCode" required>
            {Object.entries(rejectionReasons).map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </select>
          <label for={`${headingId}-comment`}>Comment for the partner (optional)</label>
          <textarea id={`${headingId}-comment`} name="comment" rows={2} maxLength={2000} />
          <button type="submit" class="danger" aria-label={`Reject ${task.claimId}`} disabled={busy}>
            Reject
          </button>
        </form>
      )}
    </li>
  );
}

/** The approver's inbox: the Step Functions tasks waiting for the caller's role, oldest first. */
export function Approvals({ session }: { session: Session }) {
  const [tasks, reload] = useApiGet<Page<ApprovalTask>>(session, '/approvals?limit=50');
  const [message, setMessage] = useState<string | undefined>();
  return (
    <>
      <div class="inline-form">
        <h1>Approvals inbox</h1>
        <button type="button" class="secondary" onClick={reload}>
          Refresh
        </button>
      </div>
      <p role="status" class="notice">
        {message ?? ''}
      </p>
      <Show loaded={tasks} what="your inbox">
        {({ items }) =>
          items.length === 0 ? (
            <p>Nothing waits for you.</p>
          ) : (
            <ul class="cards">
              {items.map((task) => (
                <TaskCard
                  key={task.taskId}
                  session={session}
                  task={task}
                  onDecided={(text) => {
                    setMessage(text);
                    reload();
                  }}
                />
              ))}
            </ul>
          )
        }
      </Show>
    </>
  );
}
