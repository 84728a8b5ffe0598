// Editable lists of the staff forms: a group (fieldset) of rows, each with a
// "Entfernen" button, and "Eintrag hinzufügen" below. Adding focuses the new
// row's first input; removing focuses the row that moved up (or the add
// button), and a live region says what happened.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { FieldMessage, describedBy } from '../components/Form';

export function Rows<T>({
  id,
  legend,
  hint,
  error,
  items,
  onChange,
  empty,
  renderRow,
  rowClass,
}: {
  /** id of the group: "e-fees"; row n is "e-fees-n", its inputs "e-fees-n-<name>" */
  id: string;
  legend: string;
  hint?: ComponentChildren;
  error?: string;
  items: T[];
  onChange: (items: T[]) => void;
  empty: () => T;
  renderRow: (item: T, index: number, update: (item: T) => void) => ComponentChildren;
  rowClass?: string;
}) {
  const { t } = useI18n();
  const [focusRow, setFocusRow] = useState<number | null>(null);
  const [said, setSaid] = useState('');
  const group = useRef<HTMLFieldSetElement>(null);
  const add = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (focusRow === null) return;
    const row = group.current?.querySelector<HTMLElement>(`#${CSS.escape(`${id}-${focusRow}`)}`);
    const target = row?.querySelector<HTMLElement>('input, select, textarea') ?? add.current;
    target?.focus();
    setFocusRow(null);
  }, [focusRow]);

  return (
    <fieldset
      class={`rows${error ? ' has-error' : ''}`}
      id={id}
      tabIndex={-1}
      ref={group}
      aria-describedby={describedBy(id, hint, error)}
    >
      <legend>{legend}</legend>
      {hint && (
        <p class="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldMessage id={id} error={error} />
      {items.length === 0 ? (
        <p class="muted small rows-empty">{t.staff.emptyList}</p>
      ) : (
        <ol class="rows-list">
          {items.map((item, i) => (
            <li key={i} id={`${id}-${i}`} class={`row ${rowClass ?? ''}`}>
              <div class="row-fields">
                {renderRow(item, i, (next) => onChange(items.map((x, j) => (j === i ? next : x))))}
              </div>
              <button
                type="button"
                class="button button-quiet row-remove"
                aria-label={t.staff.removeRow(legend, i + 1)}
                onClick={() => {
                  onChange(items.filter((_, j) => j !== i));
                  setSaid(t.staff.removed(legend, i + 1));
                  setFocusRow(Math.min(i, items.length - 2) >= 0 ? Math.min(i, items.length - 2) : -1);
                }}
              >
                <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                  <path d="M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.7 8.5h5.6l.7-8.5" fill="none" stroke="currentColor" stroke-width="1.5" />
                </svg>
                <span class="row-remove-text">{t.staff.remove}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
      <button
        type="button"
        class="button button-secondary button-small"
        ref={add}
        onClick={() => {
          onChange([...items, empty()]);
          setFocusRow(items.length);
          setSaid('');
        }}
      >
        <span aria-hidden="true">+</span> {t.staff.addRow}
        <span class="visually-hidden"> – {legend}</span>
      </button>
      <span class="visually-hidden" role="status">
        {said}
      </span>
    </fieldset>
  );
}

/** A list of texts (documents, prerequisites, keywords …). */
export function TextRows({
  id,
  legend,
  hint,
  error,
  items,
  onChange,
  errorAt,
  lang = 'de',
}: {
  id: string;
  legend: string;
  hint?: ComponentChildren;
  error?: string;
  items: string[];
  onChange: (items: string[]) => void;
  errorAt: (id: string) => string | undefined;
  lang?: string;
}) {
  const { t } = useI18n();
  return (
    <Rows
      id={id}
      legend={legend}
      hint={hint}
      error={error}
      items={items}
      onChange={onChange}
      empty={() => ''}
      renderRow={(item, i, update) => {
        const inputId = `${id}-${i}-text`;
        const rowError = errorAt(`${id}-${i}`) ?? errorAt(inputId);
        return (
          <div class={`form-field form-field-wide${rowError ? ' has-error' : ''}`}>
            <label for={inputId} class="visually-hidden">
              {t.staff.rowLabel(legend, i + 1)}
            </label>
            <FieldMessage id={inputId} error={rowError} />
            <input
              id={inputId}
              type="text"
              value={item}
              lang={lang}
              aria-invalid={rowError ? 'true' : undefined}
              aria-describedby={rowError ? `${inputId}-error` : undefined}
              onInput={(e) => update((e.currentTarget as HTMLInputElement).value)}
            />
          </div>
        );
      }}
    />
  );
}
