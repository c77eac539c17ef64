import { createHash } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { customerMatchKeys } from '../../domain/deal-registration/customer-identity';
import type {
  DealRegistration,
  DealRegistrationPolicy,
  DealRegistrationStatus,
  DealReminder,
  HouseAccount,
} from '../../domain/deal-registration/deal-registration';
import { protectedStatuses } from '../../domain/deal-registration/deal-registration';
import type {
  CustomerHolders,
  DealPolicyStore,
  DealRegistrationCreation,
  DealRegistrationStore,
  DealReminderOutbox,
  HouseAccountStore,
} from '../../domain/deal-registration/ports';
import type { Page, PageRequest } from '../../domain/shared/ports';
import {
  houseAccountHeldBy,
  houseAccountOf,
  policyOf,
  registrationOf,
  reminderOf,
} from './deal-registration-items';
import { getAll } from './dynamo-batch';
import { allItems, getItem, type PartitionQuery, pageMapped, partitionPage, putIf } from './table-access';
import {
  allDealRemindersPartition,
  dealContentKey,
  dealCustomerEntryKey,
  dealCustomerPartition,
  dealExpiryPartition,
  dealPolicyKey,
  dealRegistrationIndexKeys,
  dealRegistrationKey,
  dealReminderIndexKeys,
  dealReminderKey,
  dealStatusPartition,
  houseAccountKey,
  houseAccountListKey,
  partnerDealRemindersPartition,
  partnerDealsPartition,
} from './table-keys/deal-registration';

type Item = Record<string, unknown>;

/** The stored item of a registration: in the expiry index (gsi3) only while it is protected. */
export function dealRegistrationItem(registration: DealRegistration): Item {
  const isProtected = (protectedStatuses as readonly string[]).includes(registration.status);
  return {
    ...registration,
    ...dealRegistrationKey(registration.registrationId),
    ...dealRegistrationIndexKeys({
      ...registration,
      protectedUntil: isProtected ? registration.protectedUntil : undefined,
    }),
    type: 'DealRegistration',
  };
}

/**
 * The customer entries of a registration, one per match key. They never change (the customer and products
 * of a registration are fixed once made), so they carry the partner and SKUs the check uses to skip an entry.
 */
export function dealCustomerEntries(registration: DealRegistration): Item[] {
  return customerMatchKeys(registration.customer).map((key) => ({
    ...dealCustomerEntryKey(key.value, registration),
    type: 'DealCustomerEntry',
    registrationId: registration.registrationId,
    partnerId: registration.partnerId,
    skus: registration.products.map((product) => product.sku),
  }));
}

const houseEntries = (house: HouseAccount): Item[] =>
  customerMatchKeys(house.customer).map((key) => ({
    ...dealCustomerEntryKey(key.value, house),
    type: 'DealCustomerEntry',
    houseAccount: house,
  }));

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Deal registrations in the single table (see table-keys/deal-registration.ts, access patterns 50–55): one
 * item each, listed by partner (gsi1), status (gsi2) and, while protected, protection end (gsi3); a content
 * item per partner and content so the same submission twice is one registration; and one customer entry per
 * normalized customer key, which the conflict check queries.
 */
export class DynamoDealRegistrationStore implements DealRegistrationStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(registration: DealRegistration, sameContentKey: string): Promise<DealRegistrationCreation> {
    const content = dealContentKey(registration.partnerId, sha256(sameContentKey));
    const put = (Item: Item, ConditionExpression?: string) => ({
      Put: { TableName: this.tableName, Item, ...(ConditionExpression ? { ConditionExpression } : {}) },
    });
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            put(dealRegistrationItem(registration), 'attribute_not_exists(pk)'),
            put(
              { ...content, type: 'DealContent', registrationId: registration.registrationId },
              'attribute_not_exists(pk)',
            ),
            ...dealCustomerEntries(registration).map((entry) => put(entry)),
          ],
        }),
      );
      return { kind: 'created' };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const held = await this.read(content);
      if (held !== undefined) return { kind: 'duplicate', registrationId: String(held.registrationId) };
      if ((await this.read(dealRegistrationKey(registration.registrationId))) !== undefined) {
        return { kind: 'duplicate', registrationId: registration.registrationId };
      }
      throw error;
    }
  }

  async get(registrationId: string): Promise<DealRegistration | undefined> {
    const item = await this.read(dealRegistrationKey(registrationId));
    return item === undefined ? undefined : registrationOf(item);
  }

  replace(next: DealRegistration, expected: DealRegistrationStatus): Promise<boolean> {
    return putIf(
      this.client,
      this.tableName,
      dealRegistrationItem(next),
      'attribute_exists(pk) AND #status = :expected AND #version = :previous',
      {
        names: { '#status': 'status', '#version': 'version' },
        values: { ':expected': expected, ':previous': next.version - 1 },
      },
    );
  }

  async ofPartner(
    partnerId: string,
    status: DealRegistrationStatus | undefined,
    page: PageRequest,
  ): Promise<Page<DealRegistration>> {
    return this.query(page, {
      index: 'gsi1',
      partition: partnerDealsPartition(partnerId),
      // A partner holds few registrations: a filter on its own partition keeps the one index.
      ...(status === undefined
        ? {}
        : {
            filter: {
              expression: '#status = :status',
              names: { '#status': 'status' },
              values: { ':status': status },
            },
          }),
    });
  }

  async withStatus(status: DealRegistrationStatus, page: PageRequest): Promise<Page<DealRegistration>> {
    return this.query(page, { index: 'gsi2', partition: dealStatusPartition(status) });
  }

  async protectedThrough(day: string, page: PageRequest): Promise<Page<DealRegistration>> {
    return this.query(page, {
      index: 'gsi3',
      partition: dealExpiryPartition,
      // "<day>~" sorts after every "<day>#<id>": registrations ending on `day` are included.
      sortKey: { below: `${day}~` },
    });
  }

  async holdersOf(
    matchKeys: readonly string[],
    candidate?: { readonly partnerId: string; readonly skus: readonly string[] },
  ): Promise<CustomerHolders> {
    const entries = (await Promise.all(matchKeys.map((key) => this.entriesOf(key)))).flat();
    const houses = new Map<string, HouseAccount>();
    const registrationIds = new Set<string>();
    const wanted = new Set(candidate?.skus ?? []);
    for (const entry of entries) {
      if (entry.houseAccount !== undefined) {
        const house = houseAccountHeldBy(entry);
        houses.set(house.houseAccountId, house);
        continue;
      }
      // An entry of the same partner, or without a product in common, cannot clash: skip it unread.
      if (candidate !== undefined && entry.partnerId === candidate.partnerId) continue;
      if (candidate !== undefined && !(entry.skus as string[]).some((sku) => wanted.has(sku))) continue;
      registrationIds.add(String(entry.registrationId));
    }
    const found = await getAll(
      this.client,
      this.tableName,
      [...registrationIds].map((id) => dealRegistrationKey(id)),
    );
    return {
      registrations: [...found.values()].map((item) => registrationOf(item)),
      houseAccounts: [...houses.values()],
    };
  }

  /** Every entry under one customer key; consistent, so a registration stored a moment ago is seen. */
  private entriesOf(matchKey: string): Promise<Item[]> {
    return allItems(this.client, this.tableName, {
      partition: dealCustomerPartition(matchKey),
      consistent: true,
    });
  }

  private async query(page: PageRequest, query: PartitionQuery): Promise<Page<DealRegistration>> {
    const found = await partitionPage(this.client, this.tableName, { ...query, page });
    return pageMapped(found, (item) => registrationOf(item));
  }

  private read(key: { pk: string; sk: string }): Promise<Item | undefined> {
    return getItem(this.client, this.tableName, key);
  }
}

