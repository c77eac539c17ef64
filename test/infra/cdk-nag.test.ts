import { type Stack, Stage } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { synthChrmApp } from './synth-app';

/**
 * cdk-nag's findings of `level` in `stack`, read from the app's one synthesis. (`Annotations.fromStack`
 * forces a fresh synthesis of the whole app for every stack it is asked about: ~5 s each.)
 */
function nagFindings(stack: Stack, level: 'error' | 'warning') {
  const stage = Stage.of(stack);
  if (stage === undefined) throw new Error(`${stack.stackName} is in no app`);
  return stage
    .synth()
    .getStackArtifact(stack.artifactId)
    .messages.filter((message) => message.level === level && /AwsSolutions-/.test(String(message.entry.data)))
    .map((message) => `${message.id}: ${String(message.entry.data).split('\n')[0]}`);
}

describe('cdk-nag AwsSolutions', () => {
  const { apiRoutes, ...stacks } = synthChrmApp();
  const routeStacks = Object.entries(apiRoutes).map(
    ([context, stack]) => [`${context} routes`, stack] as const,
  );

  it.each([...Object.entries(stacks), ...routeStacks])(
    'finds no unsuppressed error or warning in the %s stack',
    (_name, stack) => {
      expect(nagFindings(stack, 'error')).toEqual([]);
      expect(nagFindings(stack, 'warning')).toEqual([]);
    },
  );
});
