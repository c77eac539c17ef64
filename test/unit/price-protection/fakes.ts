import type { PriceProtectionStore } from '../../../domain/price-protection/ports';
import type {
  PriceProtectionLine,
  PriceProtectionRun,
} from '../../../domain/price-protection/price-protection-run';
import type { Page, PageRequest } from '../../../domain/shared/ports';
import { bySortKey, offsetPage } from '../../support/in-memory-pages';

const lineKey = (runId: string, partnerId: string) => `${runId}/${partnerId}`;
/** The index sort key both listings are ordered by (runs, a partner's lines): created, then run id. */
const createdThenRun = bySortKey(
  (item: { createdAt: string; runId: string }) => `${item.createdAt}#${item.runId}`,
);

/** Price protection runs and lines in Maps, in the DynamoDB store's orders, paged by offset. */
export class InMemoryPriceProtectionStore implements PriceProtectionStore {
  readonly runs = new Map<string, PriceProtectionRun>();
  readonly lines = new Map<string, PriceProtectionLine>();
  /** When set, the next line written makes the run "die" right after it, before its claim. */
  failAfterLine = false;

  async getRun(runId: string) {
    return this.runs.get(runId);
  }

  async createRun(run: PriceProtectionRun) {
    if (this.runs.has(run.runId)) return false;
    this.runs.set(run.runId, run);
    return true;
  }

  async saveRun(run: PriceProtectionRun) {
    this.runs.set(run.runId, run);
  }

  async listRuns(page: PageRequest): Promise<Page<PriceProtectionRun>> {
    return offsetPage([...this.runs.values()].sort(createdThenRun), page);
  }

  async getLine(runId: string, partnerId: string) {
    return this.lines.get(lineKey(runId, partnerId));
  }

  async createLine(line: PriceProtectionLine) {
    const key = lineKey(line.runId, line.partnerId);
    if (this.lines.has(key)) return false;
    this.lines.set(key, line);
    if (this.failAfterLine) {
      this.failAfterLine = false;
      throw new Error('the run died');
    }
    return true;
  }

  async replaceLine(next: PriceProtectionLine) {
    const key = lineKey(next.runId, next.partnerId);
    if (this.lines.get(key)?.version !== next.version - 1) return false;
    this.lines.set(key, next);
    return true;
  }

  async linesOfRun(runId: string) {
    return [...this.lines.values()]
      .filter((line) => line.runId === runId)
      .sort(bySortKey((line) => line.partnerId));
  }

  async linesOfPartner(partnerId: string, page: PageRequest): Promise<Page<PriceProtectionLine>> {
    const lines = [...this.lines.values()].filter((line) => line.partnerId === partnerId);
    return offsetPage(lines.sort(createdThenRun), page);
  }
}
