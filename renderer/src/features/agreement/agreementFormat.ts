/** A measure's value for a table: a number, or why it is not defined. */
export function measureText(m: { value: number | null; note?: string | undefined }, digits = 2): string {
  if (m.value === null) return '—';
  return m.value.toFixed(digits);
}

export function percentText(v: number | null): string {
  return v === null ? '—' : `${(v * 100).toFixed(1)} %`;
}

/** A cell colour of the confusion heatmap: faint for none, the full accent for the matrix's largest count. */
export function heatColor(count: number, max: number): string {
  if (count <= 0 || max <= 0) return 'rgba(90, 169, 230, 0.04)';
  const t = Math.min(1, count / max);
  return `rgba(90, 169, 230, ${(0.15 + 0.85 * t).toFixed(3)})`;
}

/** Text on a heatmap cell stays readable: dark on strong cells, light on faint ones. */
export function heatTextColor(count: number, max: number): string {
  return max > 0 && count / max > 0.55 ? '#0b1520' : '#e6e8ec';
}
