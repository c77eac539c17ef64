import Decimal from 'decimal.js';
import type { Actor } from '../access/actor';
import { internalRoles } from '../access/actor';
import { requireRole, requireVisibleTo } from '../access/policies';
import type { AccrualEntry } from '../accruals/accrual-entry';
import { computeAccruals } from '../accruals/engine/compute-accruals';
import type { RunPeriod } from '../accruals/measurement-window';
import type { SaleLine } from '../accruals/sale-line';
import type { ProductData } from '../products/product';
import type { RebateProgram } from '../programs/program';
import { programsInForce } from '../programs/program-lifecycle';
import type { ProgramRecord } from '../programs/program-record';
import type { Tier } from '../programs/tiers';
import type { IsoDate } from '../shared/iso-date';
import { fromMinorUnits, toMinorUnits } from '../shared/money/minor-units';
import type { CurrencyCode } from '../shared/money/money';
import type { RecordStore } from '../shared/ports';
import { type NextTier, nextTierAbove } from './near-tier';
import type { RunLineSource } from './ports';
import { monthsToRead, toSaleLine } from './run-lines';
import { resolveWhatIfItem, type WhatIfItem } from './what-if-item';

export interface PartnerViewDeps {
  readonly programs: RecordStore<ProgramRecord>;
  readonly lines: RunLineSource;
}

/** The partner view's ports, plus the product catalog a what-if sale is resolved against. */
export interface WhatIfDeps extends PartnerViewDeps {
  readonly products: RecordStore<ProductData>;
}

/**
 * Where a partner stands in one tiered program's current period, and what the next tier takes. A tier is
 * reached when the volume is at least its `from` (quantity tiers: "reached at 10 units").
 */
export interface TierProgress {
  readonly pool: string;
  readonly basis: 'quantity' | 'revenue';
  readonly volume: string;
  readonly tierReached: { readonly index: number; readonly from: string; readonly rate: string } | null;
  readonly nextTier: NextTier | null;
  /**
   * What is still missing to reach the next tier, in the tier's measure (units, revenue, or for growth
   * programs the growth figure); null at the top tier, or for percent growth without a prior-year baseline.
   */
  readonly gap: string | null;
}

export interface ProgramProgress {
  readonly programId: string;
  readonly name: string;
  readonly kind: RebateProgram['terms']['kind'];
  readonly currency: CurrencyCode;
  readonly periods: readonly string[];
  /** Earned period-to-date by the partner's sales (what a run as of `asOf` would accrue). */
  readonly earned: string;
  readonly tiers: readonly TierProgress[];
}

/** A hypothetical extra sale: `quantity` (base units) of a product or category at `unitPrice`, dated `asOf`. */
export interface WhatIfSale extends WhatIfItem {
  readonly quantity: string;
  readonly unitPrice: string;
}

/** The sum of entries in one currency, with the currency's minor units ("60.00"). */
const sumAmounts = (entries: readonly AccrualEntry[], currency: CurrencyCode) =>
  fromMinorUnits(
    entries.reduce((total, entry) => total + toMinorUnits(entry.amount, currency), 0n),
    currency,
  );

function tierTable(program: RebateProgram): readonly Tier[] | null {
  const { terms } = program;
  return terms.kind === 'volume' || terms.kind === 'annualVolume' || terms.kind === 'growth'
    ? terms.tiers
    : null;
}

/** Each pool of the partner's entries once, with the tier it reached and the gap to the next one. */
function tierProgress(program: RebateProgram, entries: readonly AccrualEntry[]): TierProgress[] {
  const tiers = tierTable(program);
  if (tiers === null) return [];
  const pools = new Map<string, TierProgress>();
  for (const entry of entries) {
    for (const component of entry.trace.components) {
      if (pools.has(component.pool) || component.poolVolume === null || component.tierBasis === null)
        continue;
      // The engine decided the tier reached; the next one is the near-tier alerts' next one too.
      const next = nextTierAbove(tiers, component.tierReached?.index ?? -1);
      // Growth tiers measure growth over the prior year, not the period's volume.
      const measure = component.growth === null ? component.poolVolume : component.growth.growth;
      pools.set(component.pool, {
        pool: component.pool,
        basis: component.tierBasis,
        volume: component.poolVolume,
        tierReached: component.tierReached,
        nextTier: next,
        gap: next === null || measure === null ? null : new Decimal(next.from).minus(measure).toFixed(),
      });
    }
  }
  return [...pools.values()];
}

