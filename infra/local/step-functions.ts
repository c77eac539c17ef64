import { randomUUID } from 'node:crypto';
import { StateMachine } from 'aws-local-stepfunctions';
import { AwsServiceError } from './aws-json-endpoint';
import { DurableRecords } from './durable-records';
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

/** What the stand-in keeps of an execution across restarts (see DurableRecords). */
export interface ExecutionRecord {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly input: string;
  readonly status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
  /** ISO times, so a record reads back as it was written. */
  readonly startDate: string;
  readonly stopDate?: string;
}

export interface Execution extends ExecutionRecord {
  /** Settles when this process stops running it (finished, or the stand-in closed). */
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
  private readonly running = new Map<string, { abort: () => void; done: Promise<void> }>();
  private closed = false;

  /** `executions` keeps every execution; those still RUNNING when a process died resume on start. */
  constructor(
    templates: readonly CfnTemplate[],
    resolver: IntrinsicResolver,
    private readonly functions: LocalFunctions,
    private readonly executions = new DurableRecords<ExecutionRecord>(undefined),
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
    // StartExecution is idempotent per name, as on AWS
    if (this.executions.get(executionArn)) return this.describeExecution(executionArn);
    const record: ExecutionRecord = {
      executionArn,
      stateMachineArn,
      name,
      input,
      status: 'RUNNING',
      startDate: new Date().toISOString(),
    };
    this.executions.put(executionArn, record);
    this.launch(definition, record);
    return this.describeExecution(executionArn);
  }

  /**
   * Runs again, from their start state and with their input, the executions that were RUNNING when the
   * last process stopped: the ingest task resumes from the file's checkpoint and every accrual-run step is
   * idempotent, so running a workflow again finishes its work without doing any of it twice.
   */
  resumeInterrupted(): ExecutionRecord[] {
    const interrupted = this.executions
      .all()
      .filter((record) => record.status === 'RUNNING' && !this.running.has(record.executionArn));
    for (const record of interrupted) {
      const definition = this.machines.get(record.stateMachineArn);
      if (definition) this.launch(definition, record);
      else
        this.settle(record, {
          status: 'FAILED',
          error: 'States.Runtime',
          cause: 'The state machine no longer exists',
        });
    }
    return interrupted;
  }

  describeExecution(executionArn: string): Execution {
    const record = this.executions.get(executionArn);
    if (!record)
      throw new AwsServiceError('ExecutionDoesNotExist', `Execution ${executionArn} does not exist`);
    return { ...record, done: this.running.get(executionArn)?.done ?? Promise.resolve() };
  }

  /**
   * Stops running executions without recording an outcome, so they stay RUNNING and resume at the next
   * start, as a process that dies would leave them.
   */
  async close(): Promise<void> {
    this.closed = true;
    const stopping = [...this.running.values()];
    for (const execution of stopping) execution.abort();
    await Promise.all(stopping.map((execution) => execution.done));
  }

  private launch(definition: AslDefinition, record: ExecutionRecord) {
    const machine = new StateMachine(definition as never, { validationOptions: { checkArn: false } });
    const run = machine.run(JSON.parse(record.input) as Json, {
      overrides: { taskResourceLocalHandlers: this.taskHandlers(definition) },
    });
    const done = run.result.then(
      (output) => this.settle(record, { status: 'SUCCEEDED', output: JSON.stringify(output) }),
      (error: unknown) => {
        const failure = error as {
          name?: string;
          message?: string;
          cause?: { name?: string; message?: string };
        };
        this.settle(record, {
          status: 'FAILED',
          error: failure.cause?.name ?? failure.name ?? 'States.Runtime',
          cause: failure.cause?.message ?? failure.message ?? '',
        });
      },
    );
    this.running.set(record.executionArn, { abort: run.abort, done });
  }

  private settle(record: ExecutionRecord, outcome: Partial<ExecutionRecord>) {
    this.running.delete(record.executionArn);
    if (this.closed) return;
    this.executions.put(record.executionArn, {
      ...record,
      ...outcome,
      stopDate: new Date().toISOString(),
    });
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
