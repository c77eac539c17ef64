import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { beginClaimApprovalTask, openApprovalTask } from '../../domain/approvals/approval-workflow-state';
import {
  beginRequestApprovalTask,
  openRequestApprovalTask,
} from '../../domain/approvals/request-approval-state';
import { entryMetadataKey } from '../../infra/constructs/chrm-function';
import { apiTemplate, payloadFields, synthChrmApp } from './synth-app';

type Resource = { Properties: Record<string, unknown>; Metadata?: Record<string, unknown> };
type AslState = {
  Type: string;
  Resource?: string;
  Parameters?: Record<string, unknown>;
  TimeoutSeconds?: number;
  Retry?: { ErrorEquals: string[] }[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
  Choices?: { StringEquals?: string; Next: string }[];
  Default?: string;
};

let claims: Template;
let api: Template;
type Definition = { TimeoutSeconds?: number; States: Record<string, AslState> };
let definition: Definition;
let states: Record<string, AslState>;
let requestDefinition: Definition;
let requestStates: Record<string, AslState>;

/** The definition of the stack's state machine whose logical id starts with `prefix`. */
function definitionOf(prefix: string): Definition {
  const machines = claims.findResources('AWS::StepFunctions::StateMachine') as Record<string, Resource>;
  const machine = Object.entries(machines).find(([id]) => id.startsWith(prefix))?.[1];
  if (!machine) throw new Error(`no state machine ${prefix} in the claims stack`);
  // The definition is a Fn::Join of text and ARNs; the ARNs are irrelevant to its shape.
  const parts = (machine.Properties.DefinitionString as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
  return JSON.parse(parts.map((part) => (typeof part === 'string' ? part : 'arn')).join(''));
}

beforeAll(() => {
  const stacks = synthChrmApp();
  claims = Template.fromStack(stacks.claims);
  api = apiTemplate();
  definition = definitionOf('ClaimApproval');
  states = definition.States;
  requestDefinition = definitionOf('RequestsRequestApproval');
  requestStates = requestDefinition.States;
});

/** The actions each function's role may take, by handler entry. */
function actionsByEntry(stack: Template): Record<string, string[]> {
  const functions = stack.findResources('AWS::Lambda::Function') as Record<string, Resource>;
  const policies = Object.values(stack.findResources('AWS::IAM::Policy') as Record<string, Resource>);
  const result: Record<string, string[]> = {};
  for (const fn of Object.values(functions)) {
    const entry = fn.Metadata?.[entryMetadataKey];
    if (typeof entry !== 'string') continue;
    // A function names its role by Fn::GetAtt, a policy by Ref: compare the role's logical id.
    const role = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const actions = policies
      .filter((policy) => (policy.Properties.Roles as { Ref?: string }[]).some((ref) => ref.Ref === role))
      .flatMap(
        (policy) =>
          (policy.Properties.PolicyDocument as { Statement: { Action: string | string[] }[] }).Statement,
      )
      .flatMap((statement) => [statement.Action].flat());
    result[entry] = actions;
  }
  return result;
}

describe('claim-approvals stack', () => {
  it('waits for each decision on a task token, with a 24 h timeout that escalates and a rejection that settles', () => {
    const wait = states.AwaitDecision;
    expect(wait?.Resource).toMatch(/:states:::lambda:invoke\.waitForTaskToken$/);
    expect(wait?.Parameters?.Payload).toMatchObject({
      kind: 'decision',
      'state.$': '$',
      'taskToken.$': '$$.Task.Token',
    });
    expect(wait?.TimeoutSeconds).toBe(24 * 3600);
    // Built from the contracts the handlers parse (domain/approvals/approval-workflow-state.ts).
    expect(payloadFields(wait)).toEqual(Object.keys(openApprovalTask.shape).sort());
    expect(payloadFields(states.Begin)).toEqual(Object.keys(beginClaimApprovalTask.shape).sort());
    const catches = Object.fromEntries(
      (wait?.Catch ?? []).map((entry) => [entry.ErrorEquals.join(','), entry.Next]),
    );
    expect(catches).toMatchObject({
      ClaimRejected: 'Settle',
      'States.Timeout,States.HeartbeatTimeout': 'EscalateTask',
      'States.ALL': 'ClaimApprovalFailed',
    });
  });

  it('waits up to 30 days for a partner answer, then rejects through ExpireReturn', () => {
    const wait = states.AwaitPartnerAnswer;
    expect(wait?.Resource).toMatch(/lambda:invoke\.waitForTaskToken$/);
    expect(wait?.TimeoutSeconds).toBe(30 * 24 * 3600);
    expect(wait?.Catch?.[0]).toMatchObject({ ErrorEquals: ['States.Timeout'], Next: 'ExpireReturn' });
  });

  it('ends in an explicit Succeed or Fail, retries every Lambda on transient errors, and times out', () => {
    expect(states.ClaimDecided?.Type).toBe('Succeed');
    expect(states.ClaimApprovalFailed?.Type).toBe('Fail');
    for (const [name, state] of Object.entries(states).filter(([, s]) => s.Type === 'Task')) {
      expect(state.Retry?.[0]?.ErrorEquals, name).toContain('Lambda.ServiceException');
    }
    expect(definition.TimeoutSeconds).toBe(90 * 24 * 3600);
  });

  /** The rule for `detailType` and the logical id of the function with handler `entry`. */
  function ruleAndFunction(detailType: string, entry: string) {
    const rules = Object.values(claims.findResources('AWS::Events::Rule')) as Resource[];
    const rule = rules.find((each) =>
      JSON.stringify(each.Properties.EventPattern).includes(`"${detailType}"`),
    );
    const functions = claims.findResources('AWS::Lambda::Function') as Record<string, Resource>;
    const [functionId, fn] =
      Object.entries(functions).find(([, each]) => each.Metadata?.[entryMetadataKey] === entry) ?? [];
    return { rule, functionId, fn };
  }

  it('starts a workflow for each ClaimSubmitted from chrm.claims, through the starter Lambda', () => {
    claims.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['chrm.claims'], 'detail-type': ['ClaimSubmitted'] },
    });
    const { rule, functionId } = ruleAndFunction(
      'ClaimSubmitted',
      'functions/workflows/start-claim-approval.ts',
    );
    expect(JSON.stringify(rule?.Properties.Targets)).toContain(String(functionId));
  });

  it('builds each requested payment batch in a 15-minute Lambda, retried by the rule', () => {
    const { rule, functionId, fn } = ruleAndFunction(
      'PaymentBatchRequested',
      'functions/payments/build-requested-batch.ts',
    );
    expect(rule?.Properties.EventPattern).toEqual({
      source: ['chrm.payments'],
      'detail-type': ['PaymentBatchRequested'],
    });
    expect(JSON.stringify(rule?.Properties.Targets)).toContain(String(functionId));
    expect(rule?.Properties.Targets).toEqual([
      expect.objectContaining({ RetryPolicy: expect.objectContaining({ MaximumRetryAttempts: 8 }) }),
    ]);
    expect(fn?.Properties.Timeout).toBe(900);
  });

  it('ends an automatic approval the first step settled and published (done), settles one it handed on', () => {
    const choices = Object.fromEntries(
      (states.AutoApproved?.Choices ?? []).map((choice) => [choice.StringEquals, choice.Next]),
    );
    expect(choices).toEqual({ done: 'ClaimDecided', settle: 'Settle' });
    expect(states.AutoApproved?.Default).toBe('AwaitDecision');
  });

  it('grants least privilege: the starter only starts executions; only the first step (automatic approvals), escalation and settlement publish', () => {
    const actions = actionsByEntry(claims);
    expect(actions['functions/workflows/start-claim-approval.ts']).toContain('states:StartExecution');
    expect(
      actions['functions/workflows/start-claim-approval.ts']?.some((action) =>
        action.startsWith('dynamodb:'),
      ),
    ).toBe(false);
    const publishers = Object.entries(actions)
      .filter(([, granted]) => granted.includes('events:PutEvents'))
      .map(([entry]) => entry)
      .sort();
    expect(publishers).toEqual([
      // an automatic approval's ClaimDecided, published where it is settled
      'functions/workflows/begin-claim-approval.ts',
      'functions/workflows/escalate-approval-task.ts',
      'functions/workflows/escalate-request-approval-task.ts',
      'functions/workflows/settle-claim-approval.ts',
    ]);
  });

  it('request approvals (fund, debit authorization): begin, then a 24 h task-token wait per level that escalates; no settlement', () => {
    expect(requestStates.BeginRequestApproval?.Parameters?.Payload).toEqual({ 'subject.$': '$.subject' });
    const wait = requestStates.AwaitRequestDecision;
    expect(wait?.Resource).toMatch(/:states:::lambda:invoke\.waitForTaskToken$/);
    expect(wait?.Parameters?.Payload).toEqual({ 'state.$': '$', 'taskToken.$': '$$.Task.Token' });
    // Built from the contracts the handlers parse (domain/approvals/request-approval-state.ts).
    expect(payloadFields(requestStates.BeginRequestApproval)).toEqual(
      Object.keys(beginRequestApprovalTask.shape).sort(),
    );
    expect(payloadFields(wait)).toEqual(Object.keys(openRequestApprovalTask.shape).sort());
    expect(wait?.TimeoutSeconds).toBe(24 * 3600);
    const catches = Object.fromEntries(
      (wait?.Catch ?? []).map((entry) => [entry.ErrorEquals.join(','), entry.Next]),
    );
    expect(catches).toEqual({
      'States.Timeout,States.HeartbeatTimeout': 'EscalateRequestTask',
      'States.ALL': 'RequestApprovalFailed',
    });
    expect(requestStates.RequestDecided?.Type).toBe('Succeed');
    expect(requestStates.RequestApprovalFailed?.Type).toBe('Fail');
    for (const [name, state] of Object.entries(requestStates).filter(([, s]) => s.Type === 'Task')) {
      expect(state.Retry?.[0]?.ErrorEquals, name).toContain('Lambda.ServiceException');
    }
    expect(requestDefinition.TimeoutSeconds).toBe(90 * 24 * 3600);
  });

  it('lets the request routes start request approvals, and nothing else', () => {
    const starters = Object.entries(actionsByEntry(api))
      .filter(([, granted]) => granted.includes('states:StartExecution'))
      .map(([entry]) => entry)
      .filter((entry) => !entry.includes('accrual') && !entry.includes('channel-files'))
      .sort();
    expect(starters).toEqual([
      'functions/api/deal-registrations/authorize-won-deal.ts',
      'functions/api/funds/submit-fund-request.ts',
      'functions/api/ship-and-debit/request-debit-authorization.ts',
    ]);
  });

  it('lets only the decision and answer routes send task results', () => {
    const senders = Object.entries(actionsByEntry(api))
      .filter(([, granted]) => granted.includes('states:SendTaskSuccess'))
      .map(([entry]) => entry)
      .sort();
    expect(senders).toEqual([
      'functions/api/approvals/answer-returned-claim.ts',
      'functions/api/approvals/decide-approval-task.ts',
    ]);
  });
});
