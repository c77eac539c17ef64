import { useState } from 'preact/hooks';
import type { TraceComponent } from '../../../domain/accruals/accrual-entry';
import { callApi, downloadFromApi, segment } from '../api';
import type { AccrualRun, ExplainedEntry, Problem, ProgramRunResult, Replay } from '../api-types';
import {
  BackLink,
  DataTable,
  Figure,
  Money,
  ProblemView,
  problemOf,
  Show,
  StatusBadge,
  todayIso,
  useApiGet,
} from '../components';
import { formatQuantity } from '../money';
import { MorePages, usePages } from '../paging';
import { href, navigate } from '../router';
import type { Session } from '../session';

/** Amounts of several currencies, each formatted in its own ("$1,280.00 · €40.00"); never added together. */
const ByCurrency = ({ amounts }: { amounts: Readonly<Record<string, string>> }) => {
  const entries = Object.entries(amounts).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <>—</>;
  return (
    <>
      {entries.map(([currency, amount], index) => (
        <span key={currency}>
          {index > 0 && ' · '}
          <Money amount={amount} currency={currency} />
        </span>
      ))}
    </>
  );
};

/** A download button for a journal or report: the API's file, or its problem shown beside the button. */
function DownloadButton({
  session,
  path,
  fileName,
  label,
}: {
  session: Session;
  path: string;
  fileName: string;
  label: string;
}) {
  const [problem, setProblem] = useState<Problem | undefined>();
  return (
    <>
      <button
        type="button"
        class="secondary"
        onClick={() => {
          setProblem(undefined);
          downloadFromApi(session.token, path, fileName).catch((error) => setProblem(problemOf(error)));
        }}
      >
        {label}
      </button>
      {problem && <ProblemView problem={problem} />}
    </>
  );
}

/** The GL journal of an accounting-date range (optionally one program or partner), as the ERP imports it. */
function GlJournal({ session }: { session: Session }) {
  const today = todayIso();
  const [range, setRange] = useState({
    from: `${today.slice(0, 7)}-01`,
    to: today,
    programId: '',
    partnerId: '',
  });
  const [problem, setProblem] = useState<Problem | undefined>();
  const query = new URLSearchParams({ from: range.from, to: range.to });
  if (range.programId) query.set('programId', range.programId);
  if (range.partnerId) query.set('partnerId', range.partnerId);
  const field = (name: keyof typeof range) => ({
    id: `gl-${name}`,
    name,
    value: range[name],
    onInput: (event: Event) =>
      setRange({ ...range, [name]: (event.currentTarget as HTMLInputElement).value }),
  });
  return (
    <section aria-labelledby="gl-heading">
      <h2 id="gl-heading">GL journal</h2>
      <form
        class="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          setProblem(undefined);
          downloadFromApi(
            session.token,
            `/gl-journal?${query}`,
            `gl-journal-${range.from}-${range.to}.csv`,
          ).catch((error) => setProblem(problemOf(error)));
        }}
      >
        <label for="gl-from">Accounting dates from</label>
        <input type="date" required {...field('from')} />
        <label for="gl-to">to</label>
        <input type="date" required {...field('to')} />
        <label for="gl-programId">Program (optional)</label>
        <input size={14} {...field('programId')} />
        <label for="gl-partnerId">Partner (optional)</label>
        <input size={12} {...field('partnerId')} />
        <button type="submit">Download the GL journal (CSV)</button>
      </form>
      {problem && <ProblemView problem={problem} />}
    </section>
  );
}

/** Staff: accrual runs, newest last as the API lists them, with the GL journal download. */
export function AccrualRuns({ session }: { session: Session }) {
  const pages = usePages<AccrualRun>(session, '/accrual-runs?limit=50');
  return (
    <>
      <h1>Accrual runs</h1>
      <Show loaded={pages.loaded} what="the accrual runs">
        {(runs) =>
          runs.length === 0 ? (
            <p>No accrual run yet.</p>
          ) : (
            <DataTable
              caption="Accrual runs"
              testId="accrual-runs"
              columns={[
                'Run',
                'Trigger',
                'Period',
                'Accounting date',
                'Status',
                { label: 'Programs', num: true },
              ]}
            >
              {runs.map((run) => (
                <tr key={run.runId}>
                  <th scope="row">
                    <a href={href('runs', run.runId)}>{run.runId}</a>
                  </th>
                  <td>{run.trigger}</td>
                  <td>
                    <time dateTime={run.period.start}>{run.period.start}</time> –{' '}
                    <time dateTime={run.period.end}>{run.period.end}</time>
                  </td>
                  <td>
                    <time dateTime={run.accountingDate}>{run.accountingDate}</time>
                  </td>
                  <td>
                    <StatusBadge status={run.status} />
                  </td>
                  <td class="num">{run.results.length}</td>
                </tr>
              ))}
            </DataTable>
          )
        }
      </Show>
      <MorePages pages={pages} what="runs" />
      <GlJournal session={session} />
    </>
  );
}

