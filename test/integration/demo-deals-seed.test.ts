import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { dealRegistrationStatuses } from '../../domain/deal-registration/deal-registration';
import { createDealRegistrationDeps } from '../../functions/deal-registration/create-deal-registration-deps';
import { loadConfig } from '../../functions/shared/config';
import { seedDemoDeals } from '../../infra/local/demo/seed-demo-deals';
import { createTestTable } from '../support/test-table';

describe('demo deal registrations', () => {
  it('seed one registration in every state, and seeding again changes nothing', async () => {
    await createTestTable();
    const bus = mockClient(EventBridgeClient);
    bus.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: '1' }] });
    const deps = createDealRegistrationDeps({ ...loadConfig(), EVENT_BUS_NAME: 'chrm-test' });
    await seedDemoDeals(deps);
    const stored = async () => {
      const pages = await Promise.all(
        ['DIST-NORTH', 'RES-ACME'].map((partner) =>
          deps.registrations.ofPartner(partner, undefined, { limit: 100 }),
        ),
      );
      return pages
        .flatMap((page) => page.items)
        .sort((a, b) => (a.registrationId < b.registrationId ? -1 : 1));
    };
    const first = await stored();
    expect(new Set(first.map((registration) => registration.status))).toEqual(
      new Set(dealRegistrationStatuses),
    );
    const reasons = first.flatMap((registration) =>
      registration.rejection ? [registration.rejection.code] : [],
    );
    expect(reasons.sort()).toEqual(['decision', 'duplicate', 'houseAccount']);
    await seedDemoDeals(deps);
    expect(await stored()).toEqual(first);
    expect((await deps.houseAccounts.list({ limit: 100 })).items).toHaveLength(1);
    bus.restore();
  });
});
