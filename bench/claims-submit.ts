/**
 * Claims end to end on the local stack (`npm start` in its own process), issue 12's benchmark:
 *   1. setup (timed, not a goal; see claims-setup.ts): an approval policy auto-approving below 100.00 USD,
 *      `BENCH_PARTNERS` (default `BENCH_CLAIMS`) partners with bank details, each with one fund on one of the
 *      four demo programs, credited exactly what its claims will add up to;
 *   2. spread: `BENCH_CLAIMS` claims below the threshold, round robin over the partners (many funds),
 *      submitted by `BENCH_WORKERS` workers as the partners themselves: claims/s and p50/p99 of
 *      `POST /claims`, then claims/s from the first submit until the workflow approved all (payable);
 *   3. hot fund: `BENCH_HOT_CLAIMS` claims on one partner's one fund, reported the same way;
 *   4. decisions: `BENCH_WAITING_TASKS` claims above the threshold wait for an approver; each is decided
 *      one after another while the others wait: p50/p99 of `POST /approvals/{taskId}/decision`;
 *   5. checks: every partner's checkbook shows nothing reserved and everything claimed, to the cent; one
 *      bank-transfer payment batch of every claim, approved by a second finance user; its pain.001 export
 *      timed, its CtrlSum and NbOfTxs checked against the claims.
 * Wrong results (a claim not validated or approved, a cent off) make `npm run bench` exit 1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { localSigningKey, signLocalToken } from '../infra/local/local-auth';
import { freePort } from '../infra/local/preflight';
import { startStack } from './api-load';
import { type Call, httpClient, inParallel, latencyFigures } from './claims-http';
import { verifyPayments } from './claims-payments';
import {
  type ClaimsPlan,
  claimRequest,
  creditMargin,
  type PlannedClaim,
  planClaims,
  usd,
} from './claims-plan';
import { seedPartnersAndFunds, storeApprovalPolicy } from './claims-setup';
import { childrenOf, cpuMilliseconds } from './process-cpu';

const count = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number ≥ 0`);
  return value;
};

const seconds = (since: number) => (performance.now() - since) / 1000;
/** Where a long run is, on stderr (the figures go to stdout at the end). */
const progress = (what: string) =>
  console.error(`claims bench ${new Date().toISOString().slice(11, 19)}: ${what}`);
const pause = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** Submits `claims` as their partners, `workers` at a time: throughput, latency, and how many validated. */
async function submitAll(
  call: Call,
  tokenOf: (partnerId: string) => Promise<string>,
  claims: readonly PlannedClaim[],
  workers: number,
) {
  const latencies: number[] = [];
  let resent = 0;
  const claimIds = new Set<string>();
  const started = performance.now();
  const outcomes = await inParallel(claims, workers, async (claim) => {
    const token = await tokenOf(claim.partnerId);
    const sent = performance.now();
    // Keyed, so a submit whose connection broke can be sent again without claiming twice.
    const submit = () =>
      call('POST', '/claims', token, claimRequest(claim), { 'idempotency-key': claim.reference });
    const answer = await submit().catch(() => {
      resent++;
      return submit();
    });
    latencies.push(performance.now() - sent);
    if (typeof answer.json?.claimId === 'string') claimIds.add(answer.json.claimId);
    return answer.status < 300 && answer.json.status === 'validated';
  });
  const elapsed = seconds(started);
  const validated = outcomes.filter(Boolean).length;
  return {
    started,
    claimIds,
    figures: {
      claims: claims.length,
      validated,
      errors: claims.length - validated,
      resent,
      submitClaimsPerSecond: Math.round(claims.length / elapsed),
      ...latencyFigures(latencies),
    },
  };
}

/**
 * Waits until none of `ours` is left `validated` or `inApproval`: all decided (payable) or failed. Claims
 * the demo seeds leave waiting for a person are not the bench's to wait for.
 */
async function untilNoneInApproval(
  call: Call,
  token: string,
  ours: ReadonlySet<string>,
  deadlineSeconds = 1_800,
) {
  const started = performance.now();
  for (;;) {
    const pending = await Promise.all(
      ['validated', 'inApproval'].map((status) => claimIdsIn(call, token, status, ours)),
    );
    if (!pending.flat().some((claimId) => ours.has(claimId))) return;
    if (seconds(started) > deadlineSeconds) throw new Error('claims still in approval after the deadline');
    await pause(200);
  }
}

/**
 * The ids of the claims in `status` (paging through all of them), or up to the first page holding one of
 * `stopAt`: a wait polling while thousands of claims are pending would otherwise load the stack it measures.
 */
