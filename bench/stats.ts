// Summaries and the plain-text table. Median rather than mean, because one
// slow run (a GC pause, a scheduler hiccup on a two-core box) should not move
// the headline number; min and max show how noisy the run was.

export interface Summary {
  median: number;
  min: number;
  max: number;
}

export function summarize(samples: number[]): Summary {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

export interface Row {
  metric: string;
  unit: string;
  warren: Summary;
  openssh: Summary;
  /** Which way is good for Warren, shown next to the ratio. */
  better: 'lower' | 'higher';
}

function cell(s: Summary, unit: string): string {
  const digits = s.median >= 100 ? 0 : 1;
  return `${s.median.toFixed(digits)} ${unit} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
}

export function formatTable(rows: Row[]): string {
  const header = ['metric', 'Warren', 'OpenSSH', 'ratio W/O'];
  const body = rows.map((r) => [
    r.metric,
    cell(r.warren, r.unit),
    cell(r.openssh, r.unit),
    `${(r.warren.median / r.openssh.median).toFixed(2)} (${r.better} is better)`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((line) => line[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
    '',
    'Cells: median (min–max) over the runs. Ratio = Warren median / OpenSSH median;',
    'for connect time lower is better for Warren, for throughput higher is better.',
  ].join('\n');
}
