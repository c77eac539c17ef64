import { defineConfig } from 'vitest/config';

/**
 * Four suites: unit (pure, no network), integration (handlers and adapters against DynamoDB Local),
 * infra (CDK assertions and cdk-nag), e2e (HTTP against the local runtime). Run one with `--project <name>`.
 */
// The tests' DynamoDB Local JVMs live seconds to minutes: the quick (C1) compiler and the serial collector
// cut their CPU by about a third, which the test files running beside them get back. Workers inherit it.
process.env.JAVA_TOOL_OPTIONS ??= '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC';

export default defineConfig({
  test: {
    // Two files at a time on CI's two cores: e2e and integration files spend much of their time waiting on
    // DynamoDB Local and the local stack, which the other file's work fills.
    maxWorkers: 2,
    projects: [
      {
        // Pure tests share one module cache: loading modules per file was most of this project's time.
        // Timeouts are not performance checks here (benchmarks are): a 20k-line engine test takes ~1 s alone
        // and past 5 s beside a loaded machine's other suites.
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], isolate: false, testTimeout: 30_000 },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/dynamodb-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          // One worker sharing its module cache, so the app is synthesized once for every infra file.
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
          isolate: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
