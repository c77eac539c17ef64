import type { Role } from '../access/actor';
import type { EscalationPolicy } from './approval-policy';

/** Who a waiting task goes to when its role let it wait too long: approver → finance → admin. */
const escalatesTo: Partial<Record<Role, Role>> = { approver: 'finance', finance: 'admin' };

/** Who the next wait of a timed-out task is for, and how many reminders it has had. */
export interface WaitingFor {
  readonly role: Role;
  readonly reminders: number;
}

/** What happens to a task that waited a reminder interval without a decision. */
export type Escalation =
  | { readonly kind: 'remind'; readonly next: WaitingFor }
  | { readonly kind: 'escalate'; readonly from: Role; readonly next: WaitingFor };

/**
 * A timed-out task first earns reminders (same role) up to the policy's count, then moves one role up,
 * where the count starts again. An admin task, having nowhere higher to go, is only reminded.
 */
export function escalationOf(waiting: WaitingFor, policy: EscalationPolicy): Escalation {
  const higher = escalatesTo[waiting.role];
  if (waiting.reminders < policy.remindersBeforeEscalation || higher === undefined) {
    return { kind: 'remind', next: { role: waiting.role, reminders: waiting.reminders + 1 } };
  }
  return { kind: 'escalate', from: waiting.role, next: { role: higher, reminders: 0 } };
}
