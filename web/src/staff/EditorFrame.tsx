// What the service and office editors share: the staff gate, loading the
// record with its ETag, the department check, "Speichern" (PUT with
// If-Match) and "Verwerfen", and every answer explained: saved (focus on the
// confirmation), invalid (errors at the fields and in a summary that takes
// the focus), changed meanwhile (412: offer to reload, never overwrite),
// login expired, not allowed. Record-specific tools (e.g. publishing and
// file uploads of a dataset) may sit under the form; the change history below.
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { RequireLogin, Forbidden } from '../account/Gate';
import { loginHref, mayEdit, type Me } from '../account/session';
import { LoadFailure, Loading } from '../catalog/Status';
import { ErrorSummary, LiveStatus, errorOf, type FieldError } from '../components/Form';
import { Page, type Crumb } from '../components/Page';
import { NotFoundContent } from '../pages/NotFound';
import { History } from './History';
import { loadRecord, placeErrors, saveRecord, type Kind, type Loaded } from './edit';
import { localiseMessage } from './messages';

export interface FormProps<R, D> {
  draft: D;
  setDraft: (d: D) => void;
  errorAt: (id: string) => string | undefined;
  user: Me;
  original: R;
}

/** What record-specific tools under the form get: the record, and a way to
 * show the newer version their own request returned. */
export interface ToolsProps<R> {
  loaded: Loaded<R>;
  replace: (l: Loaded<R>) => void;
  reload: () => void;
  user: Me;
}

export interface EditorSpec<R, D> {
  kind: Kind;
  id: string;
  nameOf: (r: R) => string;
  departmentOf: (r: R) => string;
  publicPath: string;
  pageTitle: (name: string) => string;
  loadingTitle: string;
  trail: Crumb[];
  toDraft: (r: R) => D;
  /** The body of the PUT, or the problems found before sending it. */
  toBody: (d: D, original: R) => { body: unknown } | { errors: FieldError[] };
  Form: (props: FormProps<R, D>) => JSX.Element;
  /** The page's own path (for "log in again"); default /verwaltung/{leistungen|aemter}/{id}/bearbeiten. */
  editPath?: string;
  /** Heading and text of the 412 notice, when the record has a better word than "Eintrag". */
  conflictTitle?: string;
  conflictText?: string;
  Tools?: (props: ToolsProps<R>) => JSX.Element;
}

type Notice =
  | { kind: 'saved'; version: number }
  | { kind: 'conflict' }
  | { kind: 'unauthenticated' }
  | { kind: 'forbidden' }
  | { kind: 'unavailable' }
  | { kind: 'failed'; text: string };

function NoticeBox({
  notice,
  onReload,
  here,
  conflict,
}: {
  notice: Notice;
  onReload: () => void;
  here: string;
  conflict: { title?: string; text?: string };
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [notice]);
  const box = (tone: string, children: ComponentChildren, role: 'status' | 'alert' = 'alert') => (
    <div class={`notice ${tone} outcome`} tabIndex={-1} ref={ref} role={role}>
      {children}
    </div>
  );
  switch (notice.kind) {
    case 'saved':
      return box('notice-ok', <p>{t.staff.saved(notice.version)}</p>, 'status');
    case 'conflict':
      return box(
        'notice-error conflict',
        <>
          <h2>{conflict.title ?? t.staff.conflictTitle}</h2>
          <p>{conflict.text ?? t.staff.conflictText}</p>
          <p>{t.staff.conflictHelp}</p>
          <div class="form-actions">
            <button type="button" class="button button-primary" onClick={onReload}>
              {t.staff.reload}
            </button>
          </div>
        </>,
      );
    case 'unauthenticated':
      return box(
        'notice-error',
        <>
          <p>{t.staff.sessionEnded}</p>
          <p>
            <a href={loginHref(here)} target="_blank" rel="noopener">
              {t.staff.loginAgain}
            </a>
          </p>
        </>,
      );
    case 'forbidden':
      return box('notice-error', <p>{t.staff.notAllowed}</p>);
    case 'unavailable':
      return box('notice-error', <p>{t.staff.notAvailable}</p>);
    default:
      return box('notice-error', <p>{notice.text}</p>);
  }
}

