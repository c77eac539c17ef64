/** An event as ChRM publishes it: the contract's source, detail type and a detail that passed its schema. */
export interface DomainEvent<T = unknown> {
  readonly source: string;
  readonly detailType: string;
  readonly detail: T;
}
