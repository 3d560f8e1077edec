/** A mistake in the command line: printed with the command's name, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function intFlag(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`${flag} must be a port number (0-65535); got ${value}`);
  return n;
}
