import { describe, expect, it } from 'vitest';
import {
  decideExtension,
  requestExtension,
} from '../../../domain/deal-registration/deal-protection-use-cases';
import {
  decideDealRegistration,
  registerDeal,
  submitDealRegistration,
} from '../../../domain/deal-registration/deal-registration-use-cases';
import { listDealReminders } from '../../../domain/deal-registration/deal-reminder';
import { expireDealRegistrations } from '../../../domain/deal-registration/expire-deal-registrations';
import { channelManager, partnerUser } from '../../support/actors';
import { acmeRequest } from './builders';
import { dealDeps } from './fakes';

const p1 = partnerUser('P1');
const page = { limit: 25 };

describe('expiry reminders in the outbox the portal reads', () => {
  it('ACME protected through 2026-05-30: one reminder on 2026-05-16 (14 days left), none on reruns, a second after the extension', async () => {
    const setup = dealDeps();
    const { registration } = await registerDeal(setup.deps, p1, { request: acmeRequest() });
    const id = registration.registrationId;
    await submitDealRegistration(setup.deps, p1, id);
    await decideDealRegistration(setup.deps, channelManager, id, { decision: 'approve' });
    setup.setNow('2026-05-16T03:00:00.000Z');
    await expireDealRegistrations(setup.deps, { reminderDays: 14 });
    await expireDealRegistrations(setup.deps, { reminderDays: 14 });
    expect(setup.reminders).toEqual([
      {
        registrationId: id,
        partnerId: 'P1',
        programId: 'DEALS-2026',
        customerName: 'ACME Inc.',
        protectedUntil: '2026-05-30',
        daysLeft: 14,
        extensionAvailable: true,
        remindedAt: '2026-05-16T03:00:00.000Z',
      },
    ]);
    await requestExtension(setup.deps, p1, id, { activity: 'PO pending' });
    await decideExtension(setup.deps, channelManager, id, { decision: 'approve' }); // → 2026-06-29
    setup.setNow('2026-06-15T03:00:00.000Z');
    await expireDealRegistrations(setup.deps, { reminderDays: 14 });
    expect(setup.reminders.map((each) => [each.protectedUntil, each.extensionAvailable])).toEqual([
      ['2026-05-30', true],
      ['2026-06-29', false],
    ]);

    const own = await listDealReminders(setup.deps, p1, page);
    expect(own.items.map((each) => each.protectedUntil)).toEqual(['2026-06-29', '2026-05-30']);
    expect(await listDealReminders(setup.deps, channelManager, page)).toEqual(own);
    expect((await listDealReminders(setup.deps, partnerUser('P2'), page)).items).toEqual([]);
    expect(
      (await listDealReminders(setup.deps, partnerUser('P2'), { ...page, partnerId: 'P1' })).items,
    ).toEqual([]);
  });
});
