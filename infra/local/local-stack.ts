// First: settings the functions' modules read when they load (tests start the stack without start.ts).
import './local-process-env';
import path from 'node:path';
import type { App } from 'aws-cdk-lib';
import { createAccrualDeps } from '../../functions/accruals/create-accrual-deps';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import { backfillFundCredits } from '../../functions/adapters/fund-credit-backfill';
import { masterDataStores } from '../../functions/adapters/master-data-stores';
import { createApprovalDeps } from '../../functions/approvals/approval-deps';
import { createRequestApprovalWorkflow } from '../../functions/approvals/request-approval-workflow';
import { createChannelDataDeps } from '../../functions/channel-data/create-channel-data-deps';
import { createClaimDeps } from '../../functions/claims/create-claim-deps';
import { createDealRegistrationDeps } from '../../functions/deal-registration/create-deal-registration-deps';
import { createFundDeps } from '../../functions/funds/create-fund-deps';
import { createPaymentDeps } from '../../functions/payments/create-payment-deps';
import { createPriceProtectionDeps } from '../../functions/price-protection/create-price-protection-deps';
import {
  createDebitAuthorizationDeps,
  createShipAndDebitClaimDeps,
} from '../../functions/ship-and-debit/ship-and-debit-deps';
import { buildWebApp } from '../../web/build';
import { repositoryRoot } from '../constructs/chrm-function';
import { LocalApiGateway, routesFromTemplates } from './api-gateway';
import { demoUsers } from './demo/demo-channel';
import { type SeededClaim, seedDemoClaims } from './demo/seed-demo-claims';
import { seedDemoData } from './demo/seed-demo-data';
import { seedDemoDeals, seedDemoWonDealAuthorization } from './demo/seed-demo-deals';
import { type SeededFile, seedDemoFiles } from './demo/seed-demo-files';
import { type SeededFundRequest, seedDemoFunds } from './demo/seed-demo-funds';
import { type SeededPriceProtection, seedDemoPriceProtection } from './demo/seed-demo-price-protection';
import { type DemoRun, seedDemoPrograms } from './demo/seed-demo-programs';
import { type SeededShipAndDebit, seedDemoShipAndDebit } from './demo/seed-demo-ship-and-debit';
import { DurableRecords } from './durable-records';
import { createTableFromTemplate, localCredentials, startDynamoDbLocal } from './dynamodb-local';
import { LocalEventBus } from './event-bus';
import { deliverToRules, eventRulesFromTemplates } from './event-rules';
import { FunctionWorkers } from './function-workers';
import { IntrinsicResolver, localRegion } from './intrinsics';
import { keptPort } from './kept-port';
import { localCursorSigningKey, localSigningKey, signLocalToken } from './local-auth';
import { LocalFunctions } from './local-functions';
import { assertJavaAvailable, assertPortFree, freePort } from './preflight';
import { startS3Local, type TemplateCorsRule } from './s3-local';
import { deliverS3Notifications, notificationsFromTemplates } from './s3-notifications';
import { type ExecutionRecord, LocalStepFunctions } from './step-functions';
import { serveStepFunctions } from './step-functions-endpoint';
import { StopSteps } from './stop-steps';
import type { TaskTokenRecord } from './task-tokens';
import { dataTemplate, resourcesOfType } from './template';
import { chrmTemplates } from './template-cache';
import { localWebSite } from './web-site';

export interface LocalStackOptions {
  /** API port; 0 picks a free one. */
  readonly apiPort?: number;
  readonly dynamoDbPort?: number;
  /** Kept in the data dir after the first start (presigned URLs name it); 0 or unset picks a free one then. */
  readonly s3Port?: number;
  readonly stepFunctionsPort?: number;
  readonly eventBridgePort?: number;
  /** Keep nothing on disk (tests). Otherwise data lives in `dataDirectory`. */
  readonly inMemory?: boolean;
  readonly dataDirectory?: string;
  /**
   * How much demo data to seed (default all): master data; then the partners' channel files; then the
   * programs and their month-end run; then claims in each state; then co-op/MDF funds with requests in each
   * state. A test seeds only what it reads: each
   * level costs seconds of start-up.
   */
  readonly seed?: boolean | DemoSeedDepth;
  /** Which CDK stacks to run; the ChRM app unless a test supplies its own. */
  readonly addStacks?: (app: App) => unknown;
  /**
   * Worker threads that run the API routes' handlers (0, the default: the gateway's own thread, where a test's
   * mocks and spies reach them). Workflow tasks, S3 notifications and event-rule targets run in this thread.
   */
  readonly functionWorkers?: number;
}

export const demoSeedDepths = ['masterData', 'channelData', 'programs', 'claims', 'funds'] as const;
export type DemoSeedDepth = (typeof demoSeedDepths)[number];

