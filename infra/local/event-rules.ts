import type { PublishedEvent } from './event-bus';
import { compileEventPattern, type EventEnvelope, type EventPredicate } from './event-pattern';
import { functionIdFromArn, type IntrinsicResolver, localAccount, localRegion } from './intrinsics';
import type { LocalFunctions } from './local-functions';
import type { LocalStepFunctions } from './step-functions';
import { type ChrmTemplates, resourcesAcross } from './template';

interface InputTransformer {
  readonly InputPathsMap?: Record<string, string>;
  readonly InputTemplate: string;
}

export interface RuleTarget {
  readonly id: string;
  readonly arn: string;
  /** What the target receives: the event itself unless the target says otherwise. */
  readonly input: (event: EventEnvelope) => unknown;
  readonly maximumRetryAttempts?: number;
}

export interface EventRule {
  readonly name: string;
  readonly eventBusName: string;
  readonly matches: EventPredicate;
  readonly targets: readonly RuleTarget[];
}

/** A bus by name, whether given as its name or its ARN (`…:event-bus/name`, or a local `…:name`). */
export const busName = (nameOrArn: string) =>
  (nameOrArn.startsWith('arn:') ? nameOrArn.slice(nameOrArn.lastIndexOf(':') + 1) : nameOrArn).replace(
    /^event-bus\//,
    '',
  );

/** `$`, `$.detail`, `$.detail.claimId`: the JSONPath forms targets use; anything else is refused. */
function pathReader(path: string, where: string): (event: EventEnvelope) => unknown {
  if (!/^\$(\.[\w-]+)*$/.test(path))
    throw new Error(`Local runtime: ${where} reads ${path}; the local bus follows only $.a.b paths`);
  const keys = path.split('.').slice(1);
  return (event) =>
    keys.reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], event);
}

/** An input transformer: `<name>` in the template becomes the value read (a string as is, else as JSON). */
function transformer({ InputPathsMap = {}, InputTemplate }: InputTransformer, rule: string, where: string) {
  const readers = Object.entries(InputPathsMap).map(
    ([name, path]) => [name, pathReader(path, where)] as const,
  );
  return (event: EventEnvelope) => {
    const values: Record<string, unknown> = {
      'aws.events.rule-name': rule,
      'aws.events.event': event,
      'aws.events.event.json': event,
      'aws.events.event.ingestion-time': event.time,
      ...Object.fromEntries(readers.map(([name, read]) => [name, read(event)])),
    };
    const text = InputTemplate.replace(/<([\w.-]+)>/g, (placeholder, name: string) => {
      if (!(name in values)) return placeholder;
      const value = values[name];
      return typeof value === 'string' ? value : JSON.stringify(value ?? null);
    });
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  };
}

function targetInput(target: Record<string, unknown>, rule: string, where: string) {
  if (typeof target.Input === 'string') {
    const constant = JSON.parse(target.Input) as unknown;
    return () => constant;
  }
  if (typeof target.InputPath === 'string') return pathReader(target.InputPath, where);
  if (target.InputTransformer) return transformer(target.InputTransformer as InputTransformer, rule, where);
  return (event: EventEnvelope) => event;
}

/**
 * The template's event-pattern rules (`AWS::Events::Rule` with an EventPattern), with their Lambda and
 * state machine targets. Scheduled rules are not here: nothing fires them locally, as before (tests start
 * what a schedule targets themselves).
 */
