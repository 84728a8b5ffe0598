// /verwaltung/leistungen/{id}/bearbeiten: the whole service record as a form
// (catalogue format, docs/catalog-format.md). Numbers are typed as text and
// checked here; everything else the server validates (422 at the fields).
import { useRoute } from 'preact-iso';
import { useI18n } from '../../i18n';
import { useApi, type Fee, type Maturity, type Office, type Service } from '../../catalog/api';
import { TextField, type FieldError } from '../../components/Form';
import { EditorFrame, type FormProps } from '../../staff/EditorFrame';
import { parseDecimal, withoutReadOnly } from '../../staff/edit';
import { Rows, TextRows } from '../../staff/Rows';

const CHANNELS = ['vor_ort', 'online', 'post', 'telefon', 'email'] as const;
const READ_ONLY = ['version', 'office_details', 'related_details', 'fees_text'];

interface FeeDraft {
  amount: string;
  condition: string;
  currency: string;
  per?: string;
}

export interface ServiceDraft {
  title: string;
  summary: string;
  description: string;
  topic: string;
  department: string;
  leika: string;
  last_review: string;
  prerequisites: string[];
  documents: string[];
  hints: string[];
  legal_basis: string[];
  keywords: string[];
  synonyms: string[];
  fees: FeeDraft[];
  forms: { title: string; url: string }[];
  processing_time: string;
  deadlines: string;
  maturity: string;
  maturity_2025: string;
  channels: string[];
  online_service_url: string;
  appointment_minutes: string;
  offices: string[];
}

function amountText(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace('.', ',');
}

function toDraft(s: Service): ServiceDraft {
  return {
    title: s.title,
    summary: s.summary,
    description: s.description,
    topic: s.topic,
    department: s.department,
    leika: s.leika,
    last_review: s.last_review,
    prerequisites: [...s.prerequisites],
    documents: [...s.documents],
    hints: [...(s.hints ?? [])],
    legal_basis: [...s.legal_basis],
    keywords: [...s.keywords],
    synonyms: [...(s.synonyms ?? [])],
    fees: s.fees.map((f) => ({ amount: amountText(f.amount), condition: f.condition ?? '', currency: f.currency, per: f.per })),
    forms: (s.forms ?? []).map((f) => ({ ...f })),
    processing_time: s.processing_time ?? '',
    deadlines: s.deadlines ?? '',
    maturity: String(s.maturity),
    maturity_2025: s.maturity_2025 === undefined || s.maturity_2025 === null ? '' : String(s.maturity_2025),
    channels: [...s.channels],
    online_service_url: s.online_service_url ?? '',
    appointment_minutes: s.appointment_minutes === null ? '' : String(s.appointment_minutes),
    offices: [...s.offices],
  };
}

function toBody(d: ServiceDraft, original: Service, t: ReturnType<typeof useI18n>['t']) {
  const errors: FieldError[] = [];
  const fees: Fee[] = d.fees.map((f, i) => {
    const amount = parseDecimal(f.amount);
    if (amount === null || Number.isNaN(amount))
      errors.push({ field: `e-fees-${i}-amount`, message: t.staff.notANumber, label: `${t.staff.fee} ${i + 1}, ${t.staff.amount}` });
    const fee: Fee = { amount: amount ?? 0, currency: f.currency || 'EUR', condition: f.condition.trim() };
    if (f.per) fee.per = f.per;
    return fee;
  });
  let minutes: number | null = null;
  if (d.appointment_minutes.trim()) {
    minutes = Number(d.appointment_minutes.trim());
    if (!Number.isInteger(minutes))
      errors.push({ field: 'e-appointment_minutes', message: t.staff.notAWholeNumber, label: t.staff.appointmentMinutes });
  }
  if (errors.length) return { errors };
  const clean = (xs: string[]) => xs.map((x) => x.trim()).filter(Boolean);
  const body: Record<string, unknown> = {
    ...withoutReadOnly(original, READ_ONLY),
    title: d.title.trim(),
    summary: d.summary.trim(),
    description: d.description.trim(),
    topic: d.topic.trim(),
    department: d.department.trim(),
    leika: d.leika.trim(),
    last_review: d.last_review,
    prerequisites: clean(d.prerequisites),
    documents: clean(d.documents),
    hints: clean(d.hints),
    legal_basis: clean(d.legal_basis),
    keywords: clean(d.keywords),
    synonyms: clean(d.synonyms),
    fees,
    forms: d.forms.filter((f) => f.title.trim() || f.url.trim()).map((f) => ({ title: f.title.trim(), url: f.url.trim() })),
    maturity: Number(d.maturity),
    channels: CHANNELS.filter((c) => d.channels.includes(c)),
    online_service_url: d.online_service_url.trim() || null,
    appointment_minutes: minutes,
    offices: d.offices,
  };
  if (d.processing_time.trim()) body.processing_time = d.processing_time.trim();
  else delete body.processing_time;
  if (d.deadlines.trim()) body.deadlines = d.deadlines.trim();
  else delete body.deadlines;
  if (d.maturity_2025 !== '') body.maturity_2025 = Number(d.maturity_2025);
  else delete body.maturity_2025;
  return { body };
}

