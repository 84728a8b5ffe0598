// /verwaltung/aemter/{id}/bearbeiten: an office (catalogue format,
// docs/catalog-format.md): name, department, address, position, contact,
// accessibility, counters, opening hours and exceptions as rows.
import { useRoute } from 'preact-iso';
import { useI18n } from '../../i18n';
import type { DayKey, Office, OpeningException } from '../../catalog/api';
import { FieldMessage, TextField, type FieldError } from '../../components/Form';
import { EditorFrame, type FormProps } from '../../staff/EditorFrame';
import { parseDecimal, withoutReadOnly } from '../../staff/edit';
import { Rows } from '../../staff/Rows';

const DAYS: DayKey[] = ['mo', 'di', 'mi', 'do', 'fr', 'sa', 'so'];
const READ_ONLY = ['version', 'services'];

interface ExceptionDraft {
  date: string;
  closed: boolean;
  open: string;
  close: string;
  note: string;
}

export interface OfficeDraft {
  name: string;
  department: string;
  street: string;
  postal_code: string;
  city: string;
  lat: string;
  lon: string;
  phone: string;
  email: string;
  accessibility: string;
  transit: string;
  counters: string;
  opening_hours: { day: DayKey; open: string; close: string }[];
  exceptions: ExceptionDraft[];
}

function toDraft(o: Office): OfficeDraft {
  return {
    name: o.name,
    department: o.department,
    street: o.address.street,
    postal_code: o.address.postal_code,
    city: o.address.city,
    lat: String(o.position.lat),
    lon: String(o.position.lon),
    phone: o.phone,
    email: o.email,
    accessibility: o.accessibility,
    transit: o.transit ?? '',
    counters: String(o.counters),
    opening_hours: o.opening_hours.map((h) => ({ ...h })),
    exceptions: (o.exceptions ?? []).map((x) => ({
      date: x.date,
      closed: x.closed,
      open: x.open ?? '',
      close: x.close ?? '',
      note: x.note ?? '',
    })),
  };
}

function toBody(d: OfficeDraft, original: Office, t: ReturnType<typeof useI18n>['t']) {
  const errors: FieldError[] = [];
  const number = (text: string, id: string, label: string) => {
    const n = parseDecimal(text);
    if (n === null || Number.isNaN(n)) errors.push({ field: id, message: t.staff.notANumber, label });
    return n ?? 0;
  };
  const lat = number(d.lat, 'e-position-lat', t.staff.lat);
  const lon = number(d.lon, 'e-position-lon', t.staff.lon);
  const counters = Number(d.counters.trim());
  if (!d.counters.trim() || !Number.isInteger(counters))
    errors.push({ field: 'e-counters', message: t.staff.notAWholeNumber, label: t.staff.counters });
  if (errors.length) return { errors };
  const exceptions: OpeningException[] = d.exceptions.map((x) => {
    const e: OpeningException = { date: x.date, closed: x.closed };
    if (!x.closed) {
      e.open = x.open;
      e.close = x.close;
    }
    if (x.note.trim()) e.note = x.note.trim();
    return e;
  });
  const body: Record<string, unknown> = {
    ...withoutReadOnly(original, READ_ONLY),
    name: d.name.trim(),
    department: d.department.trim(),
    address: { street: d.street.trim(), postal_code: d.postal_code.trim(), city: d.city.trim() },
    position: { lat, lon },
    phone: d.phone.trim(),
    email: d.email.trim(),
    accessibility: d.accessibility.trim(),
    counters,
    opening_hours: d.opening_hours,
    exceptions,
  };
  if (d.transit.trim()) body.transit = d.transit.trim();
  else delete body.transit;
  return { body };
}

