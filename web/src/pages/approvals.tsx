import type { ComponentChildren } from 'preact';
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

interface TaskCardProps {
  session: Session;
  task: ApprovalTask;
  onDecided: (message: string) => void;
}

/** A card's decision: posted to the task, the problem shown when the API refuses it. */
function useDecision({ session, task, onDecided }: TaskCardProps) {
  const [problem, setProblem] = useState<Problem | undefined>();
  const [busy, setBusy] = useState(false);
  const decide = async (decision: unknown, done: string) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await callApi(session.token, 'POST', `/approvals/${segment(task.taskId)}/decision`, decision);
      onDecided(`${done} ${task.subject.id}.`);
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };
  return { problem, busy, decide, headingId: `task-${task.taskId.replace(/[^\w-]/g, '_')}` };
}

/**
 * A card's actions: approve at once, or open the rejection form, whose reason fields are the card's
 * (`children`) and whose submit hands them over as form data.
 */
function DecisionControls(props: {
  id: string;
  busy: boolean;
  onApprove: () => void;
  onReject: (form: FormData) => void;
  children: ComponentChildren;
}) {
  const [rejecting, setRejecting] = useState(false);
  return (
    <>
      <div class="actions">
        <button
          type="button"
          aria-label={`Approve ${props.id}`}
          disabled={props.busy}
          onClick={props.onApprove}
        >
          Approve
        </button>
        <button
          type="button"
          class="secondary"
          disabled={props.busy}
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
            props.onReject(new FormData(event.currentTarget));
          }}
        >
          {props.children}
          <button type="submit" class="danger" aria-label={`Reject ${props.id}`} disabled={props.busy}>
            Reject
          </button>
        </form>
      )}
    </>
  );
}

/** What a request task asks, spelled for people; a new subject kind fails the typecheck here. */
const requestKinds: Record<Exclude<ApprovalTask['subject']['kind'], 'claim'>, RequestKind> = {
  fundRequest: { label: 'Fund request', page: 'funds', rejectField: 'reason' },
  debitAuthorizationRequest: {
    label: 'Special pricing request',
    page: 'ship-and-debit',
    rejectField: 'comment',
  },
};
interface RequestKind {
  readonly label: string;
  /** The page that lists it. */
  readonly page: string;
  /** The field a rejection's reason goes in (the request kind's decision schema). */
  readonly rejectField: 'reason' | 'comment';
}

/** A fund request or a debit authorization request waiting for a level: approve as asked, or reject with a reason. */
function RequestTaskCard(props: TaskCardProps) {
  const { task } = props;
  const { problem, busy, decide, headingId } = useDecision(props);
  const { subject } = task;
  const kind = subject.kind === 'claim' ? undefined : requestKinds[subject.kind];
  if (kind === undefined) return null;
  return (
    <li class="card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {kind.label} <a href={href(kind.page)}>{subject.id}</a>
      </h2>
      <p>
        <strong>{subject.partnerId}</strong>: {subject.summary}
        {subject.amount !== undefined && (
          <>
            {' '}
            · <Money amount={subject.amount} currency={subject.currency} />
          </>
        )}
      </p>
      <p class="muted">
        Level {task.levelIndex + 1} of {task.levels.length} ({task.level}) · waiting since{' '}
        <time dateTime={task.createdAt}>{task.createdAt.slice(0, 10)}</time>
      </p>
      {problem && <ProblemView problem={problem} />}
      <DecisionControls
        id={subject.id}
        busy={busy}
        onApprove={() => decide({ decision: 'approve' }, 'Approved')}
        onReject={(form) =>
          decide(
            { decision: 'reject', [kind.rejectField]: String(form.get('reason') ?? '').trim() },
            'Rejected',
          )
        }
      >
        <label for={`${headingId}-reason`}>Reason for the partner</label>
        <textarea id={`${headingId}-reason`} name="reason" rows={2} maxLength={500} required />
      </DecisionControls>
    </li>
  );
}

function TaskCard(props: TaskCardProps) {
  return props.task.subject.kind === 'claim' ? <ClaimTaskCard {...props} /> : <RequestTaskCard {...props} />;
}

function ClaimTaskCard(props: TaskCardProps) {
  const { task } = props;
  const { problem, busy, decide: post, headingId } = useDecision(props);
  const decide = (decision: ApprovalDecision, done: string) => post(decision, done);
  // The inbox's claim summary documents amounts and validation; program, period and submitter come with it
  // (see GET /approvals) and are read as optional.
  const claim = task.claim as NonNullable<ApprovalTask['claim']> & {
    programId?: string;
    period?: string;
    submittedBy?: { userId: string };
  };
  const claimId = task.claimId ?? task.subject.id;
  return (
    <li class="card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <a href={href('claims', claimId)}>{claimId}</a>
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
      <DecisionControls
        id={claimId}
        busy={busy}
        onApprove={() => decide({ decision: 'approve' }, 'Approved')}
        onReject={(form) => {
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
      </DecisionControls>
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
