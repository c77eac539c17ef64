import { createHash } from 'node:crypto';
import { type Json, longestTimerMs } from './asl-definition';
import { AwsServiceError } from './aws-json-endpoint';
import { DurableRecords } from './durable-records';
import { statesTimeoutError } from './step-functions-library';

/**
 * `waiting` until SendTaskSuccess (`succeeded`), SendTaskFailure (`failed`), a timeout or missed heartbeat
 * (`timedOut`), or the end of its execution (`closed`). Only a waiting token accepts a send.
 */
export type TaskTokenStatus = 'waiting' | 'succeeded' | 'failed' | 'timedOut' | 'closed';

/** One callback task: one entry of a `.waitForTaskToken` state in an execution. */
export interface TaskTokenRecord {
  readonly token: string;
  readonly executionArn: string;
  readonly stateName: string;
  /** 1 for the first time the execution enters the state, 2 for a retry or a loop back to it, … */
  readonly occurrence: number;
  /** ISO times: the task's TimeoutSeconds counts from `startedAt`, its HeartbeatSeconds from the last beat. */
  readonly startedAt: string;
  readonly heartbeatAt?: string;
  /** The Lambda given the token returned, so a resumed execution does not invoke it again. */
  readonly tokenDelivered: boolean;
  readonly status: TaskTokenStatus;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
}

export interface TaskLimits {
  readonly timeoutSeconds?: number | undefined;
  readonly heartbeatSeconds?: number | undefined;
}

interface Waiter {
  readonly resolve: (output: Json) => void;
  readonly reject: (error: Error) => void;
  readonly limits: TaskLimits;
  timers: NodeJS.Timeout[];
}

const taskError = (name: string, message: string) => Object.assign(new Error(message), { name });

/**
 * The task tokens of the Step Functions stand-in, kept in DurableRecords beside the executions.
 *
 * Why it survives a restart: the stand-in runs an interrupted execution again from its start, so a token
 * is derived from what that re-run reproduces (execution ARN, state name, occurrence) rather than drawn at
 * random. The token a Lambda stored before the process stopped is then the one the resumed execution waits
 * on, and its record says whether the Lambda already ran (it is not invoked twice) and whether an outcome
 * was already accepted: a SendTaskSuccess/Failure is written here before it is acknowledged, so a resumed
 * execution reaching that task again takes the outcome at once instead of waiting forever. Timeouts and
 * heartbeats count from the recorded times, so a restart neither extends nor resets them.
 */
export class TaskTokens {
  private readonly waiters = new Map<string, Waiter>();
  private readonly byExecution = new Map<string, Set<string>>();

  constructor(
    private readonly records = new DurableRecords<TaskTokenRecord>(undefined),
    private readonly now: () => number = Date.now,
  ) {
    for (const record of records.all()) this.index(record);
  }

  /** The same token in every run of an execution; opaque and URL-safe, as AWS's are. */
  static tokenFor(executionArn: string, stateName: string, occurrence: number): string {
    return createHash('sha256')
      .update(JSON.stringify([executionArn, stateName, occurrence]))
      .digest('base64url');
  }

  /** The task's record, created waiting at its first entry. */
  open(executionArn: string, stateName: string, occurrence: number): TaskTokenRecord {
    const token = TaskTokens.tokenFor(executionArn, stateName, occurrence);
    const existing = this.records.get(token);
    if (existing) return existing;
    const record: TaskTokenRecord = {
      token,
      executionArn,
      stateName,
      occurrence,
      startedAt: new Date(this.now()).toISOString(),
      tokenDelivered: false,
      status: 'waiting',
    };
    this.records.put(token, record);
    this.index(record);
    return record;
  }

  get(token: string): TaskTokenRecord | undefined {
    return this.records.get(token);
  }

  markDelivered(token: string): void {
    const record = this.require(token);
    this.records.put(token, { ...record, tokenDelivered: true });
  }

