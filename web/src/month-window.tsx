/** The last twelve months to this one, YYYY-MM: the default window of the report pages. */
export function lastTwelveMonths(): { from: string; to: string } {
  const now = new Date();
  const to = now.toISOString().slice(0, 7);
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1));
  return { from: start.toISOString().slice(0, 7), to };
}

/** The `from` and `to` month fields of a report page's form. */
export function MonthWindowFields({ from, to }: { from: string; to: string }) {
  return (
    <>
      <label>
        From <input name="from" type="month" required defaultValue={from} />
      </label>
      <label>
        To <input name="to" type="month" required defaultValue={to} />
      </label>
    </>
  );
}
