import {
  deductionImportResponseSchema,
  deductionImportSchema,
  deductionListQuerySchema,
  deductionMatchResponseSchema,
  deductionMatchSchema,
  deductionResponseSchema,
  deductionWriteOffSchema,
} from './deduction-schemas';
import { pageOf } from './record-response-schemas';
import type { RouteSpec } from './route-spec';

/** Deductions: imported from receivables, matched to claims (settling them without a payment) or written off. */
export const deductionRoutes: readonly RouteSpec[] = [
  {
    method: 'POST',
    path: '/deductions',
    entry: 'functions/api/deductions/import-deductions.ts',
    operationId: 'importDeductions',
    success: [200],
    problems: [422],
    summary:
      'Import deductions from a receivables CSV (finance): bad lines rejected, repeated lines duplicates, unique matches settled at once',
    body: deductionImportSchema,
    response: deductionImportResponseSchema,
  },
  {
    method: 'GET',
    path: '/deductions',
    entry: 'functions/api/deductions/list-deductions.ts',
    operationId: 'listDeductions',
    success: [200],
    summary: 'Deductions of one status, oldest first (staff); `open` is the aging report with age and bucket',
    query: deductionListQuerySchema,
    response: pageOf(deductionResponseSchema),
  },
  {
    method: 'GET',
    path: '/deductions/{deductionId}',
    entry: 'functions/api/deductions/get-deduction.ts',
    operationId: 'getDeduction',
    success: [200],
    summary: 'One deduction (staff)',
    response: deductionResponseSchema,
  },
  {
    method: 'POST',
    path: '/deductions/{deductionId}/match',
    entry: 'functions/api/deductions/match-deduction.ts',
    operationId: 'matchDeduction',
    success: [200],
    problems: [409, 422],
    summary:
      'Match an open deduction to payable claims of its partner, one or split (finance): the claims are settled without a payment',
    body: deductionMatchSchema,
    response: deductionMatchResponseSchema,
  },
  {
    method: 'POST',
    path: '/deductions/{deductionId}/write-off',
    entry: 'functions/api/deductions/write-off-deduction.ts',
    operationId: 'writeOffDeduction',
    success: [200],
    problems: [409, 422],
    summary: 'Write an open deduction off with a reason code (finance); posts nothing',
    body: deductionWriteOffSchema,
    response: deductionResponseSchema,
  },
];
