// /verwaltung/daten/:name/bearbeiten: a dataset's metadata in the staff
// editor frame (If-Match, 412, 422 at the fields, history), and below the
// form its publication status (publish / withdraw) and its files (upload,
// typed by the server from the content). /verwaltung/daten/neu creates one.
import { useMemo, useRef, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { useI18n } from '../../i18n';
import { send } from '../../account/api';
import { RequireLogin } from '../../account/Gate';
import { loginHref, type Me } from '../../account/session';
import { LoadFailure, Loading } from '../../catalog/Status';
import { ErrorSummary, LiveStatus, errorOf, type FieldError } from '../../components/Form';
import { Page } from '../../components/Page';
import { EditorFrame, type FormProps, type ToolsProps } from '../../staff/EditorFrame';
import { placeErrors } from '../../staff/edit';
import { localiseMessage } from '../../staff/messages';
import { formatSize } from '../../opendata/format';
import { DATASETS, MAX_UPLOAD, fileNameFor, setPublished, uploadFile, type DatasetRecord } from '../../opendata/staff';
import {
  DatasetFields,
  emptyRecord,
  organizationTitle,
  toBody,
  toDraft,
  useChoices,
  type Choices,
  type DatasetDraft,
} from './DatasetForm';

const editPath = (name: string) => `/verwaltung/daten/${encodeURIComponent(name)}/bearbeiten`;

function Outcome({ text, tone }: { text: string; tone: 'ok' | 'error' }) {
  return (
    <div class={`notice ${tone === 'ok' ? 'notice-ok' : 'notice-error'}`} role={tone === 'ok' ? 'status' : 'alert'}>
      <p>{text}</p>
    </div>
  );
}

function Publication({ loaded, replace }: ToolsProps<DatasetRecord>) {
  const { t } = useI18n();
  const e = t.od.ed;
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const record = loaded.record;
  const toggle = async () => {
    if (busy) return;
    setBusy(true);
    setOutcome(null);
    const publish = record.private;
    const r = await setPublished(record.name, publish);
    setBusy(false);
    if (r.ok) {
      replace(r.loaded);
      setOutcome({ text: publish ? e.didPublish : e.didUnpublish, tone: 'ok' });
    } else setOutcome({ text: r.status === 0 ? e.network : r.status === 403 ? t.staff.notAllowed : e.publishFailed(r.status), tone: 'error' });
  };
  return (
    <section class="card od-staff-card" aria-labelledby="od-pub-title">
      <h2 id="od-pub-title">{e.statusTitle}</h2>
      <p>
        <span class={`tag ${record.private ? 'tag-warn' : 'tag-ok'}`}>{record.private ? e.unpublished : e.published}</span>{' '}
        {record.private ? e.isUnpublished : e.isPublished}
      </p>
      <div class="form-actions">
        <button type="button" class={`button ${record.private ? 'button-primary' : 'button-secondary'}`} aria-disabled={busy} onClick={toggle}>
          {record.private ? e.publish : e.unpublish}
        </button>
        {!record.private && <a href={`/daten/${encodeURIComponent(record.name)}`}>{t.staff.viewPage}</a>}
      </div>
      {busy && <LiveStatus text={e.publishing} />}
      {outcome && <Outcome {...outcome} />}
    </section>
  );
}

function uploadError(t: ReturnType<typeof useI18n>['t'], status: number, detail?: string): string {
  const e = t.od.ed;
  switch (status) {
    case 0:
      return e.network;
    case 400:
      return e.badFileName;
    case 403:
      return t.staff.notAllowed;
    case 412:
      return e.staleUpload;
    case 413:
      return e.tooLarge;
    case 415: {
      const m = /^The content is (.+), so the name must end in \.([a-z]+)\.$/.exec(detail ?? '');
      return m ? e.wrongExtension(m[1], m[2]) : e.wrongType;
    }
    case 422:
      return e.liveRefused;
    default:
      return e.uploadFailed(status);
  }
}

function Files({ loaded, replace, reload }: ToolsProps<DatasetRecord>) {
  const { t, locale } = useI18n();
  const e = t.od.ed;
  const record = loaded.record;
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<File | null>(null);
  const [fileName, setFileName] = useState('');
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ text: string; tone: 'ok' | 'error'; stale?: boolean } | null>(null);

  const upload = async (ev: Event) => {
    ev.preventDefault();
    if (busy) return;
    setOutcome(null);
    if (!chosen) return setOutcome({ text: e.noFile, tone: 'error' });
    if (chosen.size > MAX_UPLOAD) return setOutcome({ text: e.tooLarge, tone: 'error' });
    const name = fileName.trim() || fileNameFor(chosen.name);
    setBusy(true);
    const r = await uploadFile(record.name, name, title, chosen, loaded.etag);
    setBusy(false);
    if (!r.ok) return setOutcome({ text: uploadError(t, r.status, r.detail), tone: 'error', stale: r.status === 412 });
    replace(r.loaded);
    const d = r.loaded.record.distributions.find((x) => x.file === name);
    setOutcome({ text: e.uploaded(name, d?.format ?? '?', formatSize(d?.byte_size ?? chosen.size, locale)), tone: 'ok' });
    setChosen(null);
    setFileName('');
    setTitle('');
    if (input.current) input.current.value = '';
  };

  return (
    <section class="card od-staff-card" aria-labelledby="od-files-title">
      <h2 id="od-files-title">{e.filesTitle}</h2>
      {record.distributions.length === 0 ? (
        <p class="muted">{e.noFiles}</p>
      ) : (
        <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="od-files-caption">
          <table class="data-table">
            <caption id="od-files-caption">{e.filesCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{e.colFile}</th>
                <th scope="col">{e.colFormat}</th>
                <th scope="col" class="num">
                  {e.colSize}
                </th>
              </tr>
            </thead>
            <tbody>
              {record.distributions.map((d) => (
                <tr key={d.id}>
                  <th scope="row" lang="de">
                    {d.file ? (
                      <a href={`/opendata/download/${encodeURIComponent(record.name)}/${encodeURIComponent(d.file)}`}>{d.title}</a>
                    ) : (
                      <a href={d.access_url}>{d.title}</a>
                    )}
                    {(d.file || e.link) !== d.title && <span class="check-note">{d.file || e.link}</span>}
                  </th>
                  <td>
                    <span class="od-format">{d.format}</span> <span class="check-note">{d.media_type}</span>
                  </td>
                  <td class="num">{d.byte_size !== null ? formatSize(d.byte_size, locale) : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {record.live_source ? (
        <p class="notice">{e.liveFiles}</p>
      ) : (
        <form class="form od-upload" onSubmit={upload} noValidate aria-labelledby="od-upload-title">
          <h3 id="od-upload-title">{e.uploadTitle}</h3>
          <p class="field-hint" id="od-upload-hint">
            {e.uploadLead}
          </p>
          <div class="form-grid">
            <div class="form-field form-field-wide">
              <label for="od-upload-file">{e.chooseFile}</label>
              <input
                ref={input}
                id="od-upload-file"
                type="file"
                accept=".csv,.json,.geojson,.xlsx,.pdf"
                aria-describedby="od-upload-hint"
                onChange={(ev) => {
                  const f = (ev.currentTarget as HTMLInputElement).files?.[0] ?? null;
                  setChosen(f);
                  setFileName(f ? fileNameFor(f.name) : '');
                  setOutcome(null);
                }}
              />
            </div>
            <div class="form-field">
              <label for="od-upload-name">{e.fileName}</label>
              <p class="field-hint" id="od-upload-name-hint">
                {e.fileNameHint}
              </p>
              <input
                id="od-upload-name"
                value={fileName}
                spellcheck={false}
                aria-describedby="od-upload-name-hint"
                onInput={(ev) => setFileName((ev.currentTarget as HTMLInputElement).value)}
              />
            </div>
            <div class="form-field">
              <label for="od-upload-title-input">
                {e.fileTitle} <span class="muted">({t.staff.optional})</span>
              </label>
              <input id="od-upload-title-input" value={title} lang="de" onInput={(ev) => setTitle((ev.currentTarget as HTMLInputElement).value)} />
            </div>
          </div>
          <div class="form-actions">
            <button type="submit" class="button button-primary" aria-disabled={busy}>
              {e.upload}
            </button>
            {chosen && (
              <span class="muted">
                {chosen.name} · {formatSize(chosen.size, locale)}
              </span>
            )}
          </div>
          {busy && <LiveStatus text={e.uploading} />}
          {outcome && (
            <div class={`notice ${outcome.tone === 'ok' ? 'notice-ok' : 'notice-error'}`} role={outcome.tone === 'ok' ? 'status' : 'alert'}>
              <p>{outcome.text}</p>
              {outcome.stale && (
                <button type="button" class="button button-secondary" onClick={reload}>
                  {t.staff.reload}
                </button>
              )}
            </div>
          )}
        </form>
      )}
    </section>
  );
}

function Tools(props: ToolsProps<DatasetRecord>) {
  return (
    <div class="od-staff-tools">
      <Publication {...props} />
      <Files {...props} />
    </div>
  );
}

function ChoicesGate({ title, children }: { title: string; children: (c: Choices) => preact.ComponentChildren }) {
  const { t } = useI18n();
  const choices = useChoices();
  const trail = [{ href: '/verwaltung/daten', label: t.od.ed.listTitle }];
  if (choices === null)
    return (
      <Page title={title} trail={trail}>
        <Loading />
      </Page>
    );
  if (typeof choices === 'number')
    return (
      <Page title={title} trail={trail}>
        <LoadFailure failure={{ kind: 'network' }} retry={() => window.location.reload()} />
      </Page>
    );
  return <>{children(choices)}</>;
}

function Edit({ name, choices }: { name: string; choices: Choices }) {
  const { t } = useI18n();
  const e = t.od.ed;
  // One Form component per page, so that typing never remounts the fields.
  const Form = useMemo(
    () =>
      ({ draft, setDraft, errorAt, user }: FormProps<DatasetRecord, DatasetDraft>) => (
        <DatasetFields draft={draft} setDraft={setDraft} errorAt={errorAt} user={user} choices={choices} creating={false} />
      ),
    [choices],
  );
  return (
    <EditorFrame<DatasetRecord, DatasetDraft>
      spec={{
        kind: 'opendata/datasets',
        id: name,
        nameOf: (d) => d.title,
        departmentOf: (d) => organizationTitle(choices, d.organization),
        publicPath: `/daten/${encodeURIComponent(name)}`,
        pageTitle: e.editTitle,
        loadingTitle: e.editShort,
        trail: [
          { href: '/verwaltung', label: t.areas.verwaltung.name },
          { href: '/verwaltung/daten', label: e.listTitle },
        ],
        toDraft,
        toBody,
        Form,
        editPath: editPath(name),
        conflictTitle: e.conflictTitle,
        conflictText: e.conflictText,
        Tools,
      }}
    />
  );
}

export function DatasetEditor() {
  const { t } = useI18n();
  const { params } = useRoute();
  const name = params.name ?? '';
  return <ChoicesGate title={t.od.ed.editShort}>{(choices) => <Edit name={name} choices={choices} />}</ChoicesGate>;
}

function Create({ user, choices }: { user: Me; choices: Choices }) {
  const { t, locale } = useI18n();
  const e = t.od.ed;
  const { route } = useLocation();
  const own = choices.organizations.find((o) => o.title === user.department)?.name ?? choices.organizations[0]?.name ?? '';
  const [draft, setDraft] = useState<DatasetDraft>(() => toDraft(emptyRecord(own)));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [generation, setGeneration] = useState(0);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState('');
  const trail = [
    { href: '/verwaltung', label: t.areas.verwaltung.name },
    { href: '/verwaltung/daten', label: e.listTitle },
  ];
  const fail = (list: FieldError[]) => {
    setErrors(list);
    setGeneration((g) => g + 1);
  };

  const create = async (ev: Event) => {
    ev.preventDefault();
    if (busy) return;
    setFailure('');
    const { body } = toBody(draft, emptyRecord(draft.organization));
    setBusy(true);
    const a = await send<DatasetRecord>('POST', DATASETS, body);
    setBusy(false);
    if (a.ok) return route(editPath(a.body.name));
    if (a.status === 422 && a.problem.errors?.length)
      return fail(placeErrors(a.problem.errors.map((x) => ({ ...x, message: localiseMessage(x.message, locale) }))));
    if (a.status === 409) return fail([{ field: 'e-name', message: e.nameTaken, label: e.name }]);
    setErrors([]);
    if (a.status === 401) return setFailure(t.staff.sessionEnded);
    if (a.status === 403) return setFailure(t.staff.notAllowed);
    setFailure(a.status === 0 ? e.network : t.staff.failed(a.status));
  };

  return (
    <Page title={e.newTitle} trail={trail} head={<p class="lead">{e.newLead}</p>} wide>
      {failure && (
        <div class="notice notice-error" role="alert">
          <p>{failure}</p>
          {failure === t.staff.sessionEnded && (
            <p>
              <a href={loginHref('/verwaltung/daten/neu')} target="_blank" rel="noopener">
                {t.staff.loginAgain}
              </a>
            </p>
          )}
        </div>
      )}
      <ErrorSummary errors={errors} generation={generation} title={t.staff.errorTitle} />
      <form class="form edit-form" onSubmit={create} noValidate>
        <DatasetFields draft={draft} setDraft={setDraft} errorAt={(id) => errorOf(errors, id)} user={user} choices={choices} creating />
        <div class="edit-actions">
          <div class="container-inner">
            <button type="submit" class="button button-primary" aria-disabled={busy}>
              {e.create}
            </button>
            <a class="button button-secondary" href="/verwaltung/daten">
              {t.staff.discard}
            </a>
            <LiveStatus text={busy ? e.creating : ''} />
          </div>
        </div>
      </form>
    </Page>
  );
}

export function DatasetCreate() {
  const { t } = useI18n();
  const e = t.od.ed;
  return (
    <RequireLogin roles={['staff', 'admin']} title={e.newTitle} trail={[{ href: '/verwaltung', label: t.areas.verwaltung.name }]}>
      {(user) => <ChoicesGate title={e.newTitle}>{(choices) => <Create user={user} choices={choices} />}</ChoicesGate>}
    </RequireLogin>
  );
}
