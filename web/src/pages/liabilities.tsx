import type { LiabilitiesReport } from '../api-types';
import { Money, Show, useApiGet } from '../components';
import { formatMoney, progressPercent } from '../money';
import type { Session } from '../session';

type ProgramLiability = LiabilitiesReport['byProgram'][number];

/** The table's amount columns, in order. */
const amountColumns = [
  { column: 'earned', label: 'Earned' },
  { column: 'adjustments', label: 'Adjustments' },
  { column: 'claimed', label: 'Claimed' },
  { column: 'paid', label: 'Paid' },
  { column: 'balance', label: 'Open liability' },
] as const;
/** The totals shown per currency: the open liability and what it is made of. */
const totalFigures = [
  { label: 'Open liability ({currency})', column: 'balance' },
  { label: 'Not yet claimed', column: 'availableToClaim' },
  { label: 'Claimed, not yet paid', column: 'payable' },
] as const;
const barHeight = 22;
const labelWidth = 170;
const chartWidth = 640;

/**
 * Open liability by program in one currency as horizontal bars: an inline SVG (no chart library in the
 * bundle). Widths come from the exact strings (`progressPercent`); a negative balance draws no bar.
 */
function LiabilityChart({ currency, programs }: { currency: string; programs: readonly ProgramLiability[] }) {
  const largest = programs.reduce(
    (max, program) => (progressPercent(program.balance, '0', max) >= 100 ? program.balance : max),
    '0',
  );
  const barSpace = chartWidth - labelWidth - 120;
  return (
    <figure>
      <svg
        role="img"
        aria-labelledby={`chart-${currency}`}
        viewBox={`0 0 ${chartWidth} ${programs.length * (barHeight + 8) + 8}`}
        width="100%"
      >
        <title id={`chart-${currency}`}>Open liability by program in {currency}</title>
        {programs.map((program, index) => {
          const y = 8 + index * (barHeight + 8);
          const width = (progressPercent(program.balance, '0', largest) * barSpace) / 100;
          return (
            <g key={program.programId}>
              <text x={0} y={y + barHeight * 0.7} font-size="13">
                {program.programId}
              </text>
              <rect x={labelWidth} y={y} width={width} height={barHeight} fill="var(--accent)" rx={3} />
              <text x={labelWidth + width + 6} y={y + barHeight * 0.7} font-size="13">
                {formatMoney(program.balance, currency)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** Staff: open liability (earned + adjustments − paid) per currency, by program as a chart, and every row. */
export function Liabilities({ session }: { session: Session }) {
  const [report] = useApiGet<LiabilitiesReport>(session, '/reports/liabilities');
  return (
    <>
      <h1>Liabilities</h1>
      <Show loaded={report} what="the liabilities">
        {({ rows, byProgram, totals }) => (
          <>
            {totals.length === 0 && <p>Nothing accrued yet.</p>}
            {totals.map((total) => (
              <section key={total.currency} aria-label={`Liabilities in ${total.currency}`}>
                <dl class="figures" data-testid="liability-totals">
                  {totalFigures.map(({ label, column }) => (
                    <div key={column}>
                      <dt>{label.replace('{currency}', total.currency)}</dt>
                      <dd>
                        <Money amount={total[column]} currency={total.currency} />
                      </dd>
                    </div>
                  ))}
                </dl>
                <LiabilityChart
                  currency={total.currency}
                  programs={byProgram.filter((program) => program.currency === total.currency)}
                />
              </section>
            ))}
            <div class="table-scroll">
              <table>
                <caption class="muted">By program, partner and program period</caption>
                <thead>
                  <tr>
                    <th scope="col">Program</th>
                    <th scope="col">Partner</th>
                    <th scope="col">Period</th>
                    {amountColumns.map(({ column, label }) => (
                      <th key={column} scope="col" class="num">
                        {label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={`${row.programId}/${row.partnerId}/${row.period}/${row.currency}`}>
                      <td>{row.programId}</td>
                      <td>{row.partnerId}</td>
                      <td>{row.period}</td>
                      {amountColumns.map(({ column }) => (
                        <td key={column} class="num">
                          <Money amount={row[column]} currency={row.currency} />
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Show>
    </>
  );
}
