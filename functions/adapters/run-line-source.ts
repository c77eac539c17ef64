import type { RunLineSource } from '../../domain/accrual-runs/ports';
import type { ChannelSaleLine } from '../../domain/accrual-runs/run-lines';
import type { ChannelLineQueries } from '../../domain/channel-files/ports';
import type { PartnerData } from '../../domain/partners/partner';
import type { RecordStore } from '../../domain/shared/ports';

/** Every partner's sale lines of a month, partner by partner, through the partner-month index. */
export class DynamoRunLineSource implements RunLineSource {
  constructor(
    private readonly partners: RecordStore<PartnerData>,
    private readonly queries: ChannelLineQueries,
  ) {}

  async *salesInMonth(month: string, onlyPartnerId?: string): AsyncIterable<ChannelSaleLine> {
    const partnerIds = onlyPartnerId === undefined ? this.partnerIds() : [onlyPartnerId];
    for await (const partnerId of partnerIds) {
      let cursor: string | undefined;
      do {
        const page = await this.queries.salesInMonth(partnerId, month, { limit: 1000, cursor });
        yield* page.items as unknown as ChannelSaleLine[];
        cursor = page.nextCursor;
      } while (cursor !== undefined);
    }
  }

  private async *partnerIds(): AsyncIterable<string> {
    let cursor: string | undefined;
    do {
      const page = await this.partners.list({ limit: 100, cursor });
      for (const partner of page.items) yield partner.partnerId;
      cursor = page.nextCursor;
    } while (cursor !== undefined);
  }
}