/** Replay: recompute the run from its snapshot and program versions, and show whether each total agrees. */
function ReplayPanel({ session, runId }: { session: Session; runId: string }) {
  const [outcome, setOutcome] = useState<Replay | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();
  const [busy, setBusy] = useState(false);
  const replay = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      setOutcome(await callApi<Replay>(session.token, 'POST', `/accrual-runs/${segment(runId)}/replay`));
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="replay-heading">
      <div class="inline-form">
        <h2 id="replay-heading">Replay</h2>
        <button type="button" onClick={replay} disabled={busy}>
          Replay this run
        </button>
      </div>
      {problem && <ProblemView problem={problem} />}
      {outcome && (
        <>
          <p role="status" data-testid="replay-outcome" class={outcome.identical ? 'notice' : 'problem'}>
            {outcome.identical
              ? 'Replay identical: the same lines and every program total to the cent.'
              : 'Replay differs from the run as recorded (see below).'}{' '}
            Lines {outcome.lines.identical ? 'unchanged' : 'changed since the run'}.
          </p>
          <DataTable
            caption="Replayed totals per program"
            columns={['Program (version)', 'Recorded fingerprint', 'Replayed fingerprint', 'Same']}
          >
            {outcome.programs.map((program) => (
              <tr key={program.programId}>
                <th scope="row">
                  {program.programId} (v{program.programVersion})
                </th>
                <td>
                  <code>{program.recorded}</code>
                </td>
                <td>
                  <code>{program.replayed}</code>
                </td>
                <td>{program.identical ? 'yes' : 'NO'}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </section>
  );
}

function ResultsTable({ runId, results }: { runId: string; results: readonly ProgramRunResult[] }) {
  return (
    <DataTable
      caption="Results per program"
      testId="run-results"
      columns={[
        'Program (version)',
        { label: 'Entries', num: true },
        { label: 'Postings', num: true },
        { label: 'Posted by this run', num: true },
        { label: 'Earned period to date', num: true },
        'Explain',
      ]}
    >
      {results.map((result) => (
        <tr key={result.programId}>
          <th scope="row">
            {result.programId} (v{result.programVersion})
          </th>
          <td class="num">{result.entries}</td>
          <td class="num">{result.postings}</td>
          <td class="num">
            <ByCurrency amounts={result.posted} />
          </td>
          <td class="num">
            <ByCurrency amounts={result.earned} />
          </td>
          <td>
            <a
              href={href('runs', runId, result.programId)}
              aria-label={`Explain ${result.programId}'s entries`}
            >
              Explain entries
            </a>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** One run: what it read, each program's result (with a link to explain its entries), replay and journal. */
export function AccrualRunDetail({ session, runId }: { session: Session; runId: string }) {
  const [run] = useApiGet<AccrualRun>(session, `/accrual-runs/${segment(runId)}`);
  return (
    <>
      <h1>Accrual run {runId}</h1>
      <BackLink to={href('runs')}>Back to accrual runs</BackLink>
      <Show loaded={run} what="the run">
        {(found) => (
          <>
            <dl class="figures">
              <Figure label="Status">
                <StatusBadge status={found.status} />
              </Figure>
              <Figure label="Period" text>
                <time dateTime={found.period.start}>{found.period.start}</time> –{' '}
                <time dateTime={found.period.end}>{found.period.end}</time>
              </Figure>
              <Figure label="Accounting date" text>
                <time dateTime={found.accountingDate}>{found.accountingDate}</time>
              </Figure>
              <Figure label="Trigger" text>
                {found.trigger}
              </Figure>
            </dl>
            <h2>Results per program</h2>
            {found.results.length === 0 ? (
              <p>No program result yet.</p>
            ) : (
              <ResultsTable runId={found.runId} results={found.results} />
            )}
            <div class="actions">
              <DownloadButton
                session={session}
                path={`/accrual-runs/${segment(found.runId)}/journal`}
                fileName={`gl-journal-${found.runId}.csv`}
                label="Download this run's GL journal (CSV)"
              />
            </div>
            {found.status === 'completed' && <ReplayPanel session={session} runId={found.runId} />}
          </>
        )}
      </Show>
    </>
  );
}

/** How a tier and rate gave one pool's share: "tier 2 (from 100) at 2 per unit on 127 → 254.00". */
function ComponentLine({ component, currency }: { component: TraceComponent; currency: string }) {
  const tier = component.tierReached;
  return (
    <li>
      <strong>{component.method}</strong> on {component.pool}
      {component.poolVolume !== null && ` (volume ${formatQuantity(component.poolVolume)})`}:{' '}
      {tier ? `tier ${tier.index + 1} from ${formatQuantity(tier.from)}` : 'no tier'}
      {component.rate !== null && `, rate ${component.rate} (${component.rateType})`}
      {component.bands?.map((band) => (
        <span key={band.tierIndex}>
          {' '}
          · band {band.tierIndex + 1}: {formatQuantity(band.volume)} × {band.rate} ={' '}
          {formatQuantity(band.amount)}
        </span>
      ))}
      ; rated basis {formatQuantity(component.ratedBasis)} → {component.unroundedAmount} →{' '}
      <Money amount={component.roundedAmount} currency={currency} />
    </li>
  );
}

function EntryCard({ entry, index }: { entry: ExplainedEntry; index: number }) {
  const trace = entry.trace;
  const headingId = `entry-${index}`;
  return (
    <li class="card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {entry.partnerId}
        {entry.beneficiaryPartnerId !== entry.partnerId && ` → ${entry.beneficiaryPartnerId}`}
        {[entry.sku, entry.endCustomerId].map((dimension) =>
          typeof dimension === 'string' && dimension !== '' ? ` · ${dimension}` : '',
        )}{' '}
        · {entry.period} · {entry.fund}: <Money amount={entry.amount} currency={entry.currency} />
      </h2>
      {trace ? (
        <details data-testid="entry-trace">
          <summary>
            Explain: {trace.sourceLineIds.length} source line(s), version {trace.programVersion}
          </summary>
          <p>
            Measured <time dateTime={trace.window.from}>{trace.window.from}</time> to{' '}
            <time dateTime={trace.window.to}>{trace.window.to}</time>: {formatQuantity(trace.quantity)} units,{' '}
            <Money amount={trace.revenue} currency={entry.currency} /> revenue. Unrounded{' '}
            {trace.unroundedAmount}, rounded half-even to{' '}
            <Money amount={trace.roundedAmount} currency={entry.currency} />.
          </p>
          <h3>Tier and rate</h3>
          <ul>
            {/* The API documents components loosely; their shape is the domain's TraceComponent. */}
            {(trace.components as unknown as TraceComponent[]).map((component) => (
              <ComponentLine key={component.pool} component={component} currency={entry.currency} />
            ))}
          </ul>
          <h3>Source lines</h3>
          <ul class="source-lines">
            {trace.sourceLineIds.map((lineId) => (
              <li key={lineId}>
                <code>{lineId}</code>
              </li>
            ))}
          </ul>
        </details>
      ) : (
        <p class="muted">Totals only (the beneficiary view).</p>
      )}
    </li>
  );
}

/** A program's entries in a run with their traces: source lines, tier, rate and rounding. */
export function RunEntries({
  session,
  runId,
  programId,
  partnerId,
}: {
  session: Session;
  runId: string;
  programId: string;
  partnerId: string | undefined;
}) {
  const query = partnerId ? `?partnerId=${encodeURIComponent(partnerId)}` : '';
  const [entries] = useApiGet<{ items: ExplainedEntry[] }>(
    session,
    `/accrual-runs/${segment(runId)}/programs/${segment(programId)}/entries${query}`,
  );
  const here = href('runs', runId, programId);
  return (
    <>
      <h1>
        {programId} in {runId}
      </h1>
      <BackLink to={href('runs', runId)}>Back to the run</BackLink>
      <form
        class="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          const chosen = String(new FormData(event.currentTarget).get('partnerId')).trim();
          navigate(chosen ? `${here}?partnerId=${encodeURIComponent(chosen)}` : here);
        }}
      >
        <label for="entries-partner">Only the partner</label>
        {/* Uncontrolled: the entries arriving re-render the page and must not undo what was typed. */}
        <input
          id="entries-partner"
          name="partnerId"
          size={14}
          defaultValue={partnerId ?? ''}
          key={partnerId}
        />
        <button type="submit">Filter</button>
      </form>
      <Show loaded={entries} what="the entries">
        {({ items }) =>
          items.length === 0 ? (
            <p>No entry.</p>
          ) : (
            <ul class="cards" data-testid="run-entries">
              {items.map((entry, index) => (
                <EntryCard
                  key={`${entry.partnerId}/${entry.beneficiaryPartnerId}/${entry.period}/${entry.fund}/${String(index)}`}
                  entry={entry}
                  index={index}
                />
              ))}
            </ul>
          )
        }
      </Show>
    </>
  );
}