async function claimIdsIn(
  call: Call,
  token: string,
  status: string,
  stopAt?: ReadonlySet<string>,
): Promise<string[]> {
  const claimIds: string[] = [];
  let cursor: string | undefined;
  do {
    if (stopAt !== undefined && claimIds.some((claimId) => stopAt.has(claimId))) break;
    const page = await call(
      'GET',
      `/claims?status=${status}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      token,
    );
    claimIds.push(...(page.json.items as { claimId: string }[]).map((claim) => claim.claimId));
    cursor = page.json.nextCursor as string | undefined;
  } while (cursor);
  return claimIds;
}

/** CPU milliseconds used so far by the stack's process and by DynamoDB Local (its child). */
export type CpuSampler = () => {
  stack?: number | undefined;
  dynamoDb?: number | undefined;
  bench: number;
};

/** Submit, then time until the workflow approved every claim; the approved count must equal the submitted. */
async function submitAndApprove(
  call: Call,
  tokenOf: (partnerId: string) => Promise<string>,
  finance: string,
  claims: readonly PlannedClaim[],
  workers: number,
  cpu: CpuSampler,
) {
  const before = cpu();
  const submitted = await submitAll(call, tokenOf, claims, workers);
  const submitEnd = cpu();
  await untilNoneInApproval(call, finance, submitted.claimIds);
  const toPayable = seconds(submitted.started);
  const after = cpu();
  // What one claim costs, submitted and through the workflow to payable, whatever else runs on the machine.
  const perClaim = (from?: number, to?: number) =>
    from === undefined || to === undefined ? undefined : Math.round((10 * (to - from)) / claims.length) / 10;
  return {
    claimIds: submitted.claimIds,
    ...submitted.figures,
    workflowClaimsPerSecond: Math.round(claims.length / toPayable),
    stackCpuMsPerClaim: perClaim(before.stack, after.stack),
    dynamoDbCpuMsPerClaim: perClaim(before.dynamoDb, after.dynamoDb),
    // The load generator shares the machine's cores with the stack: what it takes is not the stack's to use.
    benchCpuMsPerClaim: perClaim(before.bench, after.bench),
    // Split at the last submit's answer: workflows run beside the submits, so the first window holds the
    // submits and the workflows that kept up; the second, the workflows still queued when submits ended.
    cpuMsPerClaimUntilLastSubmit: {
      stack: perClaim(before.stack, submitEnd.stack),
      dynamoDb: perClaim(before.dynamoDb, submitEnd.dynamoDb),
    },
    cpuMsPerClaimAfterLastSubmit: {
      stack: perClaim(submitEnd.stack, after.stack),
      dynamoDb: perClaim(submitEnd.dynamoDb, after.dynamoDb),
    },
    loadAverage: loadavg()[0]?.toFixed(1),
  };
}

/** The open approval tasks of `ours` (claims) in the approver's inbox, not those the demo seeds left there. */
async function inbox(call: Call, token: string, ours: ReadonlySet<string>): Promise<string[]> {
  const taskIds: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await call(
      'GET',
      `/approvals?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      token,
    );
    const tasks = page.json.items as { taskId: string; subject: { id: string } }[];
    taskIds.push(...tasks.filter((task) => ours.has(task.subject.id)).map((task) => task.taskId));
    cursor = page.json.nextCursor as string | undefined;
  } while (cursor);
  return taskIds;
}

/** W claims wait for an approver; they are decided one after another, each timed. */
async function decideWaiting(
  call: Call,
  tokenOf: (partnerId: string) => Promise<string>,
  tokens: { approver: string; finance: string },
  plan: ClaimsPlan,
  workers: number,
) {
  const submitted = await submitAll(call, tokenOf, plan.waiting, workers);
  let tasks = await inbox(call, tokens.approver, submitted.claimIds);
  for (let waited = 0; tasks.length < plan.waiting.length && waited < 3_000; waited++) {
    await pause(200);
    tasks = await inbox(call, tokens.approver, submitted.claimIds);
  }
  const latencies: number[] = [];
  let decided = 0;
  for (const taskId of tasks) {
    const sent = performance.now();
    const answer = await call('POST', `/approvals/${taskId}/decision`, tokens.approver, {
      decision: 'approve',
    });
    latencies.push(performance.now() - sent);
    if (answer.status === 200) decided++;
  }
  await untilNoneInApproval(call, tokens.finance, submitted.claimIds);
  return {
    claimIds: submitted.claimIds,
    waitingTasks: tasks.length,
    validated: submitted.figures.validated,
    decided,
    ...latencyFigures(latencies),
  };
}

