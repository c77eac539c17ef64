// First: settings the functions' modules read when they load.
import './local-process-env';
import { parseArgs } from 'node:util';
import { demoSegmentAuthorizationNumber } from './demo/seed-demo-ship-and-debit';
import { defaultFunctionWorkers } from './function-workers';
import { defaultDataDirectory, type LocalStack, startLocalStack } from './local-stack';
import { LocalSetupError } from './preflight';

const usage = `Usage: npm start -- [--in-memory] [--port 3000] [--dynamodb-port N] [--data-dir .chrm-local] [--no-seed] [--function-workers N]`;

function portOption(name: string, text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new LocalSetupError(`${name} must be 0-65535\n${usage}`);
  return port;
}

function workerCount(text: string): number {
  const count = Number(text);
  if (!Number.isInteger(count) || count < 0 || count > 64)
    throw new LocalSetupError(
      `--function-workers must be 0-64 (0: handlers on the gateway's thread)\n${usage}`,
    );
  return count;
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      'in-memory': { type: 'boolean', default: false },
      port: { type: 'string', default: '3000' },
      // Fixed, so a benchmark can seed its data straight into the table; a free one otherwise.
      'dynamodb-port': { type: 'string', default: '0' },
      'data-dir': { type: 'string', default: defaultDataDirectory },
      'no-seed': { type: 'boolean', default: false },
      'function-workers': { type: 'string', default: String(defaultFunctionWorkers) },
      help: { type: 'boolean', default: false },
    },
  });
  return {
    ...values,
    port: portOption('--port', values.port),
    dynamoDbPort: portOption('--dynamodb-port', values['dynamodb-port']),
    functionWorkers: workerCount(values['function-workers']),
  };
}

