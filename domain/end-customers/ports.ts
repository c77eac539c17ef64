import type { Clock, RecordStore, Stored } from '../shared/ports';
import type { EndCustomerData } from './end-customer';

/** Where end customers are kept; `getAll` reads many at once (a claim's end customers in one batch). */
export interface EndCustomerStore extends RecordStore<EndCustomerData> {
  /** The records of these ids that exist, by id. */
  getAll(endCustomerIds: readonly string[]): Promise<Map<string, Stored<EndCustomerData>>>;
}

export interface EndCustomerDeps {
  readonly endCustomers: EndCustomerStore;
  readonly clock: Clock;
}