/** Whether seeding to `depth` includes `level`. */
const seeds = (depth: DemoSeedDepth, level: DemoSeedDepth) =>
  demoSeedDepths.indexOf(level) <= demoSeedDepths.indexOf(depth);

export interface LocalStack {
  readonly apiUrl: string;
  readonly tableName: string;
  readonly seededRecords: number;
  /** Demo partner files uploaded at this start, with their ingest outcome. */
  readonly seededFiles: readonly SeededFile[];
  /** The demo month-end accrual run made at this start (none when the demo programs already existed). */
  readonly demoRun: DemoRun | undefined;
  /** DIST-NORTH's demo claims made at this start, one per status a partner sees (none when they existed). */
  readonly seededClaims: readonly SeededClaim[];
  /** The demo debit authorization and its 844 claim (found again, not made, when they existed). */
  readonly seededShipAndDebit: SeededShipAndDebit | undefined;
  /** DIST-NORTH's demo fund requests made at this start, one per status (none when they existed). */
  readonly seededFundRequests: readonly SeededFundRequest[];
  /** The demo price protection run (DIST-CANADA's claim accepted, awaiting the approver), with the claims. */
  readonly seededPriceProtection: SeededPriceProtection | undefined;
  readonly tokens: Readonly<Record<string, string>>;
  readonly stepFunctions: LocalStepFunctions;
  /** Workflow executions that were running when the last process stopped, started again at this start. */
  readonly resumedExecutions: readonly ExecutionRecord[];
  readonly functions: LocalFunctions;
  readonly eventBus: LocalEventBus;
  /** Resolves once every S3 notification delivered so far has been handled. */
  readonly s3NotificationsSettled: () => Promise<unknown>;
  /** Resolves once every event delivered so far to an event rule's targets has been handled (or given up). */
  readonly eventDeliveriesSettled: () => Promise<unknown>;
  readonly signingKey: Uint8Array;
  readonly endpoints: Readonly<Record<'dynamoDb' | 's3' | 'stepFunctions' | 'eventBridge', string>>;
  readonly uploadsBucket: string;
  stop(): Promise<void>;
}

export const defaultDataDirectory = path.join(repositoryRoot, '.chrm-local');

const bucketVersioningEnabled = (bucket: { Properties?: Record<string, unknown> }) =>
  (bucket.Properties?.VersioningConfiguration as { Status?: string } | undefined)?.Status === 'Enabled';

const portOrFree = async (port: number | undefined, what: string) => {
  if (port === undefined || port === 0) return freePort();
  await assertPortFree(port, what);
  return port;
};

/** Starts of a stack that lost a port race (see `startLocalStack`) before its error is final. */
const portRaceAttempts = 3;

