import { DomainError } from '../shared/errors';

/** Why a whole file was refused, e.g. `{ code: 'missing_columns', message: "missing required column 'quantity'" }`. */
export interface FileRejectionReason {
  readonly code:
    | 'empty_file'
    | 'header_only'
    | 'missing_columns'
    | 'unknown_columns'
    | 'duplicate_columns'
    | 'undecodable'
    | 'unsupported_format'
    | 'wrong_transaction_set'
    | 'malformed'
    | 'too_large';
  readonly message: string;
}

/**
 * The file as a whole cannot be ingested (empty, header only, unknown or missing required columns,
 * undecodable bytes, wrong format). Lines already yielded stay valid; nothing else is read.
 */
export class FileRejectedError extends DomainError {
  constructor(readonly reasons: readonly FileRejectionReason[]) {
    super(reasons.map((reason) => reason.message).join('; '));
  }
}

/** Shorthand for a refusal with one reason. */
export function fileRejected(code: FileRejectionReason['code'], message: string): FileRejectedError {
  return new FileRejectedError([{ code, message }]);
}
