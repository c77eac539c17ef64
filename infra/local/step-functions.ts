import { randomUUID } from 'node:crypto';
import { StateMachine } from 'aws-local-stepfunctions';
import { AwsServiceError } from './aws-json-endpoint';
import { functionIdFromArn, type IntrinsicResolver, localAccount, localRegion } from './intrinsics';
import type { LocalFunctions } from './local-functions';
import { type CfnTemplate, resourcesOfType } from './template';

// aws-local-stepfunctions uses Promise.withResolvers, which Node 20 lacks.
if (!('withResolvers' in Promise)) {
  Object.assign(Promise, {
    withResolvers<T>() {
      let resolve!: (value: T) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((onResolve, onReject) => {
        resolve = onResolve;
        reject = onReject;
      });
      return { promise, resolve, reject };
    },
  });
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type AslState = {
  Type: string;
  Resource?: string;
  Parameters?: Record<string, Json>;
  [key: string]: unknown;
};
interface AslDefinition {
  States: Record<string, AslState>;
  [key: string]: unknown;
}

export interface Execution {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly input: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  output?: string;
  error?: string;
  cause?: string;
  readonly startDate: Date;
  stopDate?: Date;
  readonly done: Promise<void>;
}

/** Every Task state of a definition, including those nested in Map and Parallel states. */
function taskStates(definition: AslDefinition): [string, AslState][] {
  return Object.entries(definition.States).flatMap(([name, state]): [string, AslState][] => {
    const nested = [
      ...((state.Branches as AslDefinition[] | undefined) ?? []),
      ...[state.ItemProcessor, state.Iterator].filter((inner): inner is AslDefinition => inner !== undefined),
    ];
    return [
      ...(state.Type === 'Task' ? [[name, state] as [string, AslState]] : []),
      ...nested.flatMap(taskStates),
    ];
  });
}

/**
 * Runs the template's state machines with aws-local-stepfunctions. Lambda tasks (`lambda:invoke`) call the
 * same handlers in this process and return the invoke response shape ({ Payload, StatusCode }), so
 * ResultSelector and OutputPath in the definitions behave as on AWS.
 */
export class LocalStepFunctions {
  private readonly machines = new Map<string, AslDefinition>();
  private readonly executions = new Map<string, Execution>();

  constructor(
    templates: readonly CfnTemplate[],
    resolver: IntrinsicResolver,
    private readonly functions: LocalFunctions,
  ) {
    for (const template of templates) {
      for (const [logicalId, resource] of resourcesOfType(template, 'AWS::StepFunctions::StateMachine')) {
        const definition = JSON.parse(
          String(resolver.resolve(resource.Properties?.DefinitionString, template)),
        );
        this.machines.set(
          `arn:aws:states:${localRegion}:${localAccount}:stateMachine:${logicalId}`,
          definition,
        );
      }
    }
  }

  get stateMachineArns(): string[] {
    return [...this.machines.keys()];
  }

  startExecution(stateMachineArn: string, input = '{}', name: string = randomUUID()): Execution {
    const definition = this.machines.get(stateMachineArn);
    if (!definition)
      throw new AwsServiceError(
        'StateMachineDoesNotExist',
        `State machine ${stateMachineArn} does not exist`,
      );
    const executionArn = `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
    const existing = this.executions.get(executionArn);
    if (existing) return existing; // StartExecution is idempotent per name, as on AWS
    const machine = new StateMachine(definition as never, { validationOptions: { checkArn: false } });
    const run = machine.run(JSON.parse(input) as Json, {
      overrides: { taskResourceLocalHandlers: this.taskHandlers(definition) },
    });
    const execution: Execution = {
      executionArn,
      stateMachineArn,
      name,
      input,
      status: 'RUNNING',
      startDate: new Date(),
      done: run.result.then(
        (output) => {
          Object.assign(execution, {
            status: 'SUCCEEDED',
            output: JSON.stringify(output),
            stopDate: new Date(),
          });
        },
        (error: unknown) => {
          const failure = error as {
            name?: string;
            message?: string;
            cause?: { name?: string; message?: string };
          };
          Object.assign(execution, {
            status: 'FAILED',
            error: failure.cause?.name ?? failure.name ?? 'States.Runtime',
            cause: failure.cause?.message ?? failure.message ?? '',
            stopDate: new Date(),
          });
        },
      ),
    };
    this.executions.set(executionArn, execution);
    return execution;
  }

  describeExecution(executionArn: string): Execution {
    const execution = this.executions.get(executionArn);
    if (!execution)
      throw new AwsServiceError('ExecutionDoesNotExist', `Execution ${executionArn} does not exist`);
    return execution;
  }

  private taskHandlers(definition: AslDefinition) {
    const handlers: Record<string, (input: Json) => Promise<Json>> = {};
    for (const [name, state] of taskStates(definition)) {
      if (!state.Resource?.startsWith('arn:aws:states:::lambda:invoke')) continue;
      handlers[name] = async (input) => {
        const { FunctionName, Payload } = input as { FunctionName: string; Payload: Json };
        const result = await this.functions.invoke(functionIdFromArn(FunctionName), Payload);
        return { Payload: (result ?? null) as Json, StatusCode: 200, ExecutedVersion: '$LATEST' };
      };
    }
    return handlers;
  }
}