function banner(stack: LocalStack, started: number, where: string) {
  const { apiUrl, tokens } = stack;
  const admin = tokens['demo-admin'];
  const partner = tokens['demo-partner-res-acme'];
  const north = tokens['demo-partner-dist-north'];
  return [
    '',
    `ChRM local stack is up at ${apiUrl} (started in ${((Date.now() - started) / 1000).toFixed(1)} s; ${where}; ${stack.seededRecords} demo records added)`,
    '',
    `Portal: open ${apiUrl}/ in a browser and sign in as a demo partner or staff user.`,
    '',
    ...(stack.seededFiles.length > 0
      ? ['Demo partner files ingested through S3 and the ingest workflow:']
      : []),
    ...stack.seededFiles.map(
      (file) =>
        `  ${file.partnerId.padEnd(12)} ${file.fileName.padEnd(30)} ${file.status} ${JSON.stringify(file.counts)}`,
    ),
    ...(stack.demoRun === undefined
      ? []
      : [
          '',
          `Demo accrual run ${stack.demoRun.runId} for March 2026 (${stack.demoRun.status}, ${stack.demoRun.lineCount} lines read):`,
          ...stack.demoRun.results.map(
            (result) =>
              `  ${result.programId.padEnd(18)} ${String(result.postings).padStart(4)} postings, earned ${JSON.stringify(result.earned)}`,
          ),
        ]),
    ...(stack.seededClaims.length === 0
      ? []
      : [
          '',
          'Demo claims of DIST-NORTH on VOL-SWITCH-2026 (submitted, decided and paid through the same use cases as the API):',
          ...stack.seededClaims.map(
            (claim) =>
              `  ${claim.status.padEnd(18)} ${claim.reference.padEnd(13)} ${claim.amount.padStart(10)} USD  ${claim.claimId}`,
          ),
        ]),
    ...(stack.seededShipAndDebit === undefined
      ? []
      : [
          '',
          `Demo ship & debit: authorization ${stack.seededShipAndDebit.authorizationNumber}, 844 claim ${stack.seededShipAndDebit.claimId} approved ${stack.seededShipAndDebit.amountApproved} USD (settling as ${stack.seededShipAndDebit.settlementClaimId ?? 'nothing'}, in the approver's inbox)`,
          `  claim uploaded as CSV: ${stack.seededShipAndDebit.csvClaimId} (file ${stack.seededShipAndDebit.csvFileId}), matched to blanket DA-DEMO-BLANKET`,
          `  segment blanket ${demoSegmentAuthorizationNumber}: SW-0001 to the EDU end customers C-21, C-22 (GET /end-customers?segment=EDU)`,
        ]),
    ...(stack.seededFundRequests.length === 0
      ? []
      : [
          '',
          'Demo fund requests of DIST-NORTH (GET /funds, /fund-requests, /fund-claims):',
          ...stack.seededFundRequests.map(
            (request) => `  ${request.status.padEnd(18)} ${request.requestId}  (${request.fundId})`,
          ),
        ]),
    ...(stack.seededPriceProtection === undefined
      ? []
      : [
          '',
          `Demo price protection run ${stack.seededPriceProtection.runId} (US-2026 SW-0007, book cost drop of 2026-07-01):`,
          `  DIST-CANADA claim ${stack.seededPriceProtection.claimId ?? '-'} ${stack.seededPriceProtection.amount ?? ''} USD, accepted, waiting for demo-approver (GET /approvals)`,
          `  DIST-CANADA recovery ${stack.seededPriceProtection.recoveryAmount ?? '-'} USD, open (WL-0001 cost rise of 2026-04-15: GET /price-protection-recoveries/${stack.seededPriceProtection.recoveryRunId}?partnerId=DIST-CANADA)`,
        ]),
    '',
    'Demo bearer tokens (valid 12 h):',
    ...Object.entries(tokens).map(([user, token]) => `  ${user.padEnd(26)} ${token}`),
    '',
    'Try:',
    `  curl ${apiUrl}/health`,
    `  curl -H "Authorization: Bearer ${admin}" "${apiUrl}/partners?partnerType=distributor"`,
    `  curl -H "Authorization: Bearer ${admin}" "${apiUrl}/price-lists/US-2026/prices/SW-0001?date=2026-08-15"`,
    `  curl -H "Authorization: Bearer ${partner}" ${apiUrl}/partners/RES-ACME`,
    `  curl -H "Authorization: Bearer ${partner}" ${apiUrl}/partners/DIST-NORTH   # another partner: 404`,
    `  curl -H "Authorization: Bearer ${north}" "${apiUrl}/channel-files"`,
    `  curl -H "Authorization: Bearer ${north}" "${apiUrl}/sales-lines?month=2026-03&limit=5"`,
    `  curl -H "Authorization: Bearer ${admin}" "${apiUrl}/inventory/WL-0001/position?partnerId=DIST-CANADA&from=2026-03-31&to=2026-03-31"`,
    `  curl -H "Authorization: Bearer ${admin}" "${apiUrl}/programs?status=active"`,
    `  curl -H "Authorization: Bearer ${admin}" "${apiUrl}/accrual-runs"`,
    `  curl -H "Authorization: Bearer ${north}" "${apiUrl}/partners/DIST-NORTH/checkbook"`,
    `  curl -H "Authorization: Bearer ${north}" "${apiUrl}/claims"`,
    `  curl -H "Authorization: Bearer ${north}" "${apiUrl}/payment-batches"`,
    `  curl -H "Authorization: Bearer ${north}" "${apiUrl}/debit-authorizations"`,
    `  curl -H "Authorization: Bearer ${north}" "${apiUrl}/ship-and-debit-claims"`,
    `  curl -H "Authorization: Bearer ${tokens['demo-approver']}" "${apiUrl}/approvals"`,
    `  curl -H "Authorization: Bearer ${admin}" "${apiUrl}/gl-journal?from=2026-03-01&to=2026-03-31"`,
    '',
    'Press Ctrl-C to stop.',
  ].join('\n');
}

async function main() {
  const started = Date.now();
  const options = parseOptions();
  if (options.help) return console.log(usage);
  const stack = await startLocalStack({
    apiPort: options.port,
    dynamoDbPort: options.dynamoDbPort,
    inMemory: options['in-memory'],
    dataDirectory: options['data-dir'],
    seed: !options['no-seed'],
    functionWorkers: options.functionWorkers,
  });
  const where = options['in-memory'] ? 'data in memory' : `data kept in ${options['data-dir']}`;
  console.log(
    options.functionWorkers
      ? `API handlers run in ${options.functionWorkers} worker thread(s).`
      : "API handlers run on the gateway's thread (--function-workers N: on N worker threads).",
  );
  console.log(banner(stack, started, where));
  let stopping = false;
  const shutdown = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await stack.stop();
    console.log('Stopped.');
    process.exit(exitCode);
  };
  process.on('SIGINT', () => shutdown(0));
  process.on('SIGTERM', () => shutdown(0));
  // An error nothing caught still stops every child (DynamoDB Local) before the process ends.
  const crash = (error: unknown) => {
    console.error('ChRM local stack failed:', error);
    void shutdown(1);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
}

main().catch((error: unknown) => {
  if (
    error instanceof LocalSetupError ||
    (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
  ) {
    console.error(`Cannot start ChRM locally: ${(error as Error).message}`);
  } else {
    console.error('ChRM local stack failed to start:', error);
  }
  process.exit(1);
});
