// /verwaltung/ist-analyse: how digital the city's services are (OZG maturity
// 0–4): totals, a bar chart per level (inline SVG, with the same figures as a
// table), the departments, and every service in a sortable table.
import { useMemo, useState } from 'preact/hooks';
import { useI18n, type Locale } from '../i18n';
import { CONTENT_LANG, MATURITY_LEVELS, useApi, type Inventory as InventoryData } from '../catalog/api';
import { MaturityBadge } from '../catalog/Maturity';
import { LoadFailure, Loading } from '../catalog/Status';
import { Icon } from '../components/Icons';
import { Page } from '../components/Page';
import { useWidth } from '../components/useWidth';
import { RequireLogin } from '../account/Gate';
import { DepartmentChart } from '../catalog/DepartmentChart';


function formats(locale: Locale) {
  const tag = locale === 'de' ? 'de-DE' : 'en-GB';
  const percent = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(tag, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const whole = new Intl.NumberFormat(tag);
  return { percent: (v: number) => percent.format(v), decimal: (v: number) => decimal.format(v), whole: (v: number) => whole.format(v) };
}

/**
 * Services per maturity level as horizontal bars. The SVG is drawn for its
 * real width, so its text stays readable on a phone. For assistive
 * technology it is one image with the figures in its name; the table next
 * to it holds the same figures.
 */
function LevelChart({ byLevel, total }: { byLevel: Record<string, number>; total: number }) {
  const { t, locale } = useI18n();
  const f = formats(locale);
  const [box, width] = useWidth<HTMLDivElement>(560, 240);
  const max = Math.max(1, ...MATURITY_LEVELS.map((l) => byLevel[l] ?? 0));
  const row = 58;
  const barTop = 24;
  const barHeight = 22;
  const valueSpace = 92;
  const height = MATURITY_LEVELS.length * row + 6;
  const label = t.inventory.chartLabel(
    MATURITY_LEVELS.map((l) => t.inventory.chartItem(l, t.maturity.names[l], byLevel[l] ?? 0)).join('; '),
  );
  return (
    <div class="chart" ref={box}>
      <svg
        role="img"
        aria-label={label}
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        class="level-chart"
        focusable="false"
      >
        {MATURITY_LEVELS.map((l, i) => {
          const value = byLevel[l] ?? 0;
          const y = i * row;
          const full = width - valueSpace;
          const w = value === 0 ? 0 : Math.max(3, (value / max) * full);
          return (
            <g key={l}>
              <text x={0} y={y + 16} class="chart-label">
                <tspan class="chart-level">{t.maturity.badge(l)}</tspan>
                <tspan dx={8}>{t.maturity.names[l]}</tspan>
              </text>
              <rect x={0} y={y + barTop} width={full} height={barHeight} rx={4} class="chart-track" />
              <rect x={0} y={y + barTop} width={w} height={barHeight} rx={4} class={`chart-bar chart-bar-${l}`} />
              <text x={full + 12} y={y + barTop + 16} class="chart-value">
                {f.whole(value)}
                <tspan class="chart-share" dx={6}>
                  ({f.percent(total ? value / total : 0)})
                </tspan>
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}

type SortKey = 'title' | 'department' | 'topic' | 'maturity' | 'maturity_2025' | 'online';
type Row = InventoryData['services'][number];

function compare(key: SortKey, a: Row, b: Row): number {
  switch (key) {
    case 'maturity':
      return a.maturity - b.maturity;
    case 'maturity_2025':
      return (a.maturity_2025 ?? -1) - (b.maturity_2025 ?? -1);
    case 'online':
      return Number(a.online_service_url !== null) - Number(b.online_service_url !== null);
    default:
      return a[key].localeCompare(b[key], 'de');
  }
}

/** Two triangles; the one of the current direction is drawn solid. */
function SortIcon({ dir }: { dir: 1 | -1 | 0 }) {
  return (
    <svg class="sort-icon" width="10" height="14" viewBox="0 0 10 14" aria-hidden="true" focusable="false">
      <path d="M5 1L9 5.5H1z" class={dir === 1 ? 'on' : undefined} />
      <path d="M5 13L1 8.5h8z" class={dir === -1 ? 'on' : undefined} />
    </svg>
  );
}

function ServicesTable({ services }: { services: Row[] }) {
  const { t } = useI18n();
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'title', dir: 1 });
  const rows = useMemo(
    () =>
      [...services].sort((a, b) => sort.dir * compare(sort.key, a, b) || a.title.localeCompare(b.title, 'de')),
    [services, sort],
  );
  const columns: [SortKey, string][] = [
    ['title', t.inventory.colService],
    ['department', t.inventory.colDepartment],
    ['topic', t.inventory.colTopic],
    ['maturity', t.inventory.colMaturity],
    ['maturity_2025', t.inventory.colMaturity2025],
    ['online', t.inventory.colOnline],
  ];
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="services-table-caption">
      <table class="data-table sortable">
        <caption id="services-table-caption">
          {t.inventory.servicesCaption}
          <span class="caption-note">{t.inventory.sortHint}</span>
        </caption>
        <thead>
          <tr>
            {columns.map(([key, label]) => {
              const current = sort.key === key;
              return (
                <th
                  key={key}
                  scope="col"
                  aria-sort={current ? (sort.dir === 1 ? 'ascending' : 'descending') : undefined}
                  class={key === 'maturity' || key === 'maturity_2025' ? 'num' : undefined}
                >
                  <button
                    type="button"
                    class="sort-button"
                    onClick={() => setSort({ key, dir: current ? (sort.dir === 1 ? -1 : 1) : 1 })}
                  >
                    {label}
                    <SortIcon dir={current ? sort.dir : 0} />
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.id}>
              <th scope="row" lang={CONTENT_LANG}>
                <a href={`/leistungen/${s.id}`}>{s.title}</a>
              </th>
              <td lang={CONTENT_LANG}>{s.department}</td>
              <td lang={CONTENT_LANG}>{s.topic}</td>
              <td class="num">
                <MaturityBadge level={s.maturity} compact />
              </td>
              <td class="num">{s.maturity_2025 ?? '–'}</td>
              <td>
                {s.online_service_url ? (
                  <a href={s.online_service_url} rel="noopener">
                    {t.inventory.yes}
                    <span class="visually-hidden"> {t.service.externalLink}</span>
                  </a>
                ) : (
                  t.inventory.no
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ShareBar({ value }: { value: number }) {
  const width = 80;
  return (
    <svg class="share-bar" width={width} height={10} viewBox={`0 0 ${width} 10`} aria-hidden="true" focusable="false">
      <rect x={0} y={0} width={width} height={10} rx={5} class="chart-track" />
      <rect x={0} y={0} width={Math.round(value * width)} height={10} rx={5} class="chart-bar chart-bar-3" />
    </svg>
  );
}

function InventoryBody({ inv }: { inv: InventoryData }) {
  const { t, locale } = useI18n();
  const f = formats(locale);
  const total = inv.total;
  const digital = (total.by_level['3'] ?? 0) + (total.by_level['4'] ?? 0);
  const departments = [...inv.departments].sort((a, b) => a.department.localeCompare(b.department, 'de'));
  return (
    <>
      <section aria-labelledby="totals-title">
        <h2 id="totals-title" class="visually-hidden">
          {t.inventory.totalsTitle}
        </h2>
        <dl class="stat-cards">
          <div class="stat">
            <dt>{t.inventory.totalServices}</dt>
            <dd>{f.whole(total.services)}</dd>
          </div>
          <div class="stat">
            <dt>{t.inventory.average}</dt>
            <dd>
              {f.decimal(total.average)}
              <span class="stat-unit"> {t.inventory.ofFour}</span>
            </dd>
          </div>
          <div class="stat">
            <dt>{t.inventory.shareOnline}</dt>
            <dd>{f.percent(total.share_online)}</dd>
          </div>
          <div class="stat">
            <dt>{t.inventory.levelThreePlus}</dt>
            <dd>
              {f.whole(digital)}
              <span class="stat-unit"> {t.inventory.ofTotal(f.whole(total.services))}</span>
            </dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="levels-title">
        <h2 id="levels-title">{t.inventory.levelsTitle}</h2>
        <div class="chart-layout">
          <div class="card chart-card">
            <LevelChart byLevel={total.by_level} total={total.services} />
          </div>
          <table class="data-table levels-table">
            <caption>{t.inventory.levelsCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.inventory.colMaturity}</th>
                <th scope="col" class="num">
                  {t.inventory.colServices}
                </th>
                <th scope="col" class="num">
                  {t.inventory.colShare}
                </th>
              </tr>
            </thead>
            <tbody>
              {MATURITY_LEVELS.map((l) => (
                <tr key={l}>
                  <th scope="row">
                    {l} – {t.maturity.names[l]}
                  </th>
                  <td class="num">{f.whole(total.by_level[l] ?? 0)}</td>
                  <td class="num">{f.percent(total.services ? (total.by_level[l] ?? 0) / total.services : 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p class="muted small chart-note">{t.maturity.scale}</p>
      </section>

      <section aria-labelledby="departments-title">
        <h2 id="departments-title">{t.staff.chartDepartmentsTitle}</h2>
        <div class="card chart-card">
          <DepartmentChart rows={departments} total={total} />
        </div>
        <p class="muted small chart-note">{t.staff.chartNote}</p>
        <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="departments-caption">
          <table class="data-table departments-table">
            <caption id="departments-caption">{t.inventory.departmentsTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{t.inventory.colDepartment}</th>
                <th scope="col" class="num">
                  {t.inventory.colServices}
                </th>
                {MATURITY_LEVELS.map((l) => (
                  <th scope="col" class="num" key={l}>
                    <abbr title={`${t.maturity.badge(l)}: ${t.maturity.names[l]}`}>{l}</abbr>
                    <span class="visually-hidden"> – {t.maturity.names[l]}</span>
                  </th>
                ))}
                <th scope="col" class="num">
                  {t.inventory.colAverage}
                </th>
                <th scope="col">{t.inventory.colShareOnline}</th>
              </tr>
            </thead>
            <tbody>
              {departments.map((d) => (
                <tr key={d.department}>
                  <th scope="row" lang={CONTENT_LANG}>
                    <a href={`/leistungen?${new URLSearchParams({ department: d.department })}`}>{d.department}</a>
                  </th>
                  <td class="num">{f.whole(d.services)}</td>
                  {MATURITY_LEVELS.map((l) => (
                    <td class="num" key={l}>
                      {f.whole(d.by_level[l] ?? 0)}
                    </td>
                  ))}
                  <td class="num">{f.decimal(d.average)}</td>
                  <td>
                    <span class="share">
                      <ShareBar value={d.share_online} />
                      {f.percent(d.share_online)}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t.staff.totalRow}</th>
                <td class="num">{f.whole(total.services)}</td>
                {MATURITY_LEVELS.map((l) => (
                  <td class="num" key={l}>
                    {f.whole(total.by_level[l] ?? 0)}
                  </td>
                ))}
                <td class="num">{f.decimal(total.average)}</td>
                <td>
                  <span class="share">
                    <ShareBar value={total.share_online} />
                    {f.percent(total.share_online)}
                  </span>
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>

      <section aria-labelledby="all-title">
        <div class="section-head">
          <h2 id="all-title">{t.inventory.allTitle}</h2>
          <a class="button button-secondary" href="/api/inventory.csv" download="ist-analyse.csv">
            <Icon name="download" size={20} />
            <span>{t.inventory.csv}</span>
          </a>
        </div>
        <ServicesTable services={inv.services} />
      </section>
    </>
  );
}

function InventoryPage() {
  const { t } = useI18n();
  const [inv, retry] = useApi<InventoryData>('/api/inventory');
  return (
    <Page
      title={t.inventory.title}
      trail={[{ href: '/verwaltung', label: t.areas.verwaltung.name }]}
      head={
        <>
          <p class="lead">{t.inventory.lead}</p>
          <p class="internal-note">
            <Icon name="lock" size={18} />
            <span>{t.inventory.internal}</span>
          </p>
        </>
      }
      wide
    >
      {inv.state === 'ok' ? (
        <InventoryBody inv={inv.data} />
      ) : inv.state === 'error' ? (
        <LoadFailure failure={inv.failure} retry={retry} />
      ) : (
        <Loading />
      )}
    </Page>
  );
}

/** Staff and admins only; anonymous visitors are sent to the login, citizens see "Kein Zugriff". */
export function Inventory() {
  const { t } = useI18n();
  return (
    <RequireLogin roles={['staff', 'admin']} title={t.inventory.title} trail={[{ href: '/verwaltung', label: t.areas.verwaltung.name }]}>
      {() => <InventoryPage />}
    </RequireLogin>
  );
}
