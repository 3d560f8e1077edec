/** One benchmark figure, printed beside a reference measured in the same run. */
export interface Figure {
  group: string;
  name: string;
  value: number;
  unit: string;
  reference?: { name: string; value: number };
  /** How the figure compares with the target, e.g. `< 50 ms` or `>= 0.5x`. */
  target?: string;
  /** Whether higher is better (throughput) or lower (latency, memory). */
  better: 'higher' | 'lower';
}

export function ratio(figure: Figure): number | undefined {
  return figure.reference ? figure.value / figure.reference.value : undefined;
}

export function format(value: number): string {
  if (value >= 1000) return Math.round(value).toLocaleString('en-US');
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** Median of repeated measurements (robust to a noisy neighbour on a 2-core machine). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
