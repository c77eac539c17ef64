import { serveAwsJson } from './aws-json-endpoint';
import type { Execution, LocalStepFunctions } from './step-functions';

const epochSeconds = (date: string | undefined) => (date ? Date.parse(date) / 1000 : undefined);

function describedExecution(execution: Execution) {
  return {
    executionArn: execution.executionArn,
    stateMachineArn: execution.stateMachineArn,
    name: execution.name,
    status: execution.status,
    input: execution.input,
    output: execution.output,
    error: execution.error,
    cause: execution.cause,
    startDate: epochSeconds(execution.startDate),
    stopDate: epochSeconds(execution.stopDate),
  };
}

/** The Step Functions API (AWS JSON 1.0) over the local runner, for unmodified `@aws-sdk/client-sfn` code. */
export function serveStepFunctions(stepFunctions: LocalStepFunctions, port: number) {
  return serveAwsJson(
    port,
    {
      StartExecution: (body) => {
        const execution = stepFunctions.startExecution(
          String(body.stateMachineArn),
          body.input === undefined ? undefined : String(body.input),
          body.name === undefined ? undefined : String(body.name),
        );
        return { executionArn: execution.executionArn, startDate: epochSeconds(execution.startDate) };
      },
      DescribeExecution: (body) =>
        describedExecution(stepFunctions.describeExecution(String(body.executionArn))),
      SendTaskSuccess: (body) => {
        stepFunctions.tasks.succeed(body.taskToken, body.output);
        return {};
      },
      SendTaskFailure: (body) => {
        stepFunctions.tasks.fail(body.taskToken, body.error, body.cause);
        return {};
      },
      SendTaskHeartbeat: (body) => {
        stepFunctions.tasks.heartbeat(body.taskToken);
        return {};
      },
    },
    'application/x-amz-json-1.0',
  );
}
