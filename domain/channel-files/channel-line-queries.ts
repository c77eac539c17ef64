import type { Actor } from '../access/actor';
import { csvDocument } from '../shared/csv-export';
import type { Page, PageRequest, RecordStore } from '../shared/ports';
import type { ChannelFileData } from './channel-file';
import { channelDataPartner, getChannelFile, type ProductWindowQuery } from './channel-file-queries';
import type { ChannelLineQueries, StoredLine } from './ports';

export interface LineQueryDeps {
  readonly files: RecordStore<ChannelFileData>;
  readonly queries: ChannelLineQueries;
}

/** The normalized lines a file brought, in line order within each shard. */
export async function linesOfFile(deps: LineQueryDeps, actor: Actor, fileId: string, page: PageRequest) {
  const file = await getChannelFile(deps.files, actor, fileId);
  return deps.queries.fileLines(file.fileId, page);
}

/** The rejected lines of a file, with their raw content and reasons. */
export async function rejectionsOfFile(deps: LineQueryDeps, actor: Actor, fileId: string, page: PageRequest) {
  const file = await getChannelFile(deps.files, actor, fileId);
  return deps.queries.fileRejections(file.fileId, page);
}

/** Every rejection of a file as a CSV a partner can fix and re-send (formula injection escaped). */
export async function rejectionReportCsv(deps: LineQueryDeps, actor: Actor, fileId: string): Promise<string> {
  const file = await getChannelFile(deps.files, actor, fileId);
  const rows: unknown[][] = [];
  let cursor: string | undefined;
  do {
    const page: Page<StoredLine> = await deps.queries.fileRejections(file.fileId, { limit: 1000, cursor });
    for (const line of page.items) {
      const reasons = (line.reasons as { field: string; message: string }[] | undefined) ?? [];
      rows.push([line.sourceLineNumber, reasons.map((r) => `${r.field}: ${r.message}`).join('; '), line.raw]);
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  rows.sort((a, b) => Number(a[0]) - Number(b[0]));
  return csvDocument(['line', 'reasons', 'raw'], rows);
}

/** A partner's sale lines invoiced in a month (`YYYY-MM`). */
export async function salesInMonth(
  deps: LineQueryDeps,
  actor: Actor,
  input: { readonly partnerId?: string | undefined; readonly month: string; readonly page: PageRequest },
) {
  const partnerId = channelDataPartner(actor, input.partnerId);
  return deps.queries.salesInMonth(partnerId, input.month, input.page);
}

/** A partner's sale lines of one product between two invoice dates (inclusive). */
export async function salesOfProduct(
  deps: LineQueryDeps,
  actor: Actor,
  input: ProductWindowQuery & { readonly page: PageRequest },
) {
  const partnerId = channelDataPartner(actor, input.partnerId);
  return deps.queries.salesOfProduct(partnerId, input.sku, input.from, input.to, input.page);
}
