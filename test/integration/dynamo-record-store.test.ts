import { DeleteCommand, type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EndCustomerData } from '../../domain/end-customers/end-customer';
import type { PartnerData } from '../../domain/partners/partner';
import { AlreadyExistsError, ValidationError, VersionConflictError } from '../../domain/shared/errors';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import type { DynamoRecordStore } from '../../functions/adapters/dynamo-record-store';
import { masterDataStores } from '../../functions/adapters/master-data-stores';
import { UnreadableItemError } from '../../functions/adapters/read-back';
import { partnerKey, partnerListKey } from '../../functions/adapters/table-keys/master-data';
import { loadConfig } from '../../functions/shared/config';
import { partnerData } from '../support/master-data-fixtures';
import { recordStoreContract } from '../support/record-store-contract';
import { createTestTable } from '../support/test-table';

const meta = (version: number) => ({
  version,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});
let partners: DynamoRecordStore<PartnerData>;
let endCustomers: DynamoRecordStore<EndCustomerData>;
let client: DynamoDBDocumentClient;
let tableName: string;

beforeAll(async () => {
  await createTestTable();
  const config = loadConfig();
  client = createDocumentClient(config);
  tableName = config.TABLE_NAME;
  ({ partners, endCustomers } = masterDataStores(client, tableName));
});

describe('DynamoRecordStore', () => {
  it('round-trips a record without leaking storage keys', async () => {
    const record = { ...partnerData('RT-1', { parentPartnerId: undefined }), ...meta(1) };
    await partners.create(record);
    const read = await partners.get('RT-1');
    expect(read).toEqual(record);
    expect(read).not.toHaveProperty('pk');
    expect(read).not.toHaveProperty('type');
  });

  it('creates a record only once', async () => {
    await partners.create({ ...partnerData('ONCE-1'), ...meta(1) });
    await expect(partners.create({ ...partnerData('ONCE-1'), ...meta(1) })).rejects.toBeInstanceOf(
      AlreadyExistsError,
    );
  });

  it('replaces only the version the writer read (conditional write)', async () => {
    await partners.create({ ...partnerData('VER-1'), ...meta(1) });
    await partners.replace({ ...partnerData('VER-1', { name: 'Second' }), ...meta(2) }, 1);
    await expect(
      partners.replace({ ...partnerData('VER-1', { name: 'Racer' }), ...meta(2) }, 1),
    ).rejects.toBeInstanceOf(VersionConflictError);
    expect((await partners.get('VER-1'))?.name).toBe('Second');
  });

  it('will not replace a record that does not exist', async () => {
    await expect(partners.replace({ ...partnerData('GHOST'), ...meta(2) }, 1)).rejects.toBeInstanceOf(
      VersionConflictError,
    );
  });

  it('pages through a group in key order with opaque cursors', async () => {
    for (const id of ['PG-3', 'PG-1', 'PG-2']) {
      await partners.create({ ...partnerData(id, { partnerType: 'oem' }), ...meta(1) });
    }
    const first = await partners.list({ limit: 2, group: 'oem' });
    expect(first.items.map((p) => p.partnerId)).toEqual(['PG-1', 'PG-2']);
    expect(first.nextCursor).toBeDefined();
    const second = await partners.list({ limit: 2, group: 'oem', cursor: first.nextCursor });
    expect(second.items.map((p) => p.partnerId)).toEqual(['PG-3']);
  });

  it('refuses to read back an item that does not hold what its schema says, naming its key and field', async () => {
    const record = { ...partnerData('BAD-1', { partnerType: 'oem' }), ...meta(1) };
    const item = { ...record, ...partnerKey('BAD-1'), ...partnerListKey('oem', 'BAD-1'), type: 'Partner' };
    await client.send(new PutCommand({ TableName: tableName, Item: { ...item, partnerType: 'wholesaler' } }));
    const read = partners.get('BAD-1');
    await expect(read).rejects.toBeInstanceOf(UnreadableItemError);
    await expect(read).rejects.toThrow(/pk=PARTNER#BAD-1 sk=PROFILE is unreadable: partnerType:/);
    await client.send(new PutCommand({ TableName: tableName, Item: { ...item, version: '1' } }));
    await expect(partners.list({ limit: 10, group: 'oem' })).rejects.toThrow(/BAD-1 .*: version:/);
    await client.send(new DeleteCommand({ TableName: tableName, Key: partnerKey('BAD-1') }));
  });

  it('refuses a cursor it did not issue', async () => {
    await expect(partners.list({ limit: 2, cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('the end-customer store', () => {
  const endCustomer = (endCustomerId: string, segment: string): EndCustomerData => ({
    endCustomerId,
    name: `Customer ${endCustomerId}`,
    country: 'US',
    segment,
    status: 'active',
    segmentHistory: [{ segment: 'GOV' }, { segment, effectiveFrom: '2026-07-01' }],
  });

  it('lists the end customers now in a segment, and reads 150 ids in batches: those it holds, by id', async () => {
    const ids = Array.from({ length: 120 }, (_, n) => `ECS-${String(n).padStart(3, '0')}`);
    await Promise.all(
      ids.map((id, n) =>
        endCustomers.create({ ...endCustomer(id, n % 2 === 0 ? 'EDU' : 'HEALTHCARE'), ...meta(1) }),
      ),
    );

    const edu = await endCustomers.list({ limit: 100, group: 'EDU' });
    const found = await endCustomers.getAll([
      ...ids,
      ...Array.from({ length: 30 }, (_, n) => `ECS-NONE-${n}`),
    ]);

    expect(edu.items).toHaveLength(60);
    expect(edu.items.every((each) => each.segment === 'EDU')).toBe(true);
    expect(found.size).toBe(120);
    expect(found.get('ECS-001')).toEqual({ ...endCustomer('ECS-001', 'HEALTHCARE'), ...meta(1) });
  });
});

recordStoreContract('DynamoRecordStore', async () => partners);
