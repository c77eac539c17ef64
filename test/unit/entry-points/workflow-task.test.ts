import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { InvalidTaskPayloadError, workflowTask } from '../../../functions/shared/entry-points';
import { logger } from '../../../functions/shared/logger';
import { countBusiness } from '../../../functions/shared/observability';
import { capturedStdout } from '../../support/stdout-lines';

const context = { functionName: 'PostProgram', awsRequestId: 'req-1' } as Context;
const contract = z.object({ runId: z.string().min(1), programVersion: z.number().int() });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a workflow task', () => {
  it('hands its function the payload its contract parsed, and its log lines carry the run id', async () => {
    const written = capturedStdout();
    const seen: unknown[] = [];
    const handler = workflowTask(contract, async (input) => {
      seen.push(input);
      logger.info('posting');
      return { ok: input.programVersion + 1 };
    });
    expect(await handler({ runId: 'run-7', programVersion: 2 }, context)).toEqual({ ok: 3 });
    expect(seen).toEqual([{ runId: 'run-7', programVersion: 2 }]);
    const line = JSON.parse(written.find((text) => text.includes('posting')) ?? '{}');
    expect(line).toMatchObject({ message: 'posting', runId: 'run-7', function_name: 'PostProgram' });
  });

  it('refuses a payload off its contract with InvalidTaskPayload naming the field, logged once, never run', async () => {
    const errors = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const task = vi.fn(async () => 'ran');
    const handler = workflowTask(contract, task);
    const failure = handler({ runId: '', programVersion: 1.5 }, context);
    await expect(failure).rejects.toBeInstanceOf(InvalidTaskPayloadError);
    await expect(failure).rejects.toMatchObject({ name: 'InvalidTaskPayload' });
    await expect(failure).rejects.toThrow(/runId[\s\S]*programVersion/);
    expect(task).not.toHaveBeenCalled();
    expect(errors).toHaveBeenCalledTimes(1);
  });
});

describe('business counts', () => {
  it('are published once per invocation as CloudWatch embedded metrics, and nothing is written without any', async () => {
    const written = capturedStdout();
    const posting = workflowTask(contract, async () => {
      countBusiness('PostingsWritten', 27);
      return 'posted';
    });
    await posting({ runId: 'run-7', programVersion: 1 }, context);
    const emf = written.map((text) => JSON.parse(text)).filter((line) => '_aws' in line);
    expect(emf).toHaveLength(1);
    expect(emf[0]).toMatchObject({ PostingsWritten: 27, service: 'chrm' });
    expect(emf[0]._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: 'ChRM',
      Metrics: [{ Name: 'PostingsWritten', Unit: 'Count' }],
    });

    written.length = 0;
    await workflowTask(contract, async () => 'nothing counted')(
      { runId: 'run-8', programVersion: 1 },
      context,
    );
    expect(written.filter((text) => text.includes('_aws'))).toEqual([]);
  });
});
