import { type App, Aspects } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { apiRouteGroups } from '../functions/api/routes';
import { stackNames } from './stack-names';
import { AccrualsStack } from './stacks/accruals-stack';
import { ApiRoutesStack } from './stacks/api-routes-stack';
import { ApiStack } from './stacks/api-stack';
import { ClaimApprovalsStack } from './stacks/claim-approvals-stack';
import { DataStack } from './stacks/data-stack';
import { DealRegistrationStack } from './stacks/deal-registration-stack';
import { FundsStack } from './stacks/funds-stack';
import { IngestStack } from './stacks/ingest-stack';
import { OperationsStack } from './stacks/operations-stack';
import { PriceProtectionStack } from './stacks/price-protection-stack';
import { ShipAndDebitStack } from './stacks/ship-and-debit-stack';
import { WebAclStack } from './stacks/web-acl-stack';
import { WebStack } from './stacks/web-stack';

/** Adds ChRM's stacks to `app`. */
export function addChrmStacks(app: App) {
  const data = new DataStack(app, stackNames.data, {
    description: 'ChRM stateful resources: table, uploads, events',
  });
  const resources = { table: data.table, uploads: data.uploads, eventBus: data.eventBus };
  const accruals = new AccrualsStack(app, stackNames.accruals, {
    description: 'ChRM accrual runs: month-end schedule and workflow',
    ...resources,
  });
  const ingest = new IngestStack(app, stackNames.ingest, {
    description: 'ChRM channel-file ingestion: S3 trigger, workflow and stuck-file reconciler',
    ...resources,
  });
  const claims = new ClaimApprovalsStack(app, stackNames.claims, {
    description: 'ChRM claims: the claim-approval workflow and its ClaimSubmitted rule',
    table: data.table,
    eventBus: data.eventBus,
    uploads: data.uploads,
  });
  const dealRegistration = new DealRegistrationStack(app, stackNames.dealRegistration, {
    description: 'ChRM deal registration: the daily expiry and reminder job',
    table: data.table,
    eventBus: data.eventBus,
  });
  const funds = new FundsStack(app, stackNames.funds, {
    description: 'ChRM co-op and MDF funds: the daily expiry job',
    table: data.table,
    uploads: data.uploads,
  });
  const shipAndDebit = new ShipAndDebitStack(app, stackNames.shipAndDebit, {
    description: 'ChRM ship & debit: bill-backs of POS returns when a POS file completes',
    table: data.table,
    eventBus: data.eventBus,
  });
  const priceProtection = new PriceProtectionStack(app, stackNames.priceProtection, {
    description: 'ChRM price protection: recoveries reopened when the claim that netted them is rejected',
    table: data.table,
    eventBus: data.eventBus,
  });
  const operations = new OperationsStack(app, stackNames.operations, {
    description: 'ChRM operations: jobs an operator invokes, such as the upgrade backfill of read models',
    table: data.table,
  });
  const api = new ApiStack(app, stackNames.api, {
    description: 'ChRM HTTP API: users and their hosted UI, stage',
  });
  const webAcl = new WebAclStack(app, stackNames.webAcl, {
    description: 'ChRM web ACL of the portal distribution (CloudFront: us-east-1)',
  });
  const web = new WebStack(app, stackNames.web, {
    description: 'ChRM partner portal and staff console: S3 + CloudFront, the API under /api, sign-in',
    api: api.api,
    uploads: data.uploads,
    users: api.users,
    webAcl,
  });
  const routeStack = (context: keyof typeof apiRouteGroups) =>
    new ApiRoutesStack(app, stackNames.apiRoutes[context], {
      description: `ChRM HTTP API: the ${context} routes and their functions`,
      ...resources,
      api: api.api,
      authorizer: web.apiAuthorizer,
      cursorSigningKey: api.cursorSigningKey,
      accrualWorkflow: accruals.workflow,
      ingestWorkflow: ingest.workflow,
      claimApprovalWorkflow: claims.workflow,
      requestApprovalWorkflow: claims.requestWorkflow,
      routes: apiRouteGroups[context],
    });
  // One stack per bounded context keeps each under CloudFormation's 500-resource limit.
  const contexts = Object.keys(apiRouteGroups) as (keyof typeof apiRouteGroups)[];
  const apiRoutes = Object.fromEntries(contexts.map((context) => [context, routeStack(context)]));
  return {
    data,
    api,
    apiRoutes,
    ingest,
    accruals,
    claims,
    web,
    dealRegistration,
    funds,
    shipAndDebit,
    webAcl,
    priceProtection,
    operations,
  };
}

/**
 * Runs cdk-nag's AwsSolutions checks at synthesis (`cdk synth` and the infra tests). The local runtime
 * synthesizes without them: it only reads the templates.
 */
export function addNagChecks(app: App): void {
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
}
