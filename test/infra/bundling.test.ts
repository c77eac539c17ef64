import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { ChrmFunction } from '../../infra/constructs/chrm-function';

describe('ChrmFunction bundling', () => {
  it('bundles a handler offline with esbuild into an ESM asset', () => {
    const app = new App();
    const stack = new Stack(app, 'BundlingTest');
    new ChrmFunction(stack, 'Health', { entry: 'functions/api/health/get-health.ts', description: 'health' });
    const assembly = app.synth();
    const bundle = readdirSync(assembly.directory)
      .filter((name) => name.startsWith('asset.'))
      .map((name) => path.join(assembly.directory, name, 'index.mjs'))
      .find((file) => existsSync(file));
    expect(bundle).toBeDefined();
    expect(readFileSync(bundle as string, 'utf8')).toContain('status');
  });
});