async function partnerLines(deps: PartnerViewDeps, partnerId: string, months: readonly string[]) {
  const lines: SaleLine[] = [];
  for (const month of months) {
    for await (const stored of deps.lines.salesInMonth(month, partnerId)) {
      const line = toSaleLine(stored);
      if (!('reason' in line)) lines.push(line);
    }
  }
  return lines;
}

function progressOf(
  programs: readonly RebateProgram[],
  lines: readonly SaleLine[],
  period: RunPeriod,
  partnerId: string,
) {
  return programs.map((program): ProgramProgress => {
    const run = computeAccruals({ lines, programs: [program], period });
    const entries = run.entries.filter((entry) => entry.partnerId === partnerId);
    return {
      programId: program.programId,
      name: program.name,
      kind: program.terms.kind,
      currency: program.currency,
      periods: run.scopes.map((scope) => scope.period),
      earned: sumAmounts(entries, program.currency),
      tiers: tierProgress(program, entries),
    };
  });
}

/**
 * The partner view: every program in force with what the partner's sales earned period-to-date as of
 * `asOf`, the tier each of its pools reached, the next tier's threshold and the gap to it. Computed live
 * from the partner's stored lines by the same engine the runs use, so it matches the next run.
 */
export async function partnerProgress(
  deps: PartnerViewDeps,
  actor: Actor,
  input: { readonly partnerId: string; readonly asOf: IsoDate },
): Promise<ProgramProgress[]> {
  requireRole(actor, [...internalRoles, 'partner']);
  requireVisibleTo(actor, input.partnerId, 'Partner');
  const programs = await programsInForce(deps);
  const period = { start: input.asOf, end: input.asOf };
  const lines = await partnerLines(deps, input.partnerId, monthsToRead(programs, period));
  return progressOf(programs, lines, period, input.partnerId).filter(
    (progress) => !new Decimal(progress.earned).isZero() || progress.tiers.length > 0,
  );
}

/**
 * What-if: the partner view again with one more sale, and the difference per program ("if I sell X more of
 * category Y, which tier do I reach and what do I earn").
 */
export async function partnerWhatIf(
  deps: WhatIfDeps,
  actor: Actor,
  input: { readonly partnerId: string; readonly asOf: IsoDate; readonly sale: WhatIfSale },
) {
  requireRole(actor, [...internalRoles, 'partner']);
  requireVisibleTo(actor, input.partnerId, 'Partner');
  const programs = await programsInForce(deps);
  const period = { start: input.asOf, end: input.asOf };
  const lines = await partnerLines(deps, input.partnerId, monthsToRead(programs, period));
  const { sale } = input;
  const item = await resolveWhatIfItem(deps.products, sale);
  const hypothetical: SaleLine = {
    lineId: `${input.partnerId}/WHAT-IF/1`,
    partnerId: input.partnerId,
    invoiceDate: input.asOf,
    shipDate: input.asOf,
    orderDate: input.asOf,
    sku: item.sku,
    category: item.category,
    uom: 'EA',
    quantityBase: sale.quantity,
    extendedAmount: new Decimal(sale.quantity).times(sale.unitPrice).toDecimalPlaces(6).toFixed(),
    currency: (lines[0]?.currency ?? programs[0]?.currency ?? 'USD') as SaleLine['currency'],
    endCustomerId: '',
    billTo: '',
    shipTo: '',
    orderType: '',
    salesperson: '',
    warehouse: '',
    attributes: {},
  };
  const before = progressOf(programs, lines, period, input.partnerId);
  const after = progressOf(programs, [...lines, hypothetical], period, input.partnerId);
  return after
    .map((scenario, index) => {
      const current = before[index] as ProgramProgress;
      return {
        programId: scenario.programId,
        name: scenario.name,
        currency: scenario.currency,
        earnedNow: current.earned,
        earnedWithSale: scenario.earned,
        difference: fromMinorUnits(
          toMinorUnits(scenario.earned, scenario.currency) - toMinorUnits(current.earned, scenario.currency),
          scenario.currency,
        ),
        tiersNow: current.tiers,
        tiersWithSale: scenario.tiers,
      };
    })
    .filter((result) => !new Decimal(result.difference).isZero() || result.tiersNow.length > 0);
}
