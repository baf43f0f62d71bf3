/** A missing value in tables and detail lines. */
export const NONE = '-';

type Cell = string | number | boolean | null | undefined;

/** Left-aligned columns, two spaces apart, one header line; no trailing spaces. */
export function table(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const cells = [headers.map(String), ...rows.map((r) => headers.map((_, i) => cell(r[i])))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** `label  value` lines with the labels padded to one width; undefined values are left out. */
export function details(lines: ReadonlyArray<readonly [string, Cell]>): string {
  const shown = lines.filter(([, v]) => v !== undefined);
  const width = Math.max(0, ...shown.map(([k]) => k.length));
  return shown.map(([k, v]) => `  ${k.padEnd(width)}  ${cell(v)}`.trimEnd()).join('\n');
}

export function cell(v: Cell): string {
  if (v === undefined || v === null || v === '') return NONE;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v);
}

/** ISO instants without milliseconds: `2026-11-24T10:00:00Z`. */
export function when(iso: unknown): string | undefined {
  if (typeof iso !== 'string' || iso === '') return undefined;
  return iso.replace(/\.\d+(?=Z|[+-]\d\d:\d\d$)/, '');
}

/** Decimal-string money as shown to people: `EUR 12.34` (two decimals, rounded half up). */
export function money(amount: unknown, currency: unknown): string | undefined {
  if (amount === undefined || amount === null || amount === '') return undefined;
  const s = String(amount);
  const cur = typeof currency === 'string' ? currency : '';
  return `${cur ? `${cur} ` : ''}${roundTo2(s)}`;
}

/** Rounds a decimal string to two places without going through binary floating point. */
export function roundTo2(decimal: string): string {
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(decimal.trim());
  if (!m) return decimal;
  const [, sign, int, frac = ''] = m as unknown as [string, string, string, string | undefined];
  const padded = `${frac ?? ''}000`;
  let cents = BigInt(`${int}${padded.slice(0, 2)}`);
  if (Number(padded[2]) >= 5) cents += 1n;
  const str = cents.toString().padStart(3, '0');
  const out = `${str.slice(0, -2)}.${str.slice(-2)}`;
  return sign && cents !== 0n ? `-${out}` : out;
}

export function kwh(wh: unknown): string | undefined {
  return typeof wh === 'number' && Number.isFinite(wh) ? `${(wh / 1000).toFixed(3)} kWh` : undefined;
}

/** At most `max` items, then `+N more`. */
export function list(items: readonly string[] | undefined, max = 3): string | undefined {
  if (!items || items.length === 0) return undefined;
  return items.length <= max
    ? items.join(',')
    : `${items.slice(0, max).join(',')} +${items.length - max} more`;
}
