import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../domain/access/actor';
import {
  type EndCustomerData,
  endCustomerRecord,
  newEndCustomerSchema,
  type SegmentPeriod,
  segmentOn,
} from '../../../domain/end-customers/end-customer';
import {
  createEndCustomer,
  endCustomerCatalog,
  updateEndCustomer,
} from '../../../domain/end-customers/end-customer-use-cases';
import { getCatalogRecord } from '../../../domain/master-data/catalog-use-cases';
import { ForbiddenError, VersionConflictError } from '../../../domain/shared/errors';
import { fixedClock, InMemoryRecordStore } from '../../support/in-memory-record-store';

const admin: Actor = { userId: 'u-admin', role: 'admin' };
const finance: Actor = { userId: 'u-fin', role: 'finance' };
const partner: Actor = { userId: 'u-p', role: 'partner', partnerId: 'DIST-001' };

function setup() {
  const endCustomers = new InMemoryRecordStore<EndCustomerData>(
    (customer) => customer.endCustomerId,
    (customer) => `${customer.segment}#`,
  );
  return { endCustomers, clock: fixedClock('2026-11-30T12:00:00.000Z') };
}

const stateU = newEndCustomerSchema.parse({
  endCustomerId: 'EC-STATE-U',
  name: 'State University',
  country: 'US',
  segment: 'EDU',
  webDomain: 'State-U.EDU',
});

describe('end customers', () => {
  it('are created active with one open-ended segment period; the web domain is kept in lower case', async () => {
    const deps = setup();
    const created = await createEndCustomer(deps, admin, stateU);
    expect(created).toMatchObject({
      status: 'active',
      segment: 'EDU',
      webDomain: 'state-u.edu',
      segmentHistory: [{ segment: 'EDU' }],
      version: 1,
    });
    expect(created).not.toHaveProperty('segmentEffectiveFrom');
  });

  it('a reclassification starts from its date (today when absent) and keeps the earlier segment for earlier ship dates', async () => {
    const deps = setup();
    await createEndCustomer(deps, admin, stateU);
    const { endCustomerId: _id, ...details } = stateU;
    const moved = await updateEndCustomer(deps, admin, {
      endCustomerId: 'EC-STATE-U',
      expectedVersion: 1,
      details: { ...details, segment: 'GOV', segmentEffectiveFrom: '2026-07-01' },
    });
    const today = await updateEndCustomer(deps, admin, {
      endCustomerId: 'EC-STATE-U',
      expectedVersion: 2,
      details: { ...details, segment: 'HEALTHCARE' },
    });

    expect(moved.segmentHistory).toEqual([
      { segment: 'EDU' },
      { segment: 'GOV', effectiveFrom: '2026-07-01' },
    ]);
    expect(today.segmentHistory.at(-1)).toEqual({ segment: 'HEALTHCARE', effectiveFrom: '2026-11-30' });
    expect(segmentOn(today.segmentHistory, '2026-06-30')).toBe('EDU');
    expect(segmentOn(today.segmentHistory, '2026-07-01')).toBe('GOV');
    expect(segmentOn(today.segmentHistory, '2026-12-01')).toBe('HEALTHCARE');
  });

  it('a segment dated from some day is in no segment before it', () => {
    const record = endCustomerRecord(
      'EC-1',
      { ...stateU, segmentEffectiveFrom: '2026-03-01' },
      [],
      '2026-11-30',
    );
    expect(segmentOn(record.segmentHistory, '2026-02-28')).toBeUndefined();
    expect(segmentOn(record.segmentHistory, '2026-03-01')).toBe('EDU');
  });

  it('only admins and channel managers write; staff read; a partner reads none (403)', async () => {
    const deps = setup();
    await expect(createEndCustomer(deps, finance, stateU)).rejects.toBeInstanceOf(ForbiddenError);
    await createEndCustomer(deps, { userId: 'u-cm', role: 'channel_manager' }, stateU);
    expect((await getCatalogRecord(endCustomerCatalog(deps), finance, 'EC-STATE-U')).name).toBe(
      'State University',
    );
    await expect(getCatalogRecord(endCustomerCatalog(deps), partner, 'EC-STATE-U')).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it('an update of a stale version is a conflict', async () => {
    const deps = setup();
    await createEndCustomer(deps, admin, stateU);
    const { endCustomerId: _id, ...details } = stateU;
    const update = { endCustomerId: 'EC-STATE-U', expectedVersion: 1, details };
    await updateEndCustomer(deps, admin, update);
    await expect(updateEndCustomer(deps, admin, update)).rejects.toBeInstanceOf(VersionConflictError);
  });

  it('a segment sent with day d changes no ship date before d and holds from d on; one unchanged and undated keeps the history', () => {
    const segment = fc.constantFrom('EDU', 'GOV', 'HEALTHCARE');
    const day = fc.integer({ min: 1, max: 28 }).map((n) => `2026-05-${String(n).padStart(2, '0')}`);
    const change = fc.record({ segment, from: fc.option(day, { nil: undefined }) });
    fc.assert(
      fc.property(segment, fc.array(change, { maxLength: 6 }), change, day, (first, earlier, last, today) => {
        const apply = (
          history: readonly SegmentPeriod[],
          next: { segment: string; from: string | undefined },
        ) =>
          endCustomerRecord(
            'EC-P',
            { ...stateU, segment: next.segment, segmentEffectiveFrom: next.from },
            history,
            today,
          ).segmentHistory;
        const before = earlier.reduce(apply, apply([], { segment: first, from: undefined }));
        const after = apply(before, last);
        if (last.from === undefined && before.at(-1)?.segment === last.segment) {
          expect(after).toEqual(before);
          return;
        }
        const start = last.from ?? today;
        for (let n = 1; n <= 28; n++) {
          const date = `2026-05-${String(n).padStart(2, '0')}`;
          expect(segmentOn(after, date)).toBe(date < start ? segmentOn(before, date) : last.segment);
        }
      }),
    );
  });
});
