import type { NearTierAlertStore, StoredNearTierAlert } from '../../../domain/accrual-runs/ports';
import type { Page, PageRequest } from '../../../domain/shared/ports';

const keyOf = (alert: Pick<StoredNearTierAlert, 'programId' | 'period' | 'partnerId'>) =>
  `${alert.programId}#${alert.period}#${alert.partnerId}`;

/** Near-tier alerts in a Map with the DynamoDB store's conditions, paged by offset. */
export class InMemoryNearTierAlerts implements NearTierAlertStore {
  readonly alerts = new Map<string, StoredNearTierAlert>();

  async save(alert: StoredNearTierAlert): Promise<boolean> {
    const stored = this.alerts.get(keyOf(alert));
    if (stored !== undefined && stored.runId === alert.runId && stored.publishedAt !== null) return false;
    if (stored !== undefined && stored.runId !== alert.runId && stored.runCompletedAt > alert.runCompletedAt)
      return false;
    this.alerts.set(keyOf(alert), alert);
    return true;
  }

  async markPublished(alert: StoredNearTierAlert, publishedAt: string): Promise<void> {
    const stored = this.alerts.get(keyOf(alert));
    if (stored?.runId === alert.runId) this.alerts.set(keyOf(alert), { ...stored, publishedAt });
  }

  async ofProgramPeriod(programId: string, period: string): Promise<StoredNearTierAlert[]> {
    return [...this.alerts.values()].filter(
      (alert) => alert.programId === programId && alert.period === period,
    );
  }

  async remove(alert: Pick<StoredNearTierAlert, 'programId' | 'period' | 'partnerId'>): Promise<void> {
    this.alerts.delete(keyOf(alert));
  }

  async list(
    filter: { readonly programId?: string | undefined; readonly partnerId?: string | undefined },
    page: PageRequest,
  ): Promise<Page<StoredNearTierAlert>> {
    const matching = [...this.alerts.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, alert]) => alert)
      .filter(
        (alert) =>
          (filter.programId === undefined || alert.programId === filter.programId) &&
          (filter.partnerId === undefined || alert.partnerId === filter.partnerId),
      );
    const start = Number(page.cursor ?? 0);
    const items = matching.slice(start, start + page.limit);
    const next = start + page.limit;
    return next < matching.length ? { items, nextCursor: String(next) } : { items };
  }
}
