import { currencyMinorUnits } from '../shared/money/money';
import { formatScaled, parseScaled, VOLUME_DECIMALS } from '../shared/money/scaled-integer';
import type { AccrualEntry } from './accrual-entry';
import { allocateLargestRemainder } from './allocation';
import type { SaleLine } from './sale-line';

/** A line's part of an entry's rounded amount. */
export interface LineAccrual {
  readonly lineId: string;
  readonly amount: string;
}

/**
 * Spreads an entry's rounded amount back over its source lines, in proportion to the basis each component's
 * rate multiplied (revenue for a percentage, quantity otherwise), by largest remainder: the line amounts add
 * up to the entry exactly, cent for cent. `lines` must hold every source line of the entry.
 */
export function allocateEntryToLines(
  entry: AccrualEntry,
  lines: ReadonlyMap<string, SaleLine>,
): LineAccrual[] {
  const minorUnits = currencyMinorUnits[entry.currency];
  const result: LineAccrual[] = [];
  for (const component of entry.trace.components) {
    const amount = parseScaled(component.roundedAmount, minorUnits);
    const sourceLines = component.sourceLineIds.map((lineId) => {
      const line = lines.get(lineId);
      if (line === undefined)
        throw new RangeError(`source line '${lineId}' of entry ${entry.key} was not given`);
      return line;
    });
    const weights = sourceLines.map((line) =>
      parseScaled(
        component.rateType === 'percentOfRevenue' ? line.extendedAmount : line.quantityBase,
        VOLUME_DECIMALS,
      ),
    );
    const parts = allocateLargestRemainder(amount, weights);
    sourceLines.forEach((line, index) => {
      result.push({ lineId: line.lineId, amount: formatScaled(parts[index] ?? 0n, minorUnits, minorUnits) });
    });
  }
  return result;
}
