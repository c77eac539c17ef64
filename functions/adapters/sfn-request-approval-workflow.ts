import { ExecutionAlreadyExists, type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { RequestSubjectRef } from '../../domain/approvals/approval-subject';
import type { RequestApprovalWorkflow } from '../../domain/approvals/ports';
import { approvalExecutionName } from './sfn-claim-approval-workflow';

/**
 * Starts a request's approval workflow; the execution is named after the request (kind and id), so a
 * repeated submit, or a retry after a crash between storing and starting, starts nothing more.
 */
export class SfnRequestApprovalWorkflow implements RequestApprovalWorkflow {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  async start(subject: RequestSubjectRef): Promise<void> {
    try {
      await this.client.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name: approvalExecutionName(`${subject.kind}-${subject.id}`),
          input: JSON.stringify({ subject }),
        }),
      );
    } catch (error) {
      if (!(error instanceof ExecutionAlreadyExists)) throw error;
    }
  }
}
