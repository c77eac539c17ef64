import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { AccrualRunRecord } from '../../domain/accrual-runs/accrual-run';
import type { AccountingPeriod } from '../../domain/ledger/accounting-period';
import type { ManualAdjustment } from '../../domain/ledger/manual-adjustment';
import { programStatusSchema } from '../../domain/programs/program';
import type {
  ProgramRecord,
  ProgramVersionId,
  ProgramVersionRecord,
} from '../../domain/programs/program-record';
import { currencyCodeSchema } from '../../domain/shared/money/money';
import { DynamoRecordStore, type RecordItemSpec } from './dynamo-record-store';
import { storedRecordSchema } from './read-back';
import {
  accrualRunKey,
  accrualRunListKey,
  programKey,
  programListKey,
  programVersionKey,
  programVersionListKey,
  programVersionsPartition,
} from './table-keys/accruals';
import {
  accountingPeriodKey,
  accountingPeriodListKey,
  adjustmentKey,
  adjustmentListKey,
} from './table-keys/ledger';

const programSpec: RecordItemSpec<ProgramRecord> = {
  type: 'Program',
  schema: storedRecordSchema<ProgramRecord>()({
    programId: z.string().min(1),
    name: z.string(),
    status: programStatusSchema,
  }),
  keyOf: programKey,
  idOf: (program) => program.programId,
  listKeyOf: (program) => programListKey(program.status, program.programId),
  listScope: (status) => ({ gsi1pk: 'PROGRAMS', ...(status === undefined ? {} : { prefix: `${status}#` }) }),
};

const programVersionSpec: RecordItemSpec<ProgramVersionRecord, ProgramVersionId> = {
  type: 'ProgramVersion',
  schema: storedRecordSchema<ProgramVersionRecord>()({
    programId: z.string().min(1),
    programVersion: z.number().int().positive(),
    activatedFrom: z.number().int().positive(),
  }),
  keyOf: (id) => programVersionKey(id.programId, id.programVersion),
  idOf: (version) => ({ programId: version.programId, programVersion: version.programVersion }),
  listKeyOf: (version) => programVersionListKey(version.programId, version.programVersion),
  listScope: (programId) => {
    if (programId === undefined) throw new Error('Program versions are listed per program');
    return { gsi1pk: programVersionsPartition(programId) };
  },
};

const accrualRunSpec: RecordItemSpec<AccrualRunRecord> = {
  type: 'AccrualRun',
  schema: storedRecordSchema<AccrualRunRecord>()({
    runId: z.string().min(1),
    status: z.enum(['requested', 'running', 'completed', 'failed']),
    accountingDate: z.string().min(1),
  }),
  keyOf: accrualRunKey,
  idOf: (run) => run.runId,
  listKeyOf: (run) => accrualRunListKey(run.runId),
  listScope: () => ({ gsi1pk: 'RUNS' }),
};

const adjustmentSpec: RecordItemSpec<ManualAdjustment> = {
  type: 'ManualAdjustment',
  schema: storedRecordSchema<ManualAdjustment>()({
    adjustmentId: z.string().min(1),
    status: z.enum(['requested', 'approved', 'rejected']),
    amount: z.string(),
    currency: currencyCodeSchema,
  }),
  keyOf: adjustmentKey,
  idOf: (adjustment) => adjustment.adjustmentId,
  listKeyOf: (adjustment) => adjustmentListKey(adjustment.status, adjustment.adjustmentId),
  listScope: (status) => ({
    gsi1pk: 'ADJUSTMENTS',
    ...(status === undefined ? {} : { prefix: `${status}#` }),
  }),
};

const accountingPeriodSpec: RecordItemSpec<AccountingPeriod> = {
  type: 'AccountingPeriod',
  schema: storedRecordSchema<AccountingPeriod>()({
    month: z.string().min(1),
    status: z.enum(['open', 'closed']),
  }),
  keyOf: accountingPeriodKey,
  idOf: (period) => period.month,
  listKeyOf: (period) => accountingPeriodListKey(period.month),
  listScope: () => ({ gsi1pk: 'ACCOUNTINGPERIODS' }),
};

export function accrualStores(client: DynamoDBDocumentClient, tableName: string) {
  return {
    programs: new DynamoRecordStore(client, tableName, programSpec),
    programVersions: new DynamoRecordStore(client, tableName, programVersionSpec),
    runs: new DynamoRecordStore(client, tableName, accrualRunSpec),
    adjustments: new DynamoRecordStore(client, tableName, adjustmentSpec),
    accountingPeriods: new DynamoRecordStore(client, tableName, accountingPeriodSpec),
  };
}
