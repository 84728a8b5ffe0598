// "Wie können wir helfen?": a search field with instant suggestions, built as
// the WAI-ARIA APG combobox with a listbox popup (list autocomplete, manual
// selection): the focus stays in the field, Arrow Down/Up move through the
// suggestions (aria-activedescendant), Enter opens the chosen one or, with
// none chosen, the results page; Escape closes the list, a second Escape
// clears the field. Without a suggestion it is a plain search form.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useI18n } from '../i18n';
import { Icon } from '../components/Icons';
import { apiPath, CONTENT_LANG, getJson, type SearchAnswer, type SearchResult } from './api';

const DEBOUNCE_MS = 180;
const MIN_CHARS = 2;
const SUGGESTIONS = 5;

export function searchUrl(q: string): string {
  const query = q.trim();
  return query ? `/suche?${new URLSearchParams({ q: query })}` : '/suche';
}

interface Props {
  /** id of the input; the listbox and options derive theirs from it */
  id: string;
  label: string;
  /** the label is visible (start page) or only for assistive technology */
  labelVisible?: boolean;
  initial?: string;
  hint?: string;
  class?: string;
}

export function SearchBox({ id, label, labelVisible = true, initial = '', hint, class: cls }: Props) {
  const { t } = useI18n();
  const { route } = useLocation();
  const [query, setQuery] = useState(initial);
  // Suggestions are fetched only for what the person typed, not for a
  // query the page was opened with.
  const [typed, setTyped] = useState(false);
  const [results, setResults] = useState<SearchResult[]>([]);
  const [forQuery, setForQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [announcement, setAnnouncement] = useState('');
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    setQuery(initial);
    setTyped(false);
    setOpen(false);
  }, [initial]);

  useEffect(() => {
    const q = query.trim();
    if (!typed || q.length < MIN_CHARS) {
      setResults([]);
      setForQuery('');
      setOpen(false);
      setActive(-1);
      return;
    }
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      getJson<SearchAnswer>(apiPath('/api/search', { q, limit: SUGGESTIONS }), ctrl.signal).then(
        (answer) => {
          setResults(answer.results);
          setForQuery(q);
          setActive(-1);
          setOpen(document.activeElement === input.current);
          setAnnouncement(
            answer.results.length > 0 ? t.search.suggestionsCount(answer.results.length) : t.search.noSuggestions,
          );
        },
        () => {
          // Suggestions are a convenience: without them the form still works.
          if (!ctrl.signal.aborted) {
            setResults([]);
            setOpen(false);
          }
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [query, typed]);

  // The options: the suggestions, then "all results for …".
  const options = forQuery ? [...results.map((r) => ({ key: r.id, href: r.url })), { key: '*', href: searchUrl(forQuery) }] : [];
  const shown = open && results.length > 0;
  const listId = `${id}-listbox`;
  const optionId = (i: number) => `${id}-option-${i}`;

  // Keep the active option in view when the list scrolls.
  useEffect(() => {
    if (shown && active >= 0) document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  }, [active, shown]);

  const choose = (i: number) => {
    const option = options[i];
    if (!option) return;
    setOpen(false);
    setActive(-1);
    route(option.href);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const n = options.length;
    switch (e.key) {
      case 'ArrowDown':
        if (n === 0 || results.length === 0) return;
        e.preventDefault();
        if (!shown) {
          setOpen(true);
          setActive(e.altKey ? -1 : 0);
        } else setActive((active + 1) % n);
        break;
      case 'ArrowUp':
        if (n === 0 || results.length === 0) return;
        e.preventDefault();
        if (!shown) {
          setOpen(true);
          setActive(n - 1);
        } else setActive(active <= 0 ? n - 1 : active - 1);
        break;
      case 'Enter':
        if (shown && active >= 0) {
          e.preventDefault();
          choose(active);
        }
        break;
      case 'Escape':
        if (shown) {
          e.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (query) {
          e.preventDefault();
          setQuery('');
          setTyped(false);
        }
        break;
      case 'Tab':
        setOpen(false);
        break;
    }
  };

  const onSubmit = (e: Event) => {
    e.preventDefault();
    setOpen(false);
    route(searchUrl(query));
  };

  return (
    <form class={`search ${cls ?? ''}`} role="search" action="/suche" method="get" onSubmit={onSubmit}>
      <label for={id} class={labelVisible ? 'search-label' : 'visually-hidden'}>
        {label}
      </label>
      <div class="search-row">
        <div class="search-field">
          <input
            id={id}
            ref={input}
            name="q"
            type="text"
            role="combobox"
            enterkeyhint="search"
            aria-autocomplete="list"
            aria-expanded={shown}
            aria-controls={listId}
            aria-activedescendant={shown && active >= 0 ? optionId(active) : undefined}
            aria-describedby={hint ? `${id}-hint` : undefined}
            autocomplete="off"
            spellcheck={false}
            placeholder={t.start.searchPlaceholder}
            value={query}
            onInput={(e) => {
              setQuery((e.currentTarget as HTMLInputElement).value);
              setTyped(true);
            }}
            onKeyDown={onKeyDown}
            onFocus={() => results.length > 0 && forQuery === query.trim() && setOpen(true)}
            onBlur={() => {
              setOpen(false);
              setActive(-1);
            }}
          />
          <ul
            id={listId}
            role="listbox"
            aria-label={t.search.suggestions}
            class="suggestions"
            hidden={!shown}
            onMouseDown={(e) => e.preventDefault()}
          >
            {results.map((r, i) => (
              <li
                key={r.id}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                class="suggestion"
                lang={CONTENT_LANG}
                onClick={() => choose(i)}
              >
                <span class="suggestion-title">{r.title}</span>
                <span class="suggestion-summary" aria-hidden="true">
                  {r.summary}
                </span>
              </li>
            ))}
            <li
              id={optionId(results.length)}
              role="option"
              aria-selected={active === results.length}
              class="suggestion suggestion-all"
              onClick={() => choose(results.length)}
            >
              <Icon name="search" size={18} />
              <span>{t.search.allResults(forQuery)}</span>
            </li>
          </ul>
        </div>
        <button type="submit" class="button button-accent">
          <Icon name="search" size={20} />
          <span>{t.start.searchButton}</span>
        </button>
      </div>
      {hint && (
        <p id={`${id}-hint`} class="search-hint">
          {hint}
        </p>
      )}
      <div class="visually-hidden" aria-live="polite">
        {typed ? announcement : ''}
      </div>
    </form>
  );
}
