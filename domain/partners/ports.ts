import type { Clock, RecordStore } from '../master-data/ports';
import type { PartnerData } from './partner';

export interface PartnerDeps {
  readonly partners: RecordStore<PartnerData>;
  readonly clock: Clock;
}