/** The house account list: each entry with its customer entries, written and removed together. */
export class DynamoHouseAccountStore implements HouseAccountStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(houseAccount: HouseAccount): Promise<void> {
    await this.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: {
                ...houseAccount,
                ...houseAccountKey(houseAccount.houseAccountId),
                ...houseAccountListKey(houseAccount.houseAccountId),
                type: 'HouseAccount',
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...houseEntries(houseAccount).map((Item) => ({ Put: { TableName: this.tableName, Item } })),
        ],
      }),
    );
  }

  async get(houseAccountId: string): Promise<HouseAccount | undefined> {
    const item = await getItem(this.client, this.tableName, houseAccountKey(houseAccountId));
    return item === undefined ? undefined : houseAccountOf(item);
  }

  async list(page: PageRequest): Promise<Page<HouseAccount>> {
    const partition = houseAccountListKey('').gsi1pk;
    const found = await partitionPage(this.client, this.tableName, { index: 'gsi1', partition, page });
    return pageMapped(found, (item) => houseAccountOf(item));
  }

  async remove(houseAccountId: string): Promise<boolean> {
    const house = await this.get(houseAccountId);
    if (house === undefined) return false;
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Delete: {
                TableName: this.tableName,
                Key: houseAccountKey(houseAccountId),
                ConditionExpression: 'attribute_exists(pk)',
              },
            },
            ...customerMatchKeys(house.customer).map((key) => ({
              Delete: { TableName: this.tableName, Key: dealCustomerEntryKey(key.value, house) },
            })),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException) return false;
      throw error;
    }
  }
}

/** Deal-registration policies, one item per program. */
export class DynamoDealPolicyStore implements DealPolicyStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(programId: string): Promise<DealRegistrationPolicy | undefined> {
    const Item = await getItem(this.client, this.tableName, dealPolicyKey(programId));
    if (Item === undefined) return undefined;
    const { programId: _program, ...policy } = policyOf(Item);
    return policy;
  }

  async put(programId: string, policy: DealRegistrationPolicy): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...policy, programId, ...dealPolicyKey(programId), type: 'DealPolicy' },
      }),
    );
  }
}

/** Expiry reminders in the single table (access pattern 56), one item per registration and protection end. */
export class DynamoDealReminderOutbox implements DealReminderOutbox {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async deliver(reminder: DealReminder): Promise<void> {
    const item = {
      ...reminder,
      ...dealReminderKey(reminder.registrationId, reminder.protectedUntil),
      ...dealReminderIndexKeys(reminder),
      type: 'DealReminder',
    };
    // False when a run that died after delivering delivered it already: one reminder stays.
    await putIf(this.client, this.tableName, item, 'attribute_not_exists(pk)');
  }

  async list(partnerId: string | undefined, page: PageRequest): Promise<Page<DealReminder>> {
    const found = await partitionPage(this.client, this.tableName, {
      ...(partnerId === undefined
        ? { index: 'gsi2', partition: allDealRemindersPartition }
        : { index: 'gsi1', partition: partnerDealRemindersPartition(partnerId) }),
      page,
      newestFirst: true,
    });
    return pageMapped(found, (item) => reminderOf(item));
  }
}