function ServiceForm({ draft: d, setDraft, errorAt, user }: FormProps<Service, ServiceDraft>) {
  const { t } = useI18n();
  const [offices] = useApi<{ items: Office[] }>('/api/offices');
  const set = <K extends keyof ServiceDraft>(k: K) => (v: ServiceDraft[K]) => setDraft({ ...d, [k]: v });
  const text = (k: keyof ServiceDraft & string, label: string, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField id={`e-${k}`} label={label} value={d[k] as string} onInput={set(k) as (v: string) => void} error={errorAt(`e-${k}`)} lang="de" {...extra} />
  );
  const list = (k: 'prerequisites' | 'documents' | 'hints' | 'legal_basis' | 'keywords' | 'synonyms', label: string, hint?: string) => (
    <TextRows id={`e-${k}`} legend={label} hint={hint} items={d[k]} onChange={set(k)} error={errorAt(`e-${k}`)} errorAt={errorAt} />
  );
  const officeItems = offices.state === 'ok' ? [...offices.data.items].sort((a, b) => a.name.localeCompare(b.name, 'de')) : [];

  return (
    <>
      <fieldset class="form-section">
        <legend>{t.staff.basics}</legend>
        <div class="form-grid">
          {text('title', t.staff.title, { required: true, wide: true })}
          {text('summary', t.staff.summary, { hint: t.staff.summaryHint, multiline: true, rows: 3, wide: true, required: true })}
          {text('description', t.staff.description, { hint: t.staff.descriptionHint, multiline: true, rows: 10, wide: true, required: true })}
          {text('topic', t.staff.topic, { required: true })}
          {text('department', t.staff.department, {
            required: true,
            hint: user.role === 'admin' ? undefined : t.staff.departmentLocked,
            readOnly: user.role !== 'admin',
          })}
          {text('leika', t.staff.leika, { hint: t.staff.leikaHint, inputMode: 'numeric', required: true, spellcheck: false })}
          {text('last_review', t.staff.lastReview, { type: 'date', required: true })}
        </div>
      </fieldset>

      <fieldset class="form-section">
        <legend>{t.staff.citizens}</legend>
        {list('documents', t.staff.documents)}
        {list('prerequisites', t.staff.prerequisites)}
        <Rows
          id="e-fees"
          legend={t.staff.feesTitle}
          hint={t.staff.feesHint}
          error={errorAt('e-fees')}
          items={d.fees}
          onChange={set('fees')}
          empty={() => ({ amount: '', condition: '', currency: 'EUR' })}
          rowClass="row-fee"
          renderRow={(f, i, update) => (
            <>
              <TextField
                id={`e-fees-${i}-amount`}
                label={<>{t.staff.amount}<span class="visually-hidden"> ({t.staff.fee} {i + 1})</span></>}
                value={f.amount}
                inputMode="decimal"
                onInput={(v) => update({ ...f, amount: v })}
                error={errorAt(`e-fees-${i}-amount`) ?? errorAt(`e-fees-${i}`)}
              />
              <TextField
                id={`e-fees-${i}-condition`}
                label={<>{t.staff.condition}<span class="visually-hidden"> ({t.staff.fee} {i + 1})</span></>}
                value={f.condition}
                lang="de"
                onInput={(v) => update({ ...f, condition: v })}
                error={errorAt(`e-fees-${i}-condition`)}
              />
            </>
          )}
        />
        {text('processing_time', t.staff.processingTime, { hint: t.staff.optional })}
        {text('deadlines', t.staff.deadlines, { hint: t.staff.optional })}
        {list('hints', t.staff.hints)}
        <Rows
          id="e-forms"
          legend={t.staff.formsTitle}
          error={errorAt('e-forms')}
          items={d.forms}
          onChange={set('forms')}
          empty={() => ({ title: '', url: '' })}
          rowClass="row-pair"
          renderRow={(f, i, update) => (
            <>
              <TextField
                id={`e-forms-${i}-title`}
                label={<>{t.staff.formTitle}<span class="visually-hidden"> ({t.staff.form} {i + 1})</span></>}
                value={f.title}
                lang="de"
                onInput={(v) => update({ ...f, title: v })}
                error={errorAt(`e-forms-${i}-title`) ?? errorAt(`e-forms-${i}`)}
              />
              <TextField
                id={`e-forms-${i}-url`}
                label={<>{t.staff.formUrl}<span class="visually-hidden"> ({t.staff.form} {i + 1})</span></>}
                value={f.url}
                type="url"
                spellcheck={false}
                onInput={(v) => update({ ...f, url: v })}
                error={errorAt(`e-forms-${i}-url`)}
              />
            </>
          )}
        />
        {list('legal_basis', t.staff.legalBasis)}
      </fieldset>

      <fieldset class="form-section">
        <legend>{t.staff.digital}</legend>
        <div class="form-grid">
          <div class={`form-field${errorAt('e-maturity') ? ' has-error' : ''}`}>
            <label for="e-maturity">{t.staff.maturity}</label>
            <p class="field-hint" id="e-maturity-hint">
              {t.staff.maturityHint}
            </p>
            {errorAt('e-maturity') && (
              <p class="field-error" id="e-maturity-error">
                {errorAt('e-maturity')}
              </p>
            )}
            <select
              id="e-maturity"
              value={d.maturity}
              aria-describedby={errorAt('e-maturity') ? 'e-maturity-hint e-maturity-error' : 'e-maturity-hint'}
              aria-invalid={errorAt('e-maturity') ? 'true' : undefined}
              onChange={(e) => set('maturity')((e.currentTarget as HTMLSelectElement).value)}
            >
              {([0, 1, 2, 3, 4] as Maturity[]).map((l) => (
                <option key={l} value={String(l)}>
                  {l} – {t.maturity.names[l]}
                </option>
              ))}
            </select>
          </div>
          <div class={`form-field${errorAt('e-maturity_2025') ? ' has-error' : ''}`}>
            <label for="e-maturity_2025">{t.staff.maturity2025}</label>
            {errorAt('e-maturity_2025') && (
              <p class="field-error" id="e-maturity_2025-error">
                {errorAt('e-maturity_2025')}
              </p>
            )}
            <select
              id="e-maturity_2025"
              value={d.maturity_2025}
              aria-describedby={errorAt('e-maturity_2025') ? 'e-maturity_2025-error' : undefined}
              onChange={(e) => set('maturity_2025')((e.currentTarget as HTMLSelectElement).value)}
            >
              <option value="">{t.staff.noValue}</option>
              {[0, 1, 2, 3, 4, 5, 6, 7].map((l) => (
                <option key={l} value={String(l)}>
                  {l}
                </option>
              ))}
            </select>
          </div>
        </div>
        <fieldset class="checkbox-group" id="e-channels" tabIndex={-1} aria-describedby={errorAt('e-channels') ? 'e-channels-error' : undefined}>
          <legend>{t.staff.channelsTitle}</legend>
          {errorAt('e-channels') && (
            <p class="field-error" id="e-channels-error">
              {errorAt('e-channels')}
            </p>
          )}
          {CHANNELS.map((c) => (
            <label key={c} class="check">
              <input
                type="checkbox"
                id={`e-channels-${c}`}
                checked={d.channels.includes(c)}
                onChange={(e) =>
                  set('channels')(
                    (e.currentTarget as HTMLInputElement).checked ? [...d.channels, c] : d.channels.filter((x) => x !== c),
                  )
                }
              />
              <span>{t.staff.channels[c]}</span>
            </label>
          ))}
        </fieldset>
        <div class="form-grid">
          {text('online_service_url', t.staff.onlineUrl, { type: 'url', hint: t.staff.onlineUrlHint, spellcheck: false, lang: undefined })}
          {text('appointment_minutes', t.staff.appointmentMinutes, { inputMode: 'numeric', hint: t.staff.appointmentHint, lang: undefined })}
        </div>
      </fieldset>

      <fieldset class="form-section checkbox-group" id="e-offices" tabIndex={-1} aria-describedby={errorAt('e-offices') ? 'e-offices-hint e-offices-error' : 'e-offices-hint'}>
        <legend>{t.staff.officesTitle}</legend>
        <p class="field-hint" id="e-offices-hint">
          {t.staff.officesHint}
        </p>
        {errorAt('e-offices') && (
          <p class="field-error" id="e-offices-error">
            {errorAt('e-offices')}
          </p>
        )}
        <div class="check-columns">
          {officeItems.map((o) => (
            <label key={o.id} class="check" lang="de">
              <input
                type="checkbox"
                id={`e-offices-${o.id}`}
                checked={d.offices.includes(o.id)}
                onChange={(e) =>
                  set('offices')(
                    (e.currentTarget as HTMLInputElement).checked ? [...d.offices, o.id] : d.offices.filter((x) => x !== o.id),
                  )
                }
              />
              <span>
                {o.name}
                <span class="check-note">{o.department}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset class="form-section">
        <legend>{t.staff.findability}</legend>
        {list('keywords', t.staff.keywords, t.staff.keywordsHint)}
        {list('synonyms', t.staff.synonyms)}
      </fieldset>
    </>
  );
}

export function ServiceEditor() {
  const { t } = useI18n();
  const { params } = useRoute();
  const id = params.id ?? '';
  return (
    <EditorFrame<Service, ServiceDraft>
      spec={{
        kind: 'services',
        id,
        nameOf: (s) => s.title,
        departmentOf: (s) => s.department,
        publicPath: `/leistungen/${encodeURIComponent(id)}`,
        pageTitle: t.staff.editService,
        loadingTitle: t.staff.editServiceShort,
        trail: [{ href: '/verwaltung', label: t.areas.verwaltung.name }],
        toDraft,
        toBody: (d, original) => toBody(d, original, t),
        Form: ServiceForm,
      }}
    />
  );
}