  /**
   * The task's outcome: the output sent with SendTaskSuccess, or the error of SendTaskFailure or of a
   * timeout, at once when it is already known, else when it comes.
   */
  outcome(token: string, limits: TaskLimits): Promise<Json> {
    const record = this.require(token);
    if (record.status !== 'waiting') return this.outcomeOf(record);
    return new Promise<Json>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, limits, timers: [] };
      this.waiters.set(token, waiter);
      this.arm(record, waiter);
    });
  }

  /** SendTaskSuccess. */
  succeed(token: unknown, output: unknown): void {
    const record = this.sendable(token);
    if (typeof output !== 'string' || !isJson(output))
      throw new AwsServiceError('InvalidOutput', 'The output is not valid JSON');
    this.close(record, { status: 'succeeded', output });
  }

  /** SendTaskFailure. */
  fail(token: unknown, error?: unknown, cause?: unknown): void {
    const record = this.sendable(token);
    this.close(record, {
      status: 'failed',
      error: error === undefined ? '' : String(error),
      cause: cause === undefined ? '' : String(cause),
    });
  }

  /** The Lambda given the token threw: the task fails with its error, unless a send closed it first. */
  workFailed(token: string, error: Error): void {
    const record = this.require(token);
    if (record.status === 'waiting')
      this.close(record, { status: 'failed', error: error.name, cause: error.message });
  }

  /** SendTaskHeartbeat: the task's HeartbeatSeconds count again from now. */
  heartbeat(token: unknown): void {
    const record = this.sendable(token);
    const beaten = { ...record, heartbeatAt: new Date(this.now()).toISOString() };
    this.records.put(record.token, beaten);
    const waiter = this.waiters.get(record.token);
    if (waiter) this.arm(beaten, waiter);
  }

  /** The execution ended (succeeded, failed, aborted): its tasks still waiting accept nothing more. */
  closeExecution(executionArn: string): void {
    for (const token of this.byExecution.get(executionArn) ?? []) {
      const record = this.require(token);
      if (record.status === 'waiting') this.close(record, { status: 'closed' });
    }
  }

  /** The stand-in stops: timers stop, records stay as they are for the next start. */
  stop(): void {
    for (const waiter of this.waiters.values()) for (const timer of waiter.timers) clearTimeout(timer);
    this.waiters.clear();
  }

  private index(record: TaskTokenRecord): void {
    const tokens = this.byExecution.get(record.executionArn) ?? new Set<string>();
    tokens.add(record.token);
    this.byExecution.set(record.executionArn, tokens);
  }

  private require(token: string): TaskTokenRecord {
    const record = this.records.get(token);
    if (!record) throw new Error(`Local runtime: no task token ${token}`);
    return record;
  }

  /** A token a send may act on: known (else InvalidToken) and still waiting (else TaskTimedOut). */
  private sendable(token: unknown): TaskTokenRecord {
    const record = typeof token === 'string' ? this.records.get(token) : undefined;
    if (!record) throw new AwsServiceError('InvalidToken', 'Invalid token');
    if (record.status !== 'waiting')
      throw new AwsServiceError(
        'TaskTimedOut',
        'The task token has either expired or the task associated with the token has already been closed',
      );
    return record;
  }

  /** Records the outcome before anyone is told, then settles the waiting task, if this process has it. */
  private close(record: TaskTokenRecord, outcome: Partial<TaskTokenRecord>): void {
    const closed = { ...record, ...outcome };
    this.records.put(record.token, closed);
    const waiter = this.waiters.get(record.token);
    if (!waiter) return;
    this.waiters.delete(record.token);
    for (const timer of waiter.timers) clearTimeout(timer);
    this.outcomeOf(closed).then(waiter.resolve, waiter.reject);
  }

  private arm(record: TaskTokenRecord, waiter: Waiter): void {
    for (const timer of waiter.timers) clearTimeout(timer);
    const deadlines: [number | undefined, string, string][] = [
      [waiter.limits.timeoutSeconds, record.startedAt, 'States.Timeout'],
      [waiter.limits.heartbeatSeconds, record.heartbeatAt ?? record.startedAt, 'States.HeartbeatTimeout'],
    ];
    waiter.timers = deadlines.flatMap(([seconds, from, error]) => {
      if (seconds === undefined) return [];
      const delay = Math.max(0, Date.parse(from) + seconds * 1000 - this.now());
      // A month-long wait is longer than a timer can be: wake up before, and count again.
      if (delay > longestTimerMs) return [setTimeout(() => this.rearm(record.token), longestTimerMs)];
      return [setTimeout(() => this.expire(record.token, error), delay)];
    });
  }

  private rearm(token: string): void {
    const record = this.records.get(token);
    const waiter = this.waiters.get(token);
    if (record?.status === 'waiting' && waiter) this.arm(record, waiter);
  }

  private expire(token: string, error: string): void {
    const record = this.records.get(token);
    if (record?.status === 'waiting') this.close(record, { status: 'timedOut', error, cause: '' });
  }

  private async outcomeOf(record: TaskTokenRecord): Promise<Json> {
    switch (record.status) {
      case 'succeeded':
        return JSON.parse(record.output ?? 'null') as Json;
      case 'failed':
        throw taskError(record.error ?? '', record.cause ?? '');
      case 'timedOut':
        throw record.error === 'States.Timeout'
          ? await statesTimeoutError()
          : taskError(record.error ?? 'States.HeartbeatTimeout', record.cause ?? '');
      default:
        throw taskError('States.Runtime', `Task ${record.stateName} of ${record.executionArn} was closed`);
    }
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
