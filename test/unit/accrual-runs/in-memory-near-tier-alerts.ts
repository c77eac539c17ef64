import type { NearTierAlertStore, StoredNearTierAlert } from '../../../domain/accrual-runs/ports';
import type { Page, PageRequest } from '../../../domain/shared/ports';
import { bySortKey, offsetPage } from '../../support/in-memory-pages';

const keyOf = (alert: Pick<StoredNearTierAlert, 'programId' | 'period' | 'partnerId'>) =>
  `${alert.programId}#${alert.period}#${alert.partnerId}`;

/**
 * Near-tier alerts in a Map with the DynamoDB store's conditions and orders (a program period's by partner,
 * listings by program, period and partner), paged by offset.
 */
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
    return [...this.alerts.values()]
      .filter((alert) => alert.programId === programId && alert.period === period)
      .sort(bySortKey((alert) => alert.partnerId));
  }

  async remove(alert: Pick<StoredNearTierAlert, 'programId' | 'period' | 'partnerId'>): Promise<void> {
    this.alerts.delete(keyOf(alert));
  }

  async list(
    filter: { readonly programId?: string | undefined; readonly partnerId?: string | undefined },
    page: PageRequest,
  ): Promise<Page<StoredNearTierAlert>> {
    const matching = [...this.alerts.values()]
      .filter(
        (alert) =>
          (filter.programId === undefined || alert.programId === filter.programId) &&
          (filter.partnerId === undefined || alert.partnerId === filter.partnerId),
      )
      .sort(bySortKey(keyOf));
    return offsetPage(matching, page);
  }
}
