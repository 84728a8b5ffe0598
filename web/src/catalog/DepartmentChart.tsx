// Maturity per department (and all departments together) as stacked
// horizontal bars: each bar is one department, split by OZG level 0–4.
// The SVG is one image for assistive technology, with every figure in its
// name; the departments table below holds the same figures.
import { useWidth } from '../components/useWidth';
import { useI18n } from '../i18n';
import { MATURITY_LEVELS, type MaturityStats } from './api';

export type DepartmentRow = MaturityStats & { department: string };

export function DepartmentChart({ rows, total }: { rows: DepartmentRow[]; total: MaturityStats }) {
  const { t, locale } = useI18n();
  const [box, width] = useWidth<HTMLDivElement>(720, 260);
  const decimal = new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const all: DepartmentRow[] = [...rows, { ...total, department: t.staff.totalRow }];
  // Wide screens: the name left of the bar; narrow ones: the name above it.
  const narrow = width < 620;
  const labelWidth = narrow ? 0 : Math.min(260, Math.round(width * 0.3));
  const valueWidth = 60;
  const row = narrow ? 52 : 34;
  const barHeight = 20;
  const barX = labelWidth;
  const barWidth = width - labelWidth - valueWidth - 34; // room for the count after the bar
  const gap = 14;
  const head = 26;
  const height = head + all.length * row + gap;
  const max = Math.max(1, ...rows.map((r) => r.services));
  const label = t.staff.chartDepartmentsLabel(
    all
      .map((r) =>
        t.staff.chartDepartmentItem(
          r.department,
          MATURITY_LEVELS.map((l) => t.inventory.chartItem(l, t.maturity.names[l], r.by_level[l] ?? 0)).join(', '),
          decimal.format(r.average),
        ),
      )
      .join('; '),
  );
  return (
    <div class="chart" ref={box}>
      <svg role="img" aria-label={label} width={width} height={height} viewBox={`0 0 ${width} ${height}`} class="level-chart department-chart" focusable="false">
        {!narrow && (
          <text x={0} y={14} class="chart-head">
            {t.inventory.colDepartment}
          </text>
        )}
        <text x={barX} y={14} class="chart-head">
          {t.staff.chartBarsHead}
        </text>
        <text x={width - valueWidth + 8} y={14} class="chart-head">
          Ø
        </text>
        {all.map((r, i) => {
          const isTotal = i === all.length - 1;
          const y = head + i * row + (isTotal ? gap : 0);
          const barY = narrow ? y + 22 : y + 6;
          // The total bar shows shares (it would dwarf the departments otherwise).
          const scale = isTotal ? barWidth / Math.max(1, r.services) : barWidth / max;
          let x = barX;
          // About 7.5 px per character at 14 px: shorten what would not fit.
          const fits = Math.floor((narrow ? width : labelWidth - 10) / 7.5);
          const name = r.department.length > fits ? `${r.department.slice(0, fits - 1).trimEnd()}…` : r.department;
          return (
            <g key={r.department} class={isTotal ? 'chart-total' : undefined}>
              {isTotal && <line x1={0} x2={width} y1={y - gap / 2 + 2} y2={y - gap / 2 + 2} class="chart-rule" />}
              <text x={0} y={narrow ? y + 16 : barY + 15} class={isTotal ? 'chart-label chart-level' : 'chart-label'}>
                {name !== r.department && <title>{r.department}</title>}
                {name}
              </text>
              {MATURITY_LEVELS.map((l) => {
                const n = r.by_level[l] ?? 0;
                const w = n * scale;
                const rect = <rect key={l} x={x} y={barY} width={Math.max(0, w - (w > 2 ? 1 : 0))} height={barHeight} class={`chart-bar chart-bar-${l}`} />;
                x += w;
                return rect;
              })}
              <text x={x + 6} y={barY + 15} class="chart-count">
                {r.services}
              </text>
              <text x={width - valueWidth + 8} y={barY + 15} class="chart-value">
                {decimal.format(r.average)}
              </text>
            </g>
          );
        })}
      </svg>
      <ul class="chart-legend" aria-hidden="true">
        {MATURITY_LEVELS.map((l) => (
          <li key={l}>
            <svg width="14" height="14" viewBox="0 0 14 14" focusable="false">
              <rect width="14" height="14" rx="3" class={`chart-bar chart-bar-${l}`} />
            </svg>
            {l} – {t.maturity.names[l]}
          </li>
        ))}
        <li class="chart-legend-avg">{t.staff.chartAverageNote}</li>
      </ul>
    </div>
  );
}
