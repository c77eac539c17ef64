/**
 * Runs the local stack in its own process on a data dir, so a test can kill it (SIGKILL, no cleanup) as a
 * machine can die, then start it again on the same data. Prints one line, `upLinePrefix` + JSON, once it is up.
 */
import { type DemoSeedDepth, demoSeedDepths, startLocalStack } from '../../infra/local/local-stack';
import { upLinePrefix } from './stack-up-line';

/** Argv: the data dir, then how much demo data to seed (a `DemoSeedDepth`, or `no-seed`). */
const [dataDirectory = '', seed = 'no-seed'] = process.argv.slice(2);
const depth = demoSeedDepths.find((candidate): candidate is DemoSeedDepth => candidate === seed);
const stack = await startLocalStack({ dataDirectory, seed: depth ?? false, apiPort: 0 });
// Prefixed: the handlers running in this process log JSON lines (Powertools) to the same stdout.
process.stdout.write(
  `${upLinePrefix}${JSON.stringify({
    apiUrl: stack.apiUrl,
    tokens: stack.tokens,
    s3: stack.endpoints.s3,
    resumed: stack.resumedExecutions.map((execution) => execution.name),
  })}\n`,
);
process.once('SIGTERM', () => void stack.stop().then(() => process.exit(0)));
