import type { PartnerData } from '../../../domain/partners/partner';
import { InMemoryRecordStore } from '../../support/in-memory-record-store';
import { recordStoreContract } from '../../support/record-store-contract';

recordStoreContract(
  'The in-memory record store',
  async () =>
    new InMemoryRecordStore<PartnerData>(
      (partner) => partner.partnerId,
      (partner) => partner.partnerType,
    ),
);
