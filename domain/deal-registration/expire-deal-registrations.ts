import * as expired from '../../events/deal-registration-expired.v1';
import * as expiring from '../../events/deal-registration-expiring.v1';
import { addDays } from './deal-conflicts';
import type { DealRegistration } from './deal-registration';
import type { DealRegistrationDeps } from './ports';

const system = { userId: 'system', role: 'admin' } as const;

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** What one run of the daily job did. */
export interface ExpiryRunResult {
  readonly expired: readonly string[];
  readonly reminded: readonly string[];
  /** Registrations changed by someone else during the run: the next run looks at them again. */
  readonly skipped: readonly string[];
}

/**
 * The daily job. Main course: the registrations under protection that end within `reminderDays` are read
 * from the expiry index (never a scan) → one whose last protected day is before today expires
 * (`DealRegistrationExpired`) → one not yet reminded for its current window gets a reminder in the outbox the
 * portal reads (its partner and the channel managers) and `DealRegistrationExpiring`,
 * and the window it was reminded for is stored so the reminder goes out once (again after an extension).
 * Every write is conditional on status and version: a registration won meanwhile is left alone.
 */
export async function expireDealRegistrations(
  deps: DealRegistrationDeps,
  options: { readonly reminderDays: number; readonly pageSize?: number },
): Promise<ExpiryRunResult> {
  const now = deps.clock();
  const today = now.toISOString().slice(0, 10);
  const result = { expired: [] as string[], reminded: [] as string[], skipped: [] as string[] };
  const due: DealRegistration[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.registrations.protectedThrough(addDays(today, options.reminderDays), {
      limit: options.pageSize ?? 100,
      cursor,
    });
    due.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  for (const registration of due) {
    const until = registration.protectedUntil;
    if (until === undefined) continue;
    if (until < today) {
      const next: DealRegistration = {
        ...registration,
        status: 'expired',
        history: [
          ...registration.history,
          { at: now.toISOString(), by: system, from: registration.status, to: 'expired' },
        ],
        version: registration.version + 1,
      };
      if (!(await deps.registrations.replace(next, registration.status))) {
        result.skipped.push(registration.registrationId);
        continue;
      }
      await deps.events.publish({
        source: expired.source,
        detailType: expired.detailType,
        detail: expired.dealRegistrationExpiredV1.parse({
          version: expired.version,
          registrationId: registration.registrationId,
          partnerId: registration.partnerId,
          programId: registration.programId,
          protectedUntil: until,
          occurredAt: now.toISOString(),
        }),
      });
      result.expired.push(registration.registrationId);
    } else if (registration.reminderSentFor !== until) {
      const reminder = {
        registrationId: registration.registrationId,
        partnerId: registration.partnerId,
        programId: registration.programId,
        protectedUntil: until,
        daysLeft: daysBetween(today, until),
        extensionAvailable: registration.status === 'approved' && registration.extension === undefined,
      };
      // Delivered and published before it is recorded: a run that dies between reminds twice rather than
      // never (the outbox keeps one per window whatever happens).
      await deps.reminders.deliver({
        ...reminder,
        customerName: registration.customer.name,
        remindedAt: now.toISOString(),
      });
      await deps.events.publish({
        source: expiring.source,
        detailType: expiring.detailType,
        detail: expiring.dealRegistrationExpiringV1.parse({
          version: expiring.version,
          ...reminder,
          occurredAt: now.toISOString(),
        }),
      });
      const next = { ...registration, reminderSentFor: until, version: registration.version + 1 };
      if (await deps.registrations.replace(next, registration.status)) {
        result.reminded.push(registration.registrationId);
      } else {
        result.skipped.push(registration.registrationId);
      }
    }
  }
  return result;
}
