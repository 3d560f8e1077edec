/**
 * Go's time.ParseDuration (`300ms`, `1.5h`, `2h45m`), to milliseconds. Returns an Error with Go's
 * wording for bad input instead of throwing, so callers choose how to report it.
 */
const UNITS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function parseGoDuration(text: string): number | Error {
  const quoted = JSON.stringify(text);
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return new Error(`time: invalid duration ${quoted}`);
  let total = 0;
  while (rest !== '') {
    const digits = /^(\d*)(\.\d*)?/.exec(rest)?.[0] ?? '';
    if (digits === '' || digits === '.') return new Error(`time: invalid duration ${quoted}`);
    rest = rest.slice(digits.length);
    const unit = /^[^\d.]+/.exec(rest)?.[0] ?? '';
    if (unit === '') return new Error(`time: missing unit in duration ${quoted}`);
    const factor = UNITS[unit];
    if (factor === undefined) return new Error(`time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}`);
    total += Number(digits) * factor;
    rest = rest.slice(unit.length);
  }
  return sign * total;
}
