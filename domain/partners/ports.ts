import type { Clock, RecordStore } from '../shared/ports';
import type { PartnerData } from './partner';

export interface PartnerDeps {
  readonly partners: RecordStore<PartnerData>;
  readonly clock: Clock;
}
