/** One field-level problem, with the path into the request body (e.g. `sites.0.country`). */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * Base of every error the domain raises on purpose. The HTTP layer maps subclasses to status codes by
 * `instanceof`; anything that is not a DomainError is an unexpected fault and becomes an opaque 500.
 */
export abstract class DomainError extends Error {
  override get name(): string {
    return this.constructor.name;
  }
}

/** The request is well-formed but breaks a business rule or a field constraint (HTTP 400/422). */
export class ValidationError extends DomainError {
  constructor(
    message: string,
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message);
  }
}

/** A business rule refuses the request although every field is valid (HTTP 422). */
export class BusinessRuleError extends DomainError {
  constructor(
    message: string,
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message);
  }
}

/** No record, or one the caller may not know exists (HTTP 404). */
export class NotFoundError extends DomainError {}

/** The record already exists (HTTP 409). */
export class AlreadyExistsError extends DomainError {}

/** The record is not in a state that allows this action, e.g. retrying a completed file (HTTP 409). */
export class StateConflictError extends DomainError {}

/** The caller's copy is stale: the stored version differs from the one it read (HTTP 412). */
export class VersionConflictError extends DomainError {
  constructor(
    message: string,
    readonly currentVersion: number | undefined,
  ) {
    super(message);
  }
}

/** The caller is authenticated but its role may not do this (HTTP 403). */
export class ForbiddenError extends DomainError {}
