// The DCAT-AP.de metadata of a dataset as a form, shared by "Neuer
// Datensatz" and "Datensatz bearbeiten": what the editing API accepts
// (src/opendata/model.cpp dataset_from_json). Input ids follow the server's
// field names (usage.purpose -> e-usage-purpose), so its 422 errors land at
// the right field.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../i18n';
import { ckan } from '../../opendata/api';
import type { DatasetRecord } from '../../opendata/staff';
import { FieldMessage, TextField, describedBy } from '../../components/Form';
import { TextRows } from '../../staff/Rows';
import { withoutReadOnly } from '../../staff/edit';
import type { Me } from '../../account/session';

export interface DatasetDraft {
  name: string;
  title: string;
  notes: string;
  organization: string;
  contact_email: string;
  contact_url: string;
  license: string;
  attribution: string;
  themes: string[];
  keywords: string[];
  temporal_start: string;
  temporal_end: string;
  issued: string;
  accrual_periodicity: string;
  personal_data: string;
  purpose: string;
  retention: string;
  quality: string;
}

/** What the selects offer: the catalogue's organisations, licences and EU data themes. */
export interface Choices {
  organizations: { name: string; title: string }[];
  licenses: { id: string; title: string }[];
  themes: { name: string; title: string }[];
}

const PERIODICITIES = ['CONT', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'QUARTERLY', 'ANNUAL', 'IRREG', 'NEVER', 'UNKNOWN'];

/** The organisations, licences and themes, once per page; null while loading, a number on failure. */
export function useChoices(): Choices | number | null {
  const [choices, setChoices] = useState<Choices | number | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    Promise.all([
      ckan<{ name: string; title: string }[]>('organization_list', { all_fields: 'true' }, ctrl.signal),
      ckan<{ id: string; title: string }[]>('license_list', {}, ctrl.signal),
      ckan<{ name: string; title: string }[]>('group_list', { all_fields: 'true' }, ctrl.signal),
    ])
      .then(([organizations, licenses, themes]) => setChoices({ organizations, licenses, themes }))
      .catch(() => !ctrl.signal.aborted && setChoices(0));
    return () => ctrl.abort();
  }, []);
  return choices;
}

export function organizationTitle(choices: Choices, name: string): string {
  return choices.organizations.find((o) => o.name === name)?.title ?? name;
}

export function emptyRecord(organization: string): DatasetRecord {
  return {
    name: '',
    title: '',
    notes: '',
    organization,
    contact_email: '',
    contact_url: '',
    license: 'dl-zero-de/2.0',
    attribution: '',
    themes: [],
    keywords: [],
    temporal_start: '',
    temporal_end: '',
    issued: '',
    modified: '',
    accrual_periodicity: '',
    live_source: '',
    private: true,
    usage: { personal_data: 'keine', purpose: '', retention: '', quality: '' },
    distributions: [],
    version: 0,
  };
}

export function toDraft(d: DatasetRecord): DatasetDraft {
  return {
    name: d.name,
    title: d.title,
    notes: d.notes,
    organization: d.organization,
    contact_email: d.contact_email,
    contact_url: d.contact_url,
    license: d.license,
    attribution: d.attribution,
    themes: [...d.themes],
    keywords: [...d.keywords],
    temporal_start: d.temporal_start,
    temporal_end: d.temporal_end,
    issued: d.issued,
    accrual_periodicity: d.accrual_periodicity,
    personal_data: d.usage?.personal_data || 'keine',
    purpose: d.usage?.purpose ?? '',
    retention: d.usage?.retention ?? '',
    quality: d.usage?.quality ?? '',
  };
}

/** The record to send: the original (files, status, live source) with the form's fields. */
export function toBody(d: DatasetDraft, original: DatasetRecord): { body: unknown } {
  const clean = (xs: string[]) => xs.map((x) => x.trim()).filter(Boolean);
  return {
    body: {
      ...withoutReadOnly(original, ['version', 'modified']),
      name: d.name.trim(),
      title: d.title.trim(),
      notes: d.notes.trim(),
      organization: d.organization,
      contact_email: d.contact_email.trim(),
      contact_url: d.contact_url.trim(),
      license: d.license,
      attribution: d.attribution.trim(),
      themes: d.themes,
      keywords: clean(d.keywords),
      temporal_start: d.temporal_start,
      temporal_end: d.temporal_end,
      issued: d.issued,
      accrual_periodicity: d.accrual_periodicity,
      usage: { personal_data: d.personal_data, purpose: d.purpose.trim(), retention: d.retention.trim(), quality: d.quality.trim() },
    },
  };
}

function SelectField({
  id,
  label,
  hint,
  value,
  onChange,
  error,
  children,
  required,
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  children: ComponentChildren;
  required?: boolean;
}) {
  return (
    <div class={`form-field${error ? ' has-error' : ''}`}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldMessage id={id} error={error} />
      <select
        id={id}
        value={value}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}
      >
        {children}
      </select>
    </div>
  );
}

