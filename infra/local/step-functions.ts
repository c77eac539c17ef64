import { randomUUID } from 'node:crypto';
import { type AslDefinition, type Json, runnerDefinition, taskStates } from './asl-definition';
import { AwsServiceError } from './aws-json-endpoint';
import {
  assertEmulatedCallback,
  callbackTaskHandler,
  isLambdaCallback,
  taskTokenPlaceholder,
} from './callback-task';
import { DurableRecords } from './durable-records';
import { functionIdFromArn, type IntrinsicResolver, localAccount, localRegion } from './intrinsics';
import type { LocalFunctions } from './local-functions';
import { StateMachine } from './step-functions-library';
import { type TaskTokenRecord, TaskTokens } from './task-tokens';
import { type CfnTemplate, resourcesOfType } from './template';

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

/**
 * Runs the template's state machines with aws-local-stepfunctions. Lambda tasks (`lambda:invoke`) call the
 * same handlers in this process and return the invoke response shape ({ Payload, StatusCode }), so
 * ResultSelector and OutputPath in the definitions behave as on AWS. Callback tasks
 * (`lambda:invoke.waitForTaskToken`) wait for SendTaskSuccess/Failure on their token (see TaskTokens).
 */
export class LocalStepFunctions {
  /**
   * Each definition with its runner, built once: building one validates the definition (ajv compiles its
   * schemas each time), which cost a third of the stack's CPU when built per execution (claims bench).
   */
  private readonly machines = new Map<string, { definition: AslDefinition; runner: StateMachine }>();
  private readonly running = new Map<string, { abort: () => void; done: Promise<void> }>();
  private closed = false;
  /** The callback tasks' tokens, for SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat. */
  readonly tasks: TaskTokens;

  /**
   * `executions` keeps every execution; those still RUNNING when a process died resume on start.
   * `taskTokens` keeps the callback tasks beside them, so a resumed execution waits on the same tokens.
   */
  constructor(
    templates: readonly CfnTemplate[],
    resolver: IntrinsicResolver,
    private readonly functions: Pick<LocalFunctions, 'invoke'>,
    private readonly executions = new DurableRecords<ExecutionRecord>(undefined),
    taskTokens = new DurableRecords<TaskTokenRecord>(undefined),
  ) {
    this.tasks = new TaskTokens(taskTokens);
    for (const template of templates) {
      for (const [logicalId, resource] of resourcesOfType(template, 'AWS::StepFunctions::StateMachine')) {
        const definition: AslDefinition = JSON.parse(
          String(resolver.resolve(resource.Properties?.DefinitionString, template)),
        );
        for (const [name, state] of taskStates(definition)) assertEmulatedCallback(name, state);
        this.machines.set(`arn:aws:states:${localRegion}:${localAccount}:stateMachine:${logicalId}`, {
          definition,
          runner: new StateMachine(runnerDefinition(definition) as never, {
            validationOptions: { checkArn: false },
          }),
        });
      }
    }
  }

  get stateMachineArns(): string[] {
    return [...this.machines.keys()];
  }

  startExecution(stateMachineArn: string, input = '{}', name: string = randomUUID()): Execution {
    const machine = this.machines.get(stateMachineArn);
    if (!machine)
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
    this.launch(machine, record);
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
      const machine = this.machines.get(record.stateMachineArn);
      if (machine) this.launch(machine, record);
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
    this.tasks.stop();
  }

  private launch(
    { definition, runner }: { definition: AslDefinition; runner: StateMachine },
    record: ExecutionRecord,
  ) {
    const run = runner.run(JSON.parse(record.input) as Json, {
      overrides: { taskResourceLocalHandlers: this.taskHandlers(definition, record) },
      context: {
        Execution: { Id: record.executionArn, Name: record.name },
        StateMachine: {
          Id: record.stateMachineArn,
          Name: record.stateMachineArn.slice(record.stateMachineArn.lastIndexOf(':') + 1),
        },
        Task: { Token: taskTokenPlaceholder },
      },
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
    this.tasks.closeExecution(record.executionArn);
    this.executions.put(record.executionArn, {
      ...record,
      ...outcome,
      stopDate: new Date().toISOString(),
    });
  }

  private taskHandlers(definition: AslDefinition, record: ExecutionRecord) {
    const handlers: Record<string, (input: Json) => Promise<Json>> = {};
    const scope = {
      tasks: this.tasks,
      functions: this.functions,
      executionArn: record.executionArn,
      occurrences: new Map<string, number>(),
    };
    for (const [name, state] of taskStates(definition)) {
      if (isLambdaCallback(state)) {
        handlers[name] = callbackTaskHandler(scope, name, state);
        continue;
      }
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
