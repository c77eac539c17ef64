import { describe, expect, it } from 'vitest';
import { StopSteps } from '../../../infra/local/stop-steps';

describe('stopping a local stack', () => {
  it('stops in reverse order; a step that never ends is named after its bound and the others still stop', async () => {
    const warnings: string[] = [];
    const steps = new StopSteps(50, (message) => warnings.push(message));
    const stopped: string[] = [];
    steps.add('DynamoDB Local', async () => {
      stopped.push('DynamoDB Local');
    });
    steps.add('Step Functions', () => new Promise<void>(() => undefined));
    steps.add('S3', async () => {
      throw new Error('socket hang up');
    });
    steps.add('API gateway', async () => {
      stopped.push('API gateway');
    });

    await steps.stopAll();

    expect(stopped).toEqual(['API gateway', 'DynamoDB Local']);
    expect(warnings).toEqual([
      'Local stack: stopping S3 failed: socket hang up',
      'Local stack: Step Functions did not stop within 0.05 s; going on without it',
    ]);
    // A second stop has nothing left to stop.
    await steps.stopAll();
    expect(stopped).toHaveLength(2);
  });
});
