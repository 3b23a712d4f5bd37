// The date forms Jekyll, Hugo, Astro and Docusaurus accept, as our front matter writes them:
// `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM[:SS]` with the time zone when the old one had one.

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const pad = (value: string | number) => String(value).padStart(2, '0');

/** A date the old front matter held, or undefined when it is none we can read. */
export function normalizeDate(value: unknown): string | undefined {
  if (value instanceof Date) {
    // TOML dates keep their own form (a local date stays a date); a JavaScript Date is UTC.
    const iso = value.toISOString().replace(/\.000(?=$|[Z+-])/, '');
    return isValid(iso) ? iso : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const iso =
    /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i.exec(
      text,
    );
  if (iso) {
    const [, year, month, day, hour, minute, second, zone] = iso;
    const date = `${year}-${pad(month!)}-${pad(day!)}`;
    if (hour === undefined) return isValid(date) ? date : undefined;
    const time = `${pad(hour)}:${minute}${second ? `:${second}` : ''}`;
    const offset = !zone ? '' : /^(Z|UTC|GMT)$/i.test(zone) ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
    const full = `${date}T${time}${offset}`;
    return isValid(full) ? full : undefined;
  }
  return wordDate(text);
}

/** "March 22, 2023", "22 March 2023", "Mar 22 2023": the date (no time). */
function wordDate(text: string): string | undefined {
  const monthFirst = /^(?:[A-Za-z]+,?\s+)?([A-Za-z]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(text);
  const dayFirst = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,})\.?,?\s+(\d{4})$/.exec(text);
  const [monthName, day, year] = monthFirst
    ? [monthFirst[1]!, monthFirst[2]!, monthFirst[3]!]
    : dayFirst
      ? [dayFirst[2]!, dayFirst[1]!, dayFirst[3]!]
      : [];
  if (!monthName) return undefined;
  const month = MONTHS.indexOf(monthName.slice(0, 3).toLowerCase()) + 1;
  if (month === 0) return undefined;
  const date = `${year}-${pad(month)}-${pad(day!)}`;
  return isValid(date) ? date : undefined;
}

function isValid(iso: string): boolean {
  const [year, month, day] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
