/**
 * Timestamptz values (DataType 26): ISO 8601 text in, int64 UTC microseconds stored, RFC 3339 text out.
 * Follows milvus `pkg/util/timestamptz/timestamptz.go` (ParseTimeTz, FormatTimeMicroWithoutTrailingZeros)
 * and `internal/proxy/util.go` (timestamptzUTC2IsoStr): an explicit offset or `Z` wins; a naive text is
 * read in the collection's (or request's) IANA zone; offsets must lie in [-12, +14] hours. Zones come
 * from the runtime's `Intl` database.
 */
import { errors, MilvusError } from '../errors/status.js';

export const DEFAULT_TIMEZONE = 'UTC';
export const TIMEZONE_KEY = 'timezone';

const MAX_OFFSET_SECONDS = 14 * 3600;
const MIN_OFFSET_SECONDS = -12 * 3600;

// Go layouts tried in order: RFC3339Nano ("T", offset or Z), then "2006-01-02 15:04:05Z07:00" and
// "...Z07" (space, full or hour-only offset), then the naive forms. Go accepts a fraction after the
// seconds in every layout.
const AWARE = /^(\d{4})-(\d{2})-(\d{2})([T ])(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2}|[+-]\d{2})$/;
const NAIVE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat | undefined {
  let f = formatters.get(zone);
  if (f) return f;
  try {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
  } catch {
    return undefined;
  }
  // Go's LoadLocation is case-sensitive on the zoneinfo file names; Intl is not.
  const resolved = f.resolvedOptions().timeZone;
  if (resolved !== zone && resolved.toLowerCase() === zone.toLowerCase() && zone !== 'UTC') return undefined;
  formatters.set(zone, f);
  return f;
}

/** `timestamptz.IsTimezoneValid`: a non-empty name `time.LoadLocation` knows. */
export function isTimezoneValid(zone: string): boolean {
  return zone !== '' && formatter(zone) !== undefined;
}

/** 1100 `unknown or invalid IANA Time Zone ID: <zone>` (rootcoord/proxy timezone checks). */
export function checkTimezone(zone: string): void {
  if (!isTimezoneValid(zone)) throw errors.invalidParameter(`unknown or invalid IANA Time Zone ID: ${zone}`);
}

/** Offset of `zone` from UTC at the instant `ms`, in milliseconds. */
export function zoneOffsetMs(zone: string, ms: number): number {
  if (zone === 'UTC') return 0;
  const f = formatter(zone);
  if (!f) throw errors.invalidParameter(`unknown or invalid IANA Time Zone ID: ${zone}`);
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(new Date(ms))) parts[p.type] = p.value;
  let year = Number(parts.year);
  if (parts.era === 'BC') year = 1 - year;
  const local = Date.UTC(year, Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  const wholeSeconds = Math.floor(ms / 1000) * 1000;
  return local - wholeSeconds;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function fieldsValid(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) && h <= 23 && mi <= 59 && s <= 59;
}

function utcMs(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, 0);
  return date.getTime();
}

function microsOf(ms: number, fraction: string | undefined): bigint {
  const micros = fraction ? Number((fraction + '000000').slice(0, 6)) : 0;
  return BigInt(ms) * 1000n + BigInt(micros);
}

function invalidTimestamp(text: string): MilvusError {
  return errors.invalidParameter(`invalid timestamp string: '${text}'. Does not match any known format`);
}

/**
 * `timestamptz.ValidateAndReturnUnixMicroTz`: UTC microseconds of an ISO 8601 text.
 * @example
 * parseTimestamptz('2025-01-01T08:00:00+08:00', 'UTC'); // 1735689600000000n
 * parseTimestamptz('2025-01-01 08:00:00', 'Asia/Shanghai'); // the same instant
 */
