import type { Page, PageRequest } from '../shared/ports';
import type { PriceProtectionLine, PriceProtectionRun } from './price-protection-run';

/** Where runs and their partner lines are kept (table key access patterns 60–64). */
export interface PriceProtectionStore {
  getRun(runId: string): Promise<PriceProtectionRun | undefined>;
  /** Stores a new run; false when its id exists already. */
  createRun(run: PriceProtectionRun): Promise<boolean>;
  /** Replaces a run (its status, totals); unconditional: only the run's own request writes it. */
  saveRun(run: PriceProtectionRun): Promise<void>;
  /** Runs, oldest first, a page at a time. */
  listRuns(page: PageRequest): Promise<Page<PriceProtectionRun>>;
  getLine(runId: string, partnerId: string): Promise<PriceProtectionLine | undefined>;
  /** Stores a new line; false when the partner's line of the run exists already. */
  createLine(line: PriceProtectionLine): Promise<boolean>;
  /** Replaces a line while its stored version is `next.version - 1`; false otherwise. */
  replaceLine(next: PriceProtectionLine): Promise<boolean>;
  /** Every line of a run, by partner. */
  linesOfRun(runId: string): Promise<PriceProtectionLine[]>;
  /** One partner's lines across runs, oldest first. */
  linesOfPartner(partnerId: string, page: PageRequest): Promise<Page<PriceProtectionLine>>;
}