/**
 * Starts ChRM on this machine: DynamoDB Local, s3rver, the Step Functions runner and a local API gateway,
 * all derived from the synthesized CDK templates, with the real handlers running from source. The emulators'
 * ports are picked free a moment before they bind, so another process (a parallel test file) can take one
 * in between: such a start (EADDRINUSE) is stopped and retried on fresh ports.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startLocalStackOnce(options);
    } catch (error) {
      const lostPortRace = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
      if (!lostPortRace || attempt === portRaceAttempts) throw error;
    }
  }
}

async function startLocalStackOnce(options: LocalStackOptions): Promise<LocalStack> {
  assertJavaAvailable();
  const dataDirectory = options.inMemory ? undefined : (options.dataDirectory ?? defaultDataDirectory);
  // The API binds last (after seeding): asked for no port, it takes the one the OS gives at bind time, so
  // no other process can take a port chosen seconds before (parallel test files did: EADDRINUSE).
  if (options.apiPort) await assertPortFree(options.apiPort, 'API');
  const apiPort = options.apiPort ?? 0;
  const [dynamoDbPort, s3Port, stepFunctionsPort, eventBridgePort] = [
    await portOrFree(options.dynamoDbPort, 'DynamoDB Local'),
    dataDirectory === undefined
      ? await portOrFree(options.s3Port, 'S3')
      : await keptPort(dataDirectory, 'S3', options.s3Port),
    await portOrFree(options.stepFunctionsPort, 'Step Functions'),
    await portOrFree(options.eventBridgePort, 'EventBridge'),
  ];
  const templates = options.addStacks
    ? (await import('./synthesize-templates')).synthesizeTemplates(options.addStacks)
    : await chrmTemplates();
  const all = Object.values(templates);
  const data = dataTemplate(templates);
  const resolver = new IntrinsicResolver(all);
  const stops = new StopSteps();
  const stop = () => stops.stopAll();
  try {
    const dynamoDb = await startDynamoDbLocal(
      dynamoDbPort,
      dataDirectory && path.join(dataDirectory, 'dynamodb'),
    );
    stops.add('DynamoDB Local', dynamoDb.stop);
    const tables = resourcesOfType(data, 'AWS::DynamoDB::GlobalTable');
    const tableName = tables[0]?.[0] ?? 'Table';
    const created = new Set<string>();
    for (const [logicalId, table] of tables) {
      if (await createTableFromTemplate(dynamoDb.client, logicalId, table)) created.add(logicalId);
    }

    const bucketResources = resourcesOfType(data, 'AWS::S3::Bucket');
    const buckets = bucketResources.map(([logicalId]) => logicalId.toLowerCase());
    const versioned = bucketResources
      .filter(([, bucket]) => bucketVersioningEnabled(bucket))
      .map(([logicalId]) => logicalId.toLowerCase());
    const corsRules = new Map(
      bucketResources.flatMap(([logicalId, bucket]) => {
        const cors = bucket.Properties?.CorsConfiguration as { CorsRules?: TemplateCorsRule[] } | undefined;
        return cors?.CorsRules ? [[logicalId.toLowerCase(), cors.CorsRules] as const] : [];
      }),
    );
    const s3 = await startS3Local(
      s3Port,
      buckets,
      dataDirectory && path.join(dataDirectory, 's3'),
      versioned,
      corsRules,
    );
    stops.add('S3 (s3rver)', s3.stop);

    const eventBus = new LocalEventBus();
    const eventBridge = await eventBus.serve(eventBridgePort);
    stops.add('EventBridge endpoint', eventBridge.close);

    const stepFunctionsEndpoint = `http://127.0.0.1:${stepFunctionsPort}`;
    const functions = new LocalFunctions(all, resolver, {
      AWS_REGION: localRegion,
      AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
      DYNAMODB_ENDPOINT: dynamoDb.endpoint,
      S3_ENDPOINT: s3.endpoint,
      SFN_ENDPOINT: stepFunctionsEndpoint,
      EVENTS_ENDPOINT: eventBridge.endpoint,
      CURSOR_SIGNING_KEY: localCursorSigningKey(dataDirectory),
      POWERTOOLS_METRICS_DISABLED: 'true',
    });
    // A table made now holds nothing older than the fund credits: their upgrade completes at once (an older
    // data directory waits for `npm run backfill`, as a deployed table waits for its operator). After the
    // functions' settings, which give this process its local credentials.
    if (created.has(tableName)) {
      const documents = createDocumentClient({
        TABLE_NAME: tableName,
        AWS_REGION: localRegion,
        DYNAMODB_ENDPOINT: dynamoDb.endpoint,
      });
      await backfillFundCredits(documents, tableName, { segments: 1 });
      documents.destroy();
    }
    const s3Notifications = deliverS3Notifications(
      s3,
      notificationsFromTemplates(templates, resolver),
      functions,
    );
    stops.add('S3 notifications under way', async () => {
      await s3Notifications.settled();
    });
    const stepFunctions = new LocalStepFunctions(
      all,
      resolver,
      functions,
      new DurableRecords<ExecutionRecord>(
        dataDirectory && path.join(dataDirectory, 'step-functions', 'executions'),
      ),
      new DurableRecords<TaskTokenRecord>(
        dataDirectory && path.join(dataDirectory, 'step-functions', 'task-tokens'),
      ),
    );
    const stepFunctionsServer = await serveStepFunctions(stepFunctions, stepFunctionsPort);
    stops.add('Step Functions', async () => {
      await stepFunctions.close();
      await stepFunctionsServer.close();
    });
    // Published events reach the targets of the templates' event rules (e.g. a claim submitted starts its approval).
    const ruleDelivery = deliverToRules(eventRulesFromTemplates(templates, resolver), {
      functions,
      stepFunctions,
    });
    eventBus.onEvent(ruleDelivery.publish);
    stops.add('EventBridge rule deliveries', ruleDelivery.stop);
    // Workflows the last process left running (killed, or stopped mid-ingest) go on by themselves.
    const resumedExecutions = stepFunctions.resumeInterrupted();

    // Demo data goes in through the same use cases and upload path the API uses.
    const uploadsBucket = functions.setting('UPLOADS_BUCKET');
    let seededRecords = 0;
    let seededFiles: SeededFile[] = [];
    let demoRun: DemoRun | undefined;
    let seededClaims: SeededClaim[] = [];
    let seededShipAndDebit: SeededShipAndDebit | undefined;
    let seededFundRequests: SeededFundRequest[] = [];
    let seededPriceProtection: SeededPriceProtection | undefined;
    const seedOption = options.seed ?? true;
    const depth: DemoSeedDepth | undefined = seedOption === true ? 'funds' : seedOption || undefined;
    if (depth !== undefined) {
      const settings = {
        TABLE_NAME: tableName,
        AWS_REGION: localRegion,
        DYNAMODB_ENDPOINT: dynamoDb.endpoint,
        UPLOADS_BUCKET: uploadsBucket,
        EVENT_BUS_NAME: functions.setting('EVENT_BUS_NAME'),
        S3_ENDPOINT: s3.endpoint,
        EVENTS_ENDPOINT: eventBridge.endpoint,
      };
      // The request seeds submit through the request-approval workflow and decide in the approvals inbox.
      const requestApprovals = {
        approvalWorkflow: createRequestApprovalWorkflow({
          ...settings,
          SFN_ENDPOINT: stepFunctionsEndpoint,
          REQUEST_APPROVAL_STATE_MACHINE_ARN: functions.setting('REQUEST_APPROVAL_STATE_MACHINE_ARN'),
        }),
        approvals: createApprovalDeps({ ...settings, SFN_ENDPOINT: stepFunctionsEndpoint }),
      };
      seededRecords = await seedDemoData(
        masterDataStores(createDocumentClient(settings), tableName),
        () => new Date(),
      );
      if (seeds(depth, 'channelData')) seededFiles = await seedDemoFiles(createChannelDataDeps(settings));
      if (seeds(depth, 'programs'))
        demoRun = await seedDemoPrograms(
          createAccrualDeps({
            ...settings,
            SFN_ENDPOINT: stepFunctionsEndpoint,
            ACCRUAL_STATE_MACHINE_ARN: functions.setting('ACCRUAL_STATE_MACHINE_ARN'),
          }),
        );
      if (seeds(depth, 'claims'))
        seededClaims = await seedDemoClaims({
          claims: createClaimDeps(settings),
          approvals: createApprovalDeps({ ...settings, SFN_ENDPOINT: stepFunctionsEndpoint }),
          payments: createPaymentDeps(settings),
        });
      if (seeds(depth, 'claims'))
        seededShipAndDebit = await seedDemoShipAndDebit({
          authorizations: { ...createDebitAuthorizationDeps(settings), ...requestApprovals },
          approvals: requestApprovals.approvals,
          claims: createShipAndDebitClaimDeps(settings),
          channel: createChannelDataDeps(settings),
        });
      // Deal registrations in every state, with the full demo (they read nothing the other levels seed).
      if (seeds(depth, 'claims')) await seedDemoDeals(createDealRegistrationDeps(settings));
      if (seeds(depth, 'claims'))
        await seedDemoWonDealAuthorization({
          deals: createDealRegistrationDeps(settings),
          authorizations: { ...createDebitAuthorizationDeps(settings), ...requestApprovals },
        });
      if (seeds(depth, 'funds'))
        seededFundRequests = await seedDemoFunds({ ...createFundDeps(settings), ...requestApprovals });
      if (seeds(depth, 'claims'))
        seededPriceProtection = await seedDemoPriceProtection(createPriceProtectionDeps(settings));
    }

    const signingKey = localSigningKey(dataDirectory);
    // The portal at `/`, same origin as the API, built from web/ at each start (esbuild, well under a second).
    const webSite = localWebSite(
      await buildWebApp(),
      demoUsers,
      (user) => signLocalToken(signingKey, user),
      s3.endpoint,
    );
    const functionWorkers = options.functionWorkers
      ? new FunctionWorkers(functions, options.functionWorkers)
      : undefined;
    if (functionWorkers) stops.add('Function workers', () => functionWorkers.close());
    const gateway = new LocalApiGateway(
      routesFromTemplates(templates, resolver),
      functionWorkers ?? functions,
      signingKey,
      webSite,
    );
    const apiUrl = await gateway.listen(apiPort);
    stops.add('API gateway', () => gateway.close());

    const tokens: Record<string, string> = {};
    for (const user of demoUsers) tokens[user.sub] = await signLocalToken(signingKey, user);

    return {
      apiUrl,
      tableName,
      seededRecords,
      tokens,
      stepFunctions,
      resumedExecutions,
      functions,
      eventBus,
      s3NotificationsSettled: s3Notifications.settled,
      eventDeliveriesSettled: ruleDelivery.settled,
      signingKey,
      uploadsBucket,
      seededFiles,
      demoRun,
      seededClaims,
      seededShipAndDebit,
      seededFundRequests,
      seededPriceProtection,
      endpoints: {
        dynamoDb: dynamoDb.endpoint,
        s3: s3.endpoint,
        stepFunctions: stepFunctionsEndpoint,
        eventBridge: eventBridge.endpoint,
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
