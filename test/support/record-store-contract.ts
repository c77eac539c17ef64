import { beforeAll, describe, expect, it } from 'vitest';
import type { PartnerData } from '../../domain/partners/partner';
import { AlreadyExistsError, VersionConflictError } from '../../domain/shared/errors';
import type { RecordStore, Stored } from '../../domain/shared/ports';
import { everyPage } from './contract-pages';
import { partnerData } from './master-data-fixtures';

const meta = (version: number) => ({
  version,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

/**
 * The RecordStore contract, run against the in-memory fake (unit suite) and the DynamoDB adapter
 * (integration suite), so that use cases tested on the fake behave the same on the table: one create per id,
 * replace only of the version read, and listings of a group in the order of the ids' bytes (as DynamoDB
 * orders sort keys), each record exactly once across pages.
 */
export function recordStoreContract(label: string, open: () => Promise<RecordStore<PartnerData>>) {
  describe(`${label} keeps the RecordStore contract`, () => {
    let store: RecordStore<PartnerData>;
    const stored = (id: string, version = 1, changes: Partial<PartnerData> = {}): Stored<PartnerData> => ({
      ...partnerData(id, { partnerType: 'buying_group', ...changes }),
      ...meta(version),
    });

    beforeAll(async () => {
      store = await open();
    });

    it('creates a record once and reads back what it stored', async () => {
      await store.create(stored('CTR-ONCE'));
      await expect(store.create(stored('CTR-ONCE'))).rejects.toBeInstanceOf(AlreadyExistsError);
      expect(await store.get('CTR-ONCE')).toEqual(stored('CTR-ONCE'));
      expect(await store.get('CTR-NONE')).toBeUndefined();
    });

    it('replaces only the version the writer read, and never a record that is not there', async () => {
      await store.create(stored('CTR-VER'));
      await store.replace(stored('CTR-VER', 2, { name: 'Second' }), 1);
      await expect(store.replace(stored('CTR-VER', 2, { name: 'Racer' }), 1)).rejects.toBeInstanceOf(
        VersionConflictError,
      );
      await expect(store.replace(stored('CTR-GHOST', 2), 1)).rejects.toBeInstanceOf(VersionConflictError);
      expect((await store.get('CTR-VER'))?.name).toBe('Second');
    });

    it('lists a group in byte order of the ids ("-" < "." < digits < letters < "_"), each record once across pages', async () => {
      const ids = ['CTL_1', 'CTL1', 'CTL-1', 'CTLA', 'CTL.1'];
      for (const id of ids) await store.create(stored(id));
      await store.create(stored('CTL-OTHER', 1, { partnerType: 'dealer' }));
      const seen = (await everyPage(2, (page) => store.list({ ...page, group: 'buying_group' }))).map(
        (partner) => partner.partnerId,
      );
      expect(seen.filter((id) => id.startsWith('CTL'))).toEqual(['CTL-1', 'CTL.1', 'CTL1', 'CTLA', 'CTL_1']);
    });
  });
}