/** Every partner's fund: nothing reserved, and claimed exactly Σ of its claims (all were approved). */
async function checkbooksExact(
  call: Call,
  finance: string,
  plan: ClaimsPlan,
  workers: number,
): Promise<boolean> {
  const exact = await inParallel(plan.partners, workers, async ({ partnerId, fund }) => {
    const expected = usd((plan.credit.get(partnerId) ?? creditMargin) - creditMargin);
    for (let attempt = 0; attempt < 50; attempt++) {
      const books = await call(
        'GET',
        `/partners/${partnerId}/checkbook?programId=${fund.programId}`,
        finance,
      );
      const book = (
        books.json.items as { fund: string; reserved: string; claimed: string }[] | undefined
      )?.find((each) => each.fund === fund.fund);
      if (book?.reserved === usd(0n) && book.claimed === expected) return true;
      // Settlement follows approval by a step: give the workflow a moment before calling it wrong.
      await pause(200);
    }
    return false;
  });
  return exact.every(Boolean);
}

export async function runClaimsBench(): Promise<Record<string, unknown>> {
  const claims = count('BENCH_CLAIMS', 10_000);
  const plan = planClaims({
    claims,
    partners: count('BENCH_PARTNERS', claims),
    hotClaims: count('BENCH_HOT_CLAIMS', 1_000),
    waitingTasks: count('BENCH_WAITING_TASKS', 1_000),
  });
  const workers = count('BENCH_WORKERS', 20);
  // `BENCH_DATA_ROOT=/dev/shm`: the stack's data (DynamoDB Local's files, executions) on tmpfs, no disk syncs.
  const dataDirectory = mkdtempSync(path.join(process.env.BENCH_DATA_ROOT ?? tmpdir(), 'chrm-claims-'));
  const [port, dynamoDbPort] = [await freePort(), await freePort()];
  const child = await startStack(port, dataDirectory, ['--dynamodb-port', String(dynamoDbPort)]);
  const call = httpClient(`http://127.0.0.1:${port}`);
  try {
    const key = localSigningKey(dataDirectory);
    const staff = (sub: string, role: 'admin' | 'finance' | 'approver' | 'channel_manager') =>
      signLocalToken(key, { sub, role });
    const tokens = {
      admin: await staff('bench-admin', 'admin'),
      finance: await staff('bench-finance', 'finance'),
      secondFinance: await staff('bench-finance-2', 'finance'),
      approver: await staff('bench-approver', 'approver'),
      manager: await staff('bench-manager', 'channel_manager'),
    };
    const partnerTokens = new Map<string, Promise<string>>();
    const tokenOf = (partnerId: string) => {
      const known = partnerTokens.get(partnerId);
      if (known) return known;
      const token = signLocalToken(key, { sub: `bench-${partnerId}`, role: 'partner', partnerId });
      partnerTokens.set(partnerId, token);
      return token;
    };

    let started = performance.now();
    await storeApprovalPolicy(call, tokens.admin);
    await seedPartnersAndFunds(`http://127.0.0.1:${dynamoDbPort}`, plan, workers);
    const setup = {
      partners: plan.partners.length,
      funds: plan.credit.size,
      seconds: Math.round(seconds(started)),
    };

    progress(`setup done in ${setup.seconds} s; spread claims`);
    const cpu: CpuSampler = () => {
      const [java] = childrenOf(child.pid);
      const own = process.cpuUsage();
      return {
        stack: cpuMilliseconds(child.pid),
        dynamoDb: cpuMilliseconds(java),
        bench: (own.user + own.system) / 1000,
      };
    };
    const { claimIds: spreadIds, ...spread } = await submitAndApprove(
      call,
      tokenOf,
      tokens.finance,
      plan.spread,
      workers,
      cpu,
    );
    progress(`spread ${JSON.stringify(spread)}; hot fund`);
    const { claimIds: hotIds, ...hotFund } = await submitAndApprove(
      call,
      tokenOf,
      tokens.finance,
      plan.hot,
      workers,
      cpu,
    );
    progress(`hot fund ${JSON.stringify(hotFund)}; decisions`);
    const { claimIds: waitingIds, ...decisions } = await decideWaiting(call, tokenOf, tokens, plan, workers);

    progress(`decisions ${JSON.stringify(decisions)}; checks and payment batch`);
    started = performance.now();
    const reservedExact = await checkbooksExact(call, tokens.finance, plan, workers);
    const checkSeconds = Math.round(seconds(started));
    const all = [...plan.spread, ...plan.hot, ...plan.waiting];
    const ours = new Set([...spreadIds, ...hotIds, ...waitingIds]);
    const approved = (await claimIdsIn(call, tokens.finance, 'approved')).filter((id) => ours.has(id)).length;
    const batch = await verifyPayments(call, tokens, `http://127.0.0.1:${dynamoDbPort}`, all);
    return {
      setup,
      spread,
      hotFund,
      decisions,
      checks: {
        submitted: all.length,
        approved,
        allApproved: approved === all.length,
        reservedExact,
        checkSeconds,
      },
      batch,
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dataDirectory, { recursive: true, force: true });
  }
}
