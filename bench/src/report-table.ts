/** Prints the benchmark table: regsweep's figure, the anchor's, and their ratio. */
export interface BenchRow {
  readonly job: string;
  readonly regsweep: number;
  readonly anchorName?: string;
  readonly anchor?: number;
  /**
   * 'seconds' rows compare times (ratio = regsweep / anchor, < 1 is faster); 'rate' rows compare throughput;
   * 'count' rows compare how many of something each needs (trials; ratio = regsweep / anchor, < 1 is fewer).
   */
  readonly unit: 'seconds' | 'rate' | 'ratio' | 'count';
  readonly peakRssMb?: number;
  readonly note?: string;
}

const format = (value: number | undefined, unit: BenchRow['unit']): string => {
  if (value === undefined || Number.isNaN(value)) return '—';
  if (unit === 'seconds') return `${value.toFixed(3)} s`;
  if (unit === 'rate') return `${value.toFixed(1)} /s`;
  if (unit === 'count') return String(value);
  return `${value.toFixed(2)}×`;
};

export function printTable(rows: readonly BenchRow[], write: (line: string) => void = (l) => console.log(l)): void {
  write('| job | regsweep | anchor | anchor time | ratio | peak RSS | note |');
  write('|---|---|---|---|---|---|---|');
  for (const row of rows) {
    let ratio = '—';
    if (row.anchor !== undefined && !Number.isNaN(row.anchor)) {
      ratio =
        row.unit === 'rate'
          ? `${(row.regsweep / row.anchor).toFixed(1)}× faster`
          : `${(row.regsweep / row.anchor).toFixed(2)}× of anchor`;
    }
    const rss = row.peakRssMb === undefined || Number.isNaN(row.peakRssMb) ? '—' : `${row.peakRssMb.toFixed(0)} MB`;
    write(
      `| ${row.job} | ${format(row.regsweep, row.unit)} | ${row.anchorName ?? '—'} | ${format(row.anchor, row.unit)} | ${ratio} | ${rss} | ${row.note ?? ''} |`,
    );
  }
}
