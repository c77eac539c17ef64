import type { ItemKey, ListIndexKey } from './item-key';

/**
 * Deal registration: registrations, the customer entries of the conflict check, house accounts, policies and
 * expiry reminders.
 *
 * | item              | pk                     | sk                          | gsi1pk                    | gsi1sk                  |
 * |-------------------|------------------------|-----------------------------|---------------------------|-------------------------|
 * | deal registration | DEALREG#<registrationId> | REGISTRATION              | PARTNERDEALS#<p>          | <createdAt>#<registrationId> |
 * | deal content      | DEALREG#CONTENT#<p>#<sha256 of the content> | CONTENT (registrationId) |        |                         |
 * | deal customer entry | DEALCUSTOMER#<match key> | REG#<registrationId> / HOUSE#<houseAccountId> |  |                      |
 * | house account     | HOUSEACCOUNT#<id>      | HOUSEACCOUNT                | HOUSEACCOUNTS             | <id>                    |
 * | deal policy       | DEALPOLICY#<programId> | POLICY                      |                           |                         |
 * | deal reminder     | DEALREMIND#<registrationId> | UNTIL#<protectedUntil> | DEALREMINDERS#<p>         | <remindedAt>#<registrationId> |
 *
 * Deal registrations also carry gsi2 = DEALSTATUS#<status> / <createdAt>#<registrationId> and, while protected
 * (approved, extensionRequested, extended), gsi3 = DEALEXPIRY / <protectedUntil>#<registrationId> (sparse).
 * A deal customer entry's match key is a normalized customer identifier (NAME#<country>#<name>,
 * TAX#<country>#<taxId>, WEB#<domain>: domain/deal-registration/customer-identity.ts); entries are written
 * with their registration or house account and carry what the check needs to skip an entry unread.
 *
 * Access patterns (numbered across the table):
 * 50. a deal registration by id; by its partner and content (duplicate submissions)
 *                                                               → GetItem DEALREG#<id> / DEALREG#CONTENT#<p>#<sha256>
 * 51. a partner's deal registrations, oldest first              → Query gsi1 PARTNERDEALS#<p>
 * 52. deal registrations of one status, oldest first (review)   → Query gsi2 DEALSTATUS#<status>
 * 53. who holds an end customer (conflict check)                → Query pk DEALCUSTOMER#<match key> per key of the
 *     customer (consistent: a registration submitted a moment ago is seen), then BatchGet the registrations it
 *     names; the cost follows how many registered that customer, not how many registrations exist
 * 54. protected registrations whose protection ends by a day   → Query gsi3 DEALEXPIRY, gsi3sk < <day>~ (daily job)
 * 55. house accounts, one or all; a program's deal policy       → GetItem HOUSEACCOUNT#<id> / Query gsi1
 *     HOUSEACCOUNTS / GetItem DEALPOLICY#<programId>
 * 56. expiry reminders of a partner / of every partner, newest first → Query gsi1 DEALREMINDERS#<p> / gsi2
 *     DEALREMINDERS (one item per registration and protection end: a rerun of the job writes none twice)
 */

export const dealRegistrationKey = (registrationId: string): ItemKey => ({
  pk: `DEALREG#${registrationId}`,
  sk: 'REGISTRATION',
});
export const partnerDealsPartition = (partnerId: string) => `PARTNERDEALS#${partnerId}`;
export const dealStatusPartition = (status: string) => `DEALSTATUS#${status}`;
export const dealExpiryPartition = 'DEALEXPIRY';
/** A registration's index keys; the expiry index only while `protectedUntil` is given (it is protected). */
export const dealRegistrationIndexKeys = (registration: {
  readonly registrationId: string;
  readonly partnerId: string;
  readonly status: string;
  readonly createdAt: string;
  readonly protectedUntil?: string | undefined;
}) => {
  const sortKey = `${registration.createdAt}#${registration.registrationId}`;
  return {
    gsi1pk: partnerDealsPartition(registration.partnerId),
    gsi1sk: sortKey,
    gsi2pk: dealStatusPartition(registration.status),
    gsi2sk: sortKey,
    ...(registration.protectedUntil === undefined
      ? {}
      : {
          gsi3pk: dealExpiryPartition,
          gsi3sk: `${registration.protectedUntil}#${registration.registrationId}`,
        }),
  };
};
/** The partner's content digest is hex: the key has no free text. */
export const dealContentKey = (partnerId: string, contentSha256: string): ItemKey => ({
  pk: `DEALREG#CONTENT#${partnerId}#${contentSha256}`,
  sk: 'CONTENT',
});
export const dealCustomerPartition = (matchKey: string) => `DEALCUSTOMER#${matchKey}`;
export const dealCustomerEntryKey = (
  matchKey: string,
  holder: { readonly registrationId: string } | { readonly houseAccountId: string },
): ItemKey => ({
  pk: dealCustomerPartition(matchKey),
  sk: 'registrationId' in holder ? `REG#${holder.registrationId}` : `HOUSE#${holder.houseAccountId}`,
});
export const houseAccountKey = (houseAccountId: string): ItemKey => ({
  pk: `HOUSEACCOUNT#${houseAccountId}`,
  sk: 'HOUSEACCOUNT',
});
export const houseAccountListKey = (houseAccountId: string): ListIndexKey => ({
  gsi1pk: 'HOUSEACCOUNTS',
  gsi1sk: houseAccountId,
});
export const dealPolicyKey = (programId: string): ItemKey => ({
  pk: `DEALPOLICY#${programId}`,
  sk: 'POLICY',
});

// Deal registration expiry reminders (access pattern 56): the outbox the portal reads.
export const dealReminderKey = (registrationId: string, protectedUntil: string): ItemKey => ({
  pk: `DEALREMIND#${registrationId}`,
  sk: `UNTIL#${protectedUntil}`,
});
export const partnerDealRemindersPartition = (partnerId: string) => `DEALREMINDERS#${partnerId}`;
export const allDealRemindersPartition = 'DEALREMINDERS';
export const dealReminderIndexKeys = (reminder: {
  readonly partnerId: string;
  readonly registrationId: string;
  readonly remindedAt: string;
}) => ({
  gsi1pk: partnerDealRemindersPartition(reminder.partnerId),
  gsi1sk: `${reminder.remindedAt}#${reminder.registrationId}`,
  gsi2pk: allDealRemindersPartition,
  gsi2sk: `${reminder.remindedAt}#${reminder.registrationId}`,
});