export function DatasetFields({
  draft: d,
  setDraft,
  errorAt,
  user,
  choices,
  creating,
}: {
  draft: DatasetDraft;
  setDraft: (d: DatasetDraft) => void;
  errorAt: (id: string) => string | undefined;
  user: Me;
  choices: Choices;
  creating: boolean;
}) {
  const { t } = useI18n();
  const e = t.od.ed;
  const set =
    <K extends keyof DatasetDraft>(k: K) =>
    (v: DatasetDraft[K]) =>
      setDraft({ ...d, [k]: v });
  const text = (k: keyof DatasetDraft & string, id: string, label: string, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField id={id} label={label} value={d[k] as string} onInput={set(k) as (v: string) => void} error={errorAt(id)} {...extra} />
  );
  // Staff choose among their own organisation (and the one the record has); admins among all.
  const orgs = choices.organizations.filter((o) => user.role === 'admin' || o.title === user.department || o.name === d.organization);
  const themesError = errorAt('e-themes');

  return (
    <>
      <fieldset class="form-section">
        <legend>{e.basics}</legend>
        <div class="form-grid">
          {text('title', 'e-title', e.title, { required: true, wide: true, lang: 'de' })}
          {text('name', 'e-name', e.name, { required: true, hint: e.nameHint, readOnly: !creating, spellcheck: false })}
          <SelectField
            id="e-organization"
            label={e.organization}
            hint={user.role === 'admin' ? undefined : e.organizationHint}
            value={d.organization}
            onChange={set('organization')}
            error={errorAt('e-organization')}
            required
          >
            {orgs.map((o) => (
              <option key={o.name} value={o.name} lang="de">
                {o.title}
              </option>
            ))}
          </SelectField>
          {text('notes', 'e-notes', e.notes, { required: true, multiline: true, rows: 6, wide: true, hint: e.notesHint, lang: 'de' })}
          {text('contact_email', 'e-contact_email', e.contactEmail, { type: 'email', hint: e.contactHint, spellcheck: false })}
          {text('contact_url', 'e-contact_url', e.contactUrl, { type: 'url', spellcheck: false })}
          <SelectField id="e-license" label={e.licence} value={d.license} onChange={set('license')} error={errorAt('e-license')} required>
            {choices.licenses.map((l) => (
              <option key={l.id} value={l.id} lang="de">
                {l.title}
              </option>
            ))}
          </SelectField>
          {text('attribution', 'e-attribution', e.attribution, { hint: e.attributionHint, lang: 'de' })}
        </div>
        <fieldset
          class="checkbox-group"
          id="e-themes"
          tabIndex={-1}
          aria-describedby={themesError ? 'e-themes-hint e-themes-error' : 'e-themes-hint'}
        >
          <legend>{e.themes}</legend>
          <p class="field-hint" id="e-themes-hint">
            {e.themesHint}
          </p>
          <FieldMessage id="e-themes" error={themesError} />
          <div class="check-columns">
            {choices.themes.map((th) => {
              // CKAN names the groups in lower case; the record holds the EU code (ENVI).
              const code = th.name.toUpperCase();
              return (
                <label key={code} class="check">
                  <input
                    type="checkbox"
                    id={`e-themes-${code}`}
                    checked={d.themes.includes(code)}
                    onChange={(ev) =>
                      set('themes')(
                        (ev.currentTarget as HTMLInputElement).checked ? [...d.themes, code] : d.themes.filter((x) => x !== code),
                      )
                    }
                  />
                  <span lang="de">{th.title}</span>
                </label>
              );
            })}
          </div>
        </fieldset>
        <TextRows id="e-keywords" legend={e.keywords} items={d.keywords} onChange={set('keywords')} error={errorAt('e-keywords')} errorAt={errorAt} />
      </fieldset>

      <fieldset class="form-section">
        <legend>{e.time}</legend>
        <div class="form-grid">
          {text('temporal_start', 'e-temporal_start', e.temporalStart, { type: 'date' })}
          {text('temporal_end', 'e-temporal_end', e.temporalEnd, { type: 'date' })}
          {text('issued', 'e-issued', e.issued, { type: 'date' })}
          <SelectField
            id="e-accrual_periodicity"
            label={e.periodicity}
            value={d.accrual_periodicity}
            onChange={set('accrual_periodicity')}
            error={errorAt('e-accrual_periodicity')}
          >
            <option value="">{e.noValue}</option>
            {PERIODICITIES.map((p) => (
              <option key={p} value={p}>
                {t.od.periodicities[p] ?? p.toLowerCase()}
              </option>
            ))}
          </SelectField>
        </div>
      </fieldset>

      <fieldset class="form-section" id="e-usage" tabIndex={-1}>
        <legend>{e.usage}</legend>
        <p class="field-hint">{e.usageHint}</p>
        <div class="form-grid">
          <SelectField
            id="e-usage-personal_data"
            label={e.personalData}
            value={d.personal_data}
            onChange={set('personal_data')}
            error={errorAt('e-usage-personal_data')}
          >
            <option value="keine">{t.od.personalValues.keine}</option>
            <option value="anonymisiert">{t.od.personalValues.anonymisiert}</option>
          </SelectField>
          {text('purpose', 'e-usage-purpose', e.purpose, { multiline: true, rows: 3, wide: true, lang: 'de' })}
          {text('retention', 'e-usage-retention', e.retention, { multiline: true, rows: 3, wide: true, lang: 'de' })}
          {text('quality', 'e-usage-quality', e.quality, { multiline: true, rows: 3, wide: true, lang: 'de' })}
        </div>
      </fieldset>
    </>
  );
}