function Editor<R extends { version?: number }, D>({ spec, user }: { spec: EditorSpec<R, D>; user: Me }) {
  const { t, locale } = useI18n();
  const [loaded, setLoaded] = useState<Loaded<R> | number | null>(null);
  const [draft, setDraft] = useState<D | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [generation, setGeneration] = useState(0);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState('');
  const [historyGeneration, setHistoryGeneration] = useState(0);
  const here = spec.editPath ?? `/verwaltung/${spec.kind === 'services' ? 'leistungen' : 'aemter'}/${spec.id}/bearbeiten`;

  const load = async () => {
    setLoaded(null);
    const l = await loadRecord<R>(spec.kind, spec.id);
    setLoaded(l);
    if (typeof l !== 'number') setDraft(spec.toDraft(l.record));
  };
  useEffect(() => {
    void load();
  }, [spec.kind, spec.id]);

  if (loaded === null || (typeof loaded !== 'number' && draft === null))
    return (
      <Page title={spec.loadingTitle} trail={spec.trail}>
        <Loading />
      </Page>
    );
  if (loaded === 404)
    return (
      <Page title={t.notFound.title} trail={spec.trail}>
        <NotFoundContent hint={spec.kind === 'services' ? 'services' : spec.kind === 'offices' ? 'offices' : undefined} />
      </Page>
    );
  if (typeof loaded === 'number')
    return (
      <Page title={spec.loadingTitle} trail={spec.trail}>
        <LoadFailure failure={loaded === 0 ? { kind: 'network' } : { kind: 'http', status: loaded }} retry={load} />
      </Page>
    );
  const original = loaded.record;
  if (!mayEdit(user, spec.departmentOf(original)))
    return <Forbidden trail={spec.trail} reason={t.account.forbiddenDepartment} />;

  const current = draft as D;
  const dirty = JSON.stringify(current) !== JSON.stringify(spec.toDraft(original));
  const fail = (list: FieldError[]) => {
    setErrors(list);
    setGeneration((g) => g + 1);
  };

  const save = async (e: Event) => {
    e.preventDefault();
    if (saving) return;
    setNotice(null);
    const prepared = spec.toBody(current, original);
    if ('errors' in prepared) return fail(prepared.errors);
    setSaving(true);
    setStatus(t.staff.saving);
    const result = await saveRecord<R>(spec.kind, spec.id, prepared.body, loaded.etag);
    setSaving(false);
    setStatus('');
    switch (result.kind) {
      case 'saved':
        setErrors([]);
        setLoaded(result.loaded);
        setDraft(spec.toDraft(result.loaded.record));
        setNotice({ kind: 'saved', version: result.loaded.record.version ?? 0 });
        setHistoryGeneration((g) => g + 1);
        return;
      case 'invalid':
        setNotice(null);
        return fail(placeErrors(result.errors.map((e) => ({ ...e, message: localiseMessage(e.message, locale) }))));
      case 'failed':
        setErrors([]);
        setNotice({ kind: 'failed', text: result.detail ? `${t.staff.failed(result.status)} ${result.detail}` : t.staff.failed(result.status) });
        return;
      default:
        setErrors([]);
        setNotice({ kind: result.kind });
    }
  };

  const discard = () => {
    setDraft(spec.toDraft(original));
    setErrors([]);
    setNotice(null);
    setStatus(t.staff.discarded);
  };

  const replace = (l: Loaded<R>) => {
    if (!dirty) setDraft(spec.toDraft(l.record));
    setLoaded(l);
    setHistoryGeneration((g) => g + 1);
  };

  const errorAt = (id: string) => errorOf(errors, id);
  const name = spec.nameOf(original);
  return (
    <Page
      title={spec.pageTitle(name)}
      trail={spec.trail}
      head={
        <>
          <p class="lead">{t.staff.editLead}</p>
          <p class="edit-meta">
            <span class="tag">{t.staff.version(original.version ?? 0)}</span>
            {dirty && <span class="tag tag-warn">{t.staff.unsaved}</span>}
            <a href={spec.publicPath}>{t.staff.viewPage}</a>
          </p>
        </>
      }
      wide
    >
      {notice && (
        <NoticeBox
          notice={notice}
          onReload={() => {
            setNotice(null);
            setErrors([]);
            void load();
          }}
          here={here}
          conflict={{ title: spec.conflictTitle, text: spec.conflictText }}
        />
      )}
      <ErrorSummary errors={errors} generation={generation} title={t.staff.errorTitle} />
      <form class="form edit-form" onSubmit={save} noValidate>
        <spec.Form draft={current} setDraft={(d) => setDraft(d)} errorAt={errorAt} user={user} original={original} />
        <div class="edit-actions">
          <div class="container-inner">
            <button type="submit" class="button button-primary" aria-disabled={saving}>
              {t.staff.save}
            </button>
            <button type="button" class="button button-secondary" onClick={discard}>
              {t.staff.discard}
            </button>
            <LiveStatus text={status} />
          </div>
        </div>
      </form>
      {spec.Tools && <spec.Tools loaded={loaded} replace={replace} reload={() => void load()} user={user} />}
      <History kind={spec.kind} id={spec.id} generation={historyGeneration} />
    </Page>
  );
}

/** A staff editor page: only staff and admins get past the gate. */
export function EditorFrame<R extends { version?: number }, D>({ spec }: { spec: EditorSpec<R, D> }) {
  return (
    <RequireLogin roles={['staff', 'admin']} title={spec.loadingTitle} trail={spec.trail}>
      {(user) => <Editor key={spec.id} spec={spec} user={user} />}
    </RequireLogin>
  );
}