function OfficeForm({ draft: d, setDraft, errorAt, user }: FormProps<Office, OfficeDraft>) {
  const { t } = useI18n();
  const set = <K extends keyof OfficeDraft>(k: K) => (v: OfficeDraft[K]) => setDraft({ ...d, [k]: v });
  const text = (
    k: keyof OfficeDraft & string,
    id: string,
    label: string,
    extra: Partial<Parameters<typeof TextField>[0]> = {},
  ) => <TextField id={id} label={label} value={d[k] as string} onInput={set(k) as (v: string) => void} error={errorAt(id)} {...extra} />;

  return (
    <>
      <fieldset class="form-section">
        <legend>{t.staff.officeBasics}</legend>
        <div class="form-grid">
          {text('name', 'e-name', t.staff.name, { required: true, lang: 'de', wide: true })}
          {text('department', 'e-department', t.staff.department, {
            required: true,
            lang: 'de',
            hint: user.role === 'admin' ? undefined : t.staff.departmentLocked,
            readOnly: user.role !== 'admin',
          })}
          {text('counters', 'e-counters', t.staff.counters, { inputMode: 'numeric', required: true })}
        </div>
      </fieldset>

      <fieldset class="form-section" id="e-address" tabIndex={-1}>
        <legend>{t.staff.address}</legend>
        <div class="form-grid">
          {text('street', 'e-address-street', t.staff.street, { required: true, autocomplete: 'off', wide: true })}
          {text('postal_code', 'e-address-postal_code', t.staff.postalCode, { required: true, inputMode: 'numeric' })}
          {text('city', 'e-address-city', t.staff.city, { required: true })}
          {text('lat', 'e-position-lat', t.staff.lat, { inputMode: 'decimal', required: true, hint: t.staff.position })}
          {text('lon', 'e-position-lon', t.staff.lon, { inputMode: 'decimal', required: true, hint: t.staff.position })}
        </div>
      </fieldset>

      <fieldset class="form-section">
        <legend>{t.staff.contact}</legend>
        <div class="form-grid">
          {text('phone', 'e-phone', t.staff.phone, { type: 'tel', required: true })}
          {text('email', 'e-email', t.staff.email, { type: 'email', required: true, spellcheck: false })}
          {text('accessibility', 'e-accessibility', t.staff.accessibility, { multiline: true, rows: 3, required: true, lang: 'de', wide: true })}
          {text('transit', 'e-transit', t.staff.transit, { hint: t.staff.optional, lang: 'de', wide: true })}
        </div>
      </fieldset>

      <div class="form-section">
        <Rows
          id="e-opening_hours"
          legend={t.staff.hoursTitle}
          hint={t.staff.hoursHint}
          error={errorAt('e-opening_hours')}
          items={d.opening_hours}
          onChange={set('opening_hours')}
          empty={() => ({ day: 'mo' as DayKey, open: '08:00', close: '12:00' })}
          rowClass="row-hours"
          renderRow={(h, i, update) => {
            const base = `e-opening_hours-${i}`;
            const rowError = errorAt(base);
            const n = <span class="visually-hidden"> ({t.staff.slot} {i + 1})</span>;
            return (
              <>
                <div class={`form-field${errorAt(`${base}-day`) || rowError ? ' has-error' : ''}`}>
                  <label for={`${base}-day`}>
                    {t.staff.day}
                    {n}
                  </label>
                  <FieldMessage id={`${base}-day`} error={errorAt(`${base}-day`) ?? rowError} />
                  <select
                    id={`${base}-day`}
                    value={h.day}
                    aria-describedby={errorAt(`${base}-day`) ?? rowError ? `${base}-day-error` : undefined}
                    onChange={(e) => update({ ...h, day: (e.currentTarget as HTMLSelectElement).value as DayKey })}
                  >
                    {DAYS.map((day) => (
                      <option key={day} value={day}>
                        {t.hours.days[day]}
                      </option>
                    ))}
                  </select>
                </div>
                <TextField id={`${base}-open`} label={<>{t.staff.open}{n}</>} type="time" value={h.open} onInput={(v) => update({ ...h, open: v })} error={errorAt(`${base}-open`)} />
                <TextField id={`${base}-close`} label={<>{t.staff.close}{n}</>} type="time" value={h.close} onInput={(v) => update({ ...h, close: v })} error={errorAt(`${base}-close`)} />
              </>
            );
          }}
        />
        <Rows
          id="e-exceptions"
          legend={t.staff.exceptionsTitle}
          error={errorAt('e-exceptions')}
          items={d.exceptions}
          onChange={set('exceptions')}
          empty={() => ({ date: '', closed: true, open: '', close: '', note: '' })}
          rowClass="row-exception"
          renderRow={(x, i, update) => {
            const base = `e-exceptions-${i}`;
            const n = <span class="visually-hidden"> ({t.staff.exception} {i + 1})</span>;
            return (
              <>
                <TextField id={`${base}-date`} label={<>{t.staff.date}{n}</>} type="date" value={x.date} onInput={(v) => update({ ...x, date: v })} error={errorAt(`${base}-date`) ?? errorAt(base)} />
                <label class="check check-inline">
                  <input type="checkbox" id={`${base}-closed`} checked={x.closed} onChange={(e) => update({ ...x, closed: (e.currentTarget as HTMLInputElement).checked })} />
                  <span>
                    {t.staff.closedAllDay}
                    {n}
                  </span>
                </label>
                {!x.closed && (
                  <>
                    <TextField id={`${base}-open`} label={<>{t.staff.open}{n}</>} type="time" value={x.open} onInput={(v) => update({ ...x, open: v })} error={errorAt(`${base}-open`)} />
                    <TextField id={`${base}-close`} label={<>{t.staff.close}{n}</>} type="time" value={x.close} onInput={(v) => update({ ...x, close: v })} error={errorAt(`${base}-close`)} />
                  </>
                )}
                <TextField id={`${base}-note`} label={<>{t.staff.note}{n}</>} value={x.note} lang="de" onInput={(v) => update({ ...x, note: v })} error={errorAt(`${base}-note`)} />
              </>
            );
          }}
        />
      </div>
    </>
  );
}

export function OfficeEditor() {
  const { t } = useI18n();
  const { params } = useRoute();
  const id = params.id ?? '';
  return (
    <EditorFrame<Office, OfficeDraft>
      spec={{
        kind: 'offices',
        id,
        nameOf: (o) => o.name,
        departmentOf: (o) => o.department,
        publicPath: `/aemter/${encodeURIComponent(id)}`,
        pageTitle: t.staff.editOffice,
        loadingTitle: t.staff.editOfficeShort,
        trail: [{ href: '/verwaltung', label: t.areas.verwaltung.name }],
        toDraft,
        toBody: (d, original) => toBody(d, original, t),
        Form: OfficeForm,
      }}
    />
  );
}
