/**
 * Exact decimal strings in the browser: sums as scaled BigInts and display through Intl with the string
 * itself (Intl.NumberFormat formats a decimal string exactly), so no amount ever passes through a float.
 */

const decimalPattern = /^(-)?(\d+)(?:\.(\d+))?$/;

/** The scale (digits after the point) of a decimal string; throws on anything else. */
function parts(value: string): { negative: boolean; whole: string; fraction: string } {
  const match = decimalPattern.exec(value.trim());
  if (!match) throw new Error(`Not a decimal amount: ${JSON.stringify(value)}`);
  return { negative: match[1] === '-', whole: match[2] ?? '0', fraction: match[3] ?? '' };
}

/** `value` × 10^scale as a BigInt; `scale` is at least the value's own number of decimals. */
function scaled(value: string, scale: number): bigint {
  const { negative, whole, fraction } = parts(value);
  const digits = BigInt(whole + fraction.padEnd(scale, '0'));
  return negative ? -digits : digits;
}

/** The exact sum of decimal strings, at the largest scale among them (at least `minimumScale`). */
export function sumDecimals(values: readonly string[], minimumScale = 2): string {
  const scale = Math.max(minimumScale, ...values.map((value) => parts(value).fraction.length));
  const total = values.reduce((sum, value) => sum + scaled(value, scale), 0n);
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${whole}${scale > 0 ? `.${fraction}` : ''}`;
}

/** `a − b`, exactly. */
export const subtractDecimals = (a: string, b: string) =>
  sumDecimals([a, b.startsWith('-') ? b.slice(1) : `-${b}`]);

const formatters = new Map<string, Intl.NumberFormat>();

/** "1234.5" USD → "$1,234.50": the currency's symbol, grouping and minor units, from the exact string. */
export function formatMoney(amount: string, currency: string): string {
  let formatter = formatters.get(currency);
  if (!formatter) {
    formatter = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    formatters.set(currency, formatter);
  }
  parts(amount);
  return formatter.format(amount as `${number}`);
}

/** A quantity or threshold as written ("12500" → "12,500"), exact. */
export function formatQuantity(value: string): string {
  parts(value);
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 20 }).format(value as `${number}`);
}

/**
 * How far `volume` has come from `from` toward `to`, in whole percent (0-100) for a progress bar's width.
 * A picture, not an amount: the figures beside the bar are the API's exact strings.
 */
export function progressPercent(volume: string, from: string, to: string): number {
  const scale = Math.max(...[volume, from, to].map((value) => parts(value).fraction.length));
  const [v, f, t] = [volume, from, to].map((value) => scaled(value, scale)) as [bigint, bigint, bigint];
  if (t <= f) return 100;
  const done = v - f;
  if (done <= 0n) return 0;
  if (done >= t - f) return 100;
  return Number((done * 100n) / (t - f));
}
