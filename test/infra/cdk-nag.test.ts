import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { synthChrmApp } from './synth-app';

describe('cdk-nag AwsSolutions', () => {
  const { apiRoutes, ...stacks } = synthChrmApp();
  const routeStacks = Object.entries(apiRoutes).map(
    ([context, stack]) => [`${context} routes`, stack] as const,
  );

  it.each([...Object.entries(stacks), ...routeStacks])(
    'finds no unsuppressed error or warning in the %s stack',
    (_name, stack) => {
      const annotations = Annotations.fromStack(stack);
      const errors = annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-.*'));
      const warnings = annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'));
      expect(errors.map((finding) => `${finding.id}: ${String(finding.entry.data).split('\n')[0]}`)).toEqual(
        [],
      );
      expect(
        warnings.map((finding) => `${finding.id}: ${String(finding.entry.data).split('\n')[0]}`),
      ).toEqual([]);
    },
  );
});
