import {
  InvalidToken,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  type SFNClient,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import type { ApprovalStepResult } from '../../domain/approvals/approval-workflow-state';
import type { ApprovalWorkflowResumer } from '../../domain/approvals/ports';

/** Where a task's token is read: the task store, which alone keeps it. */
export interface TaskTokens {
  tokenOf(taskId: string): Promise<string | undefined>;
}

/** A wait that is over already: the execution stopped waiting (timed out, escalated) or ended. */
const waitOver = (error: unknown) =>
  error instanceof TaskTimedOut || error instanceof TaskDoesNotExist || error instanceof InvalidToken;

/** Resumes a claim-approval execution with SendTaskSuccess / SendTaskFailure, reading the token server-side. */
export class SfnApprovalResumer implements ApprovalWorkflowResumer {
  constructor(
    private readonly client: SFNClient,
    private readonly tokens: TaskTokens,
  ) {}

  succeed(taskId: string, result: ApprovalStepResult): Promise<boolean> {
    return this.send(
      taskId,
      (taskToken) => new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(result) }),
    );
  }

  fail(taskId: string, error: string, cause: string): Promise<boolean> {
    return this.send(taskId, (taskToken) => new SendTaskFailureCommand({ taskToken, error, cause }));
  }

  private async send(
    taskId: string,
    command: (token: string) => SendTaskSuccessCommand | SendTaskFailureCommand,
  ): Promise<boolean> {
    const token = await this.tokens.tokenOf(taskId);
    if (token === undefined) return false;
    try {
      await this.client.send(command(token) as SendTaskSuccessCommand);
      return true;
    } catch (error) {
      if (waitOver(error)) return false;
      throw error;
    }
  }
}