export function eventRulesFromTemplates(templates: ChrmTemplates, resolver: IntrinsicResolver): EventRule[] {
  return resourcesAcross(templates, 'AWS::Events::Rule').flatMap(([template, logicalId, resource]) => {
    const properties = resolver.resolve(resource.Properties ?? {}, template) as Record<string, unknown>;
    if (properties.EventPattern === undefined || properties.State === 'DISABLED') return [];
    const targets = ((properties.Targets as Record<string, unknown>[] | undefined) ?? []).map((target) => {
      const arn = String(target.Arn);
      const where = `rule ${logicalId} target ${String(target.Id)}`;
      if (!arn.includes(':function:') && !arn.includes(':stateMachine:'))
        throw new Error(
          `Local runtime: ${where} is ${arn}; the local bus delivers to Lambdas and state machines`,
        );
      const retryPolicy = target.RetryPolicy as { MaximumRetryAttempts?: number } | undefined;
      return {
        id: String(target.Id),
        arn,
        input: targetInput(target, logicalId, where),
        ...(retryPolicy?.MaximumRetryAttempts === undefined
          ? {}
          : { maximumRetryAttempts: retryPolicy.MaximumRetryAttempts }),
      };
    });
    return [
      {
        name: logicalId,
        eventBusName: busName(String(properties.EventBusName ?? 'default')),
        matches: compileEventPattern(properties.EventPattern),
        targets,
      },
    ];
  });
}

/** The event as EventBridge hands it to rules and targets (times to the second, as AWS writes them). */
export function eventEnvelope(event: PublishedEvent): EventEnvelope {
  return {
    version: '0',
    id: event.id,
    'detail-type': event.detailType,
    source: event.source,
    account: localAccount,
    time: event.time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: localRegion,
    resources: event.resources,
    detail: event.detail,
  };
}

export interface RuleTargetRuntime {
  readonly functions: Pick<LocalFunctions, 'invoke'>;
  readonly stepFunctions: Pick<LocalStepFunctions, 'startExecution'>;
}

/** After a failed delivery, wait this long before the next attempt (and at most this many retries). */
export const defaultRetryDelaysMs: readonly number[] = [200, 1_000, 5_000];

/**
 * Delivers each published event to the targets of the rules it matches, after PutEvents has answered, as
 * EventBridge does: a Lambda target is invoked with the event, a state machine target starts an execution
 * with it as input. A failing target is logged and tried again a few times (fewer if its RetryPolicy says
 * so), never failing the publisher or the stack; like EventBridge, delivery is at least once, so targets
 * must be idempotent.
 */
export function deliverToRules(
  rules: readonly EventRule[],
  runtime: RuleTargetRuntime,
  retryDelaysMs: readonly number[] = defaultRetryDelaysMs,
) {
  const inFlight = new Set<Promise<void>>();
  const sleepers = new Set<() => void>();
  let stopped = false;
  const sleep = (milliseconds: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, milliseconds);
      sleepers.add(wake);
    });

  async function deliver(rule: EventRule, target: RuleTarget, event: EventEnvelope) {
    const retries = Math.min(target.maximumRetryAttempts ?? retryDelaysMs.length, retryDelaysMs.length);
    for (let attempt = 0; attempt <= retries && !stopped; attempt++) {
      await sleep(attempt === 0 ? 0 : (retryDelaysMs[attempt - 1] ?? 0));
      if (stopped) return;
      try {
        const input = target.input(event);
        if (target.arn.includes(':stateMachine:'))
          runtime.stepFunctions.startExecution(target.arn, JSON.stringify(input));
        else await runtime.functions.invoke(functionIdFromArn(target.arn), input);
        return;
      } catch (error) {
        console.error(
          `Local EventBridge: rule ${rule.name} could not deliver ${event.id} to ${target.id} (attempt ${attempt + 1} of ${retries + 1})`,
          error,
        );
      }
    }
  }

  return {
    /** Hands one published event to every matching rule's targets; returns at once. */
    publish(event: PublishedEvent): void {
      if (stopped) return;
      const envelope = eventEnvelope(event);
      for (const rule of rules) {
        if (rule.eventBusName !== busName(event.eventBusName) || !rule.matches(envelope)) continue;
        for (const target of rule.targets) {
          const delivery = deliver(rule, target, envelope).finally(() => inFlight.delete(delivery));
          inFlight.add(delivery);
        }
      }
    },
    /** Resolves once no delivery is under way, including those of events a target published meanwhile. */
    settled: async () => {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    /** No new deliveries or retries; those under way finish. */
    stop: async () => {
      stopped = true;
      for (const wake of [...sleepers]) wake();
      await Promise.all([...inFlight]);
    },
  };
}
