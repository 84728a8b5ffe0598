// Form pieces shared by the account and staff pages, built for keyboard and
// screen-reader use: every field has a visible label; hint and error are tied
// to it with aria-describedby; an error summary that receives the focus after
// a failed submit links to each field; a live region announces progress.
import type { ComponentChildren, RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n';

export interface FieldError {
  /** id of the input the message belongs to ('' = the form as a whole) */
  field: string;
  message: string;
  /** name of the field for the summary, when the message does not say it */
  label?: string;
}

/** ids for aria-describedby: the hint and the error of a field, when present. */
export function describedBy(id: string, hint?: ComponentChildren, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function FieldMessage({ id, error }: { id: string; error?: string }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <p class="field-error" id={`${id}-error`}>
      <span class="visually-hidden">{t.staff.errorPrefix} </span>
      {error}
    </p>
  );
}

export function TextField({
  id,
  label,
  value,
  onInput,
  hint,
  error,
  type = 'text',
  autocomplete,
  required,
  multiline,
  rows = 4,
  inputMode,
  lang,
  wide,
  spellcheck,
  readOnly,
}: {
  id: string;
  label: ComponentChildren;
  value: string;
  onInput: (v: string) => void;
  hint?: ComponentChildren;
  error?: string;
  type?: 'text' | 'password' | 'email' | 'url' | 'number' | 'date' | 'time' | 'tel';
  autocomplete?: string;
  required?: boolean;
  multiline?: boolean;
  rows?: number;
  inputMode?: 'text' | 'decimal' | 'numeric' | 'email' | 'url' | 'tel';
  lang?: string;
  wide?: boolean;
  spellcheck?: boolean;
  readOnly?: boolean;
}) {
  const common = {
    id,
    name: id,
    value,
    required,
    lang,
    spellcheck,
    readOnly,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': describedBy(id, hint, error),
    onInput: (e: Event) => onInput((e.currentTarget as HTMLInputElement).value),
  };
  return (
    <div class={`form-field${error ? ' has-error' : ''}${wide ? ' form-field-wide' : ''}`}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldMessage id={id} error={error} />
      {multiline ? (
        <textarea {...common} rows={rows} />
      ) : (
        <input {...common} type={type as 'text'} autoComplete={autocomplete} inputMode={inputMode} />
      )}
    </div>
  );
}

/**
 * The list of what is wrong, shown above the form. It takes the focus when
 * it appears (or when `generation` changes after another failed submit), so a
 * screen reader reads it at once; each entry links to its field.
 */
export function ErrorSummary({
  errors,
  generation,
  title,
  summaryRef,
}: {
  errors: FieldError[];
  generation: number;
  title?: string;
  summaryRef?: RefObject<HTMLDivElement>;
}) {
  const { t } = useI18n();
  const own = useRef<HTMLDivElement>(null);
  const ref = summaryRef ?? own;
  useEffect(() => {
    if (errors.length) ref.current?.focus();
  }, [generation]);
  if (!errors.length) return null;
  return (
    <div class="error-summary" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title" role="group">
      <h2 id="error-summary-title">{title ?? t.account.errorSummary}</h2>
      <ul>
        {errors.map((e, i) => (
          <li key={`${e.field}-${i}`}>
            {e.field ? (
              <a
                href={`#${e.field}`}
                onClick={(ev) => {
                  ev.preventDefault();
                  const el = document.getElementById(e.field);
                  const control = el?.matches('input, select, textarea, button')
                    ? el
                    : (el?.querySelector<HTMLElement>('input, select, textarea') ?? el);
                  control?.focus();
                  el?.scrollIntoView({ block: 'center' });
                }}
              >
                {e.label ? `${e.label}: ${e.message}` : e.message}
              </a>
            ) : (
              e.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A polite live region for "Wird gespeichert …" and "Gespeichert". */
export function LiveStatus({ text, tone }: { text: string; tone?: 'ok' | 'info' }) {
  return (
    <p class={`live-status${text ? ` live-status-${tone ?? 'info'}` : ''}`} role="status" aria-live="polite">
      {text}
    </p>
  );
}

/** Error of one field, looked up in a list. */
export function errorOf(errors: FieldError[], field: string): string | undefined {
  return errors.find((e) => e.field === field)?.message;
}