export function parseTimestamptz(text: string, zone: string): bigint {
  const aware = AWARE.exec(text);
  if (aware) {
    const [, y, mo, d, sep, h, mi, s, frac, tz] = aware as unknown as string[];
    const hourOnly = tz !== 'Z' && (tz as string).length === 3;
    // RFC3339 needs "T" and a full offset; the space layouts take Z, ±hh:mm or ±hh.
    const layoutOk = sep === 'T' ? !hourOnly : true;
    const nums = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
    if (layoutOk && fieldsValid(...nums)) {
      let offset = 0;
      if (tz !== 'Z') {
        const sign = (tz as string)[0] === '-' ? -1 : 1;
        const oh = Number((tz as string).slice(1, 3));
        const om = hourOnly ? 0 : Number((tz as string).slice(4, 6));
        if (oh <= 24 && om <= 59) offset = sign * (oh * 3600 + om * 60);
        else throw invalidTimestamp(text);
      }
      if (offset > MAX_OFFSET_SECONDS || offset < MIN_OFFSET_SECONDS) {
        throw errors.invalidParameter(`UTC offset hour ${Math.trunc(offset / 3600)} is out of the valid range [-12, 14]`);
      }
      return microsOf(utcMs(...nums) - offset * 1000, frac);
    }
  }
  checkTimezone(zone);
  const naive = NAIVE.exec(text);
  if (!naive) throw invalidTimestamp(text);
  const [, y, mo, d, h, mi, s, frac] = naive as unknown as string[];
  const nums = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  if (!fieldsValid(...nums)) throw invalidTimestamp(text);
  const local = utcMs(...nums);
  let instant = local - zoneOffsetMs(zone, local);
  instant = local - zoneOffsetMs(zone, instant);
  return microsOf(instant, frac);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/**
 * The proxy's output form: RFC 3339 in `zone`, at most six fraction digits without trailing zeros, `Z`
 * for a zero offset (Go's `Z07:00`).
 * @example
 * formatTimestamptz(1735689600000000n, 'Asia/Shanghai'); // '2025-01-01T08:00:00+08:00'
 */
export function formatTimestamptz(micros: bigint, zone: string): string {
  const ms = Number(micros / 1000n) - (micros % 1000n < 0n ? 1 : 0);
  const subMicros = Number(((micros % 1_000_000n) + 1_000_000n) % 1_000_000n);
  const offset = zoneOffsetMs(zone, ms);
  const local = new Date(Math.floor(ms / 1000) * 1000 + offset);
  const year = local.getUTCFullYear();
  const date = `${year < 0 ? '-' : ''}${pad(Math.abs(year), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  const fraction = subMicros === 0 ? '' : '.' + pad(subMicros, 6).replace(/0+$/, '');
  let zoneText = 'Z';
  if (offset !== 0) {
    const minutes = Math.abs(offset) / 60000;
    zoneText = `${offset < 0 ? '-' : '+'}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
  }
  return `${date}T${time}${fraction}${zoneText}`;
}

/** An ISO 8601 duration as planpb.Interval holds it. */
export interface Interval {
  readonly years: number;
  readonly months: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
}

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** `P[nY][nM][nW][nD][T[nH][nM][nS]]`; `P` and `PT` are the empty interval (planparserv2 tests). Undefined when malformed. */
export function parseInterval(text: string): Interval | undefined {
  const m = DURATION.exec(text);
  if (!m) return undefined;
  const n = (i: number): number => Number(m[i] ?? 0);
  return { years: n(1), months: n(2), days: n(4) + 7 * n(3), hours: n(5), minutes: n(6), seconds: n(7) };
}

/** `micros ± interval`, calendar parts added in UTC (years and months clamp like Go's AddDate normalises). */
export function addInterval(micros: bigint, interval: Interval, sign: 1 | -1): bigint {
  const ms = Number(micros / 1000n);
  const rest = micros - BigInt(ms) * 1000n;
  const date = new Date(ms);
  if (interval.years || interval.months || interval.days) {
    date.setUTCFullYear(
      date.getUTCFullYear() + sign * interval.years,
      date.getUTCMonth() + sign * interval.months,
      date.getUTCDate() + sign * interval.days,
    );
  }
  const clock = (interval.hours * 3600 + interval.minutes * 60 + interval.seconds) * 1000;
  return BigInt(date.getTime() + sign * clock) * 1000n + rest;
}
