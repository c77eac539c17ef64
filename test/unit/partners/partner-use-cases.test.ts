import { describe, expect, it } from 'vitest';
import { createPartner } from '../../../domain/partners/create-partner';
import { getPartner } from '../../../domain/partners/get-partner';
import { listPartners } from '../../../domain/partners/list-partners';
import { type PartnerData, partnerDetailsSchema } from '../../../domain/partners/partner';
import { updatePartner } from '../../../domain/partners/update-partner';
import {
  AlreadyExistsError,
  BusinessRuleError,
  ForbiddenError,
  NotFoundError,
  VersionConflictError,
} from '../../../domain/shared/errors';
import { admin, channelManager, finance, partnerUser } from '../../support/actors';
import { fixedClock, InMemoryRecordStore } from '../../support/in-memory-record-store';
import { partnerData } from '../../support/master-data-fixtures';

function deps() {
  return {
    partners: new InMemoryRecordStore<PartnerData>(
      (p) => p.partnerId,
      (p) => p.partnerType,
    ),
    clock: fixedClock(),
  };
}

describe('createPartner', () => {
  it('stores a new partner at version 1 with timestamps from the clock', async () => {
    const d = deps();
    const created = await createPartner(d, channelManager, partnerData('DIST-1'));
    expect(created).toMatchObject({ partnerId: 'DIST-1', version: 1, createdAt: '2026-03-01T12:00:00.000Z' });
    expect(await d.partners.get('DIST-1')).toEqual(created);
  });

  it('refuses roles that do not maintain master data', async () => {
    await expect(createPartner(deps(), finance, partnerData('DIST-1'))).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(createPartner(deps(), partnerUser('DIST-1'), partnerData('DIST-2'))).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it('refuses an id already taken', async () => {
    const d = deps();
    await createPartner(d, admin, partnerData('DIST-1'));
    await expect(createPartner(d, admin, partnerData('DIST-1'))).rejects.toBeInstanceOf(AlreadyExistsError);
  });

  it('refuses a parent that does not exist, naming the field', async () => {
    const error = await createPartner(deps(), admin, partnerData('RES-1', { parentPartnerId: 'NOPE' })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BusinessRuleError);
    expect((error as BusinessRuleError).issues).toEqual([
      { path: 'parentPartnerId', message: "parent partner 'NOPE' does not exist" },
    ]);
  });
});

describe('updatePartner', () => {
  it('replaces the details and increments the version', async () => {
    const d = deps();
    await createPartner(d, admin, partnerData('DIST-1'));
    const { partnerId: _id, ...details } = partnerData('DIST-1', { name: 'Renamed', status: 'on_hold' });
    const updated = await updatePartner(d, admin, { partnerId: 'DIST-1', expectedVersion: 1, details });
    expect(updated).toMatchObject({ name: 'Renamed', status: 'on_hold', version: 2 });
  });

  it('sets, changes and removes the optional segment, one version each; a segment that is not a code names the field', async () => {
    const d = deps();
    await createPartner(d, admin, partnerData('DIST-1'));
    const { partnerId: _id, ...details } = partnerData('DIST-1');
    const update = (expectedVersion: number, segment?: string) =>
      updatePartner(d, admin, {
        partnerId: 'DIST-1',
        expectedVersion,
        details: segment === undefined ? details : { ...details, segment },
      });

    expect(await update(1, 'SMB')).toMatchObject({ segment: 'SMB', version: 2 });
    expect(await update(2, 'ENTERPRISE')).toMatchObject({ segment: 'ENTERPRISE', version: 3 });
    expect(await update(3)).not.toHaveProperty('segment');
    const refused = partnerDetailsSchema.safeParse({ ...details, segment: 'small business' });
    expect(refused.error?.issues.map((issue) => issue.path)).toEqual([['segment']]);
  });

  it('refuses a stale version', async () => {
    const d = deps();
    await createPartner(d, admin, partnerData('DIST-1'));
    const { partnerId: _id, ...details } = partnerData('DIST-1');
    await updatePartner(d, admin, { partnerId: 'DIST-1', expectedVersion: 1, details });
    await expect(
      updatePartner(d, admin, { partnerId: 'DIST-1', expectedVersion: 1, details }),
    ).rejects.toBeInstanceOf(VersionConflictError);
  });

  it('refuses a parent that would make the hierarchy a cycle', async () => {
    const d = deps();
    await createPartner(d, admin, partnerData('DIST-1'));
    await createPartner(
      d,
      admin,
      partnerData('RES-1', { partnerType: 'reseller', parentPartnerId: 'DIST-1' }),
    );
    const { partnerId: _id, ...details } = partnerData('DIST-1', { parentPartnerId: 'RES-1' });
    await expect(
      updatePartner(d, admin, { partnerId: 'DIST-1', expectedVersion: 1, details }),
    ).rejects.toThrow(/itself or below it/);
  });

  it('refuses to make a partner its own parent', async () => {
    const d = deps();
    await createPartner(d, admin, partnerData('DIST-1'));
    const { partnerId: _id, ...details } = partnerData('DIST-1', { parentPartnerId: 'DIST-1' });
    await expect(
      updatePartner(d, admin, { partnerId: 'DIST-1', expectedVersion: 1, details }),
    ).rejects.toBeInstanceOf(BusinessRuleError);
  });
});

describe('partner isolation', () => {
  async function seeded() {
    const d = deps();
    await createPartner(d, admin, partnerData('DIST-1'));
    await createPartner(d, admin, partnerData('DIST-2'));
    return d;
  }

  it('lets a partner user read its own record', async () => {
    const d = await seeded();
    expect((await getPartner(d, partnerUser('DIST-1'), 'DIST-1')).partnerId).toBe('DIST-1');
  });

  it("answers 'not found' for another partner's record", async () => {
    const d = await seeded();
    await expect(getPartner(d, partnerUser('DIST-1'), 'DIST-2')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lists only the caller for a partner user, all partners for staff', async () => {
    const d = await seeded();
    const own = await listPartners(d, partnerUser('DIST-1'), { limit: 25 });
    expect(own.items.map((p) => p.partnerId)).toEqual(['DIST-1']);
    const all = await listPartners(d, finance, { limit: 25 });
    expect(all.items.map((p) => p.partnerId)).toEqual(['DIST-1', 'DIST-2']);
  });
});
