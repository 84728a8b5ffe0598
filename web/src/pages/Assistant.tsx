// /assistent: the chat with the city's assistant. The transcript is a log
// (screen readers hear each new answer once); the question box keeps the
// focus while answers arrive; a slot button moves the focus to the answer it
// brings. Deep links: ?frage=<text> asks that question once (the Postfach
// reminders link here), ?leistung=<id> opens the conversation about a service.
// The conversation survives a reload of the tab (sessionStorage) and ends on
// logout; a conversation the server no longer knows (404) starts anew
// without bothering the citizen.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useI18n } from '../i18n';
import { useSession } from '../account/session';
import type { Answer } from '../account/api';
import { Emblem } from '../components/Emblem';
import { LiveStatus } from '../components/Form';
import { Icon } from '../components/Icons';
import { Page } from '../components/Page';
import {
  EMPTY,
  MAX_CHARS,
  clearTranscript,
  loadTranscript,
  saveTranscript,
  sendTurn,
  type BookAction,
  type Message,
  type Transcript,
  type TurnAnswer,
  type TurnInput,
} from '../assistant/api';
import { CONTENT_LANG } from '../catalog/api';
import { QuickReplies, ReplyBody, type ReplyHandlers } from '../assistant/Reply';

/** The counter appears this many characters before the limit. */
const COUNTER_FROM = MAX_CHARS - 100;

interface Failed {
  message: string;
  input: TurnInput;
}

function nextId(messages: Message[]): number {
  return messages.length ? messages[messages.length - 1].id + 1 : 1;
}

export function Assistant() {
  const { t } = useI18n();
  const { session } = useSession();
  const { query, route } = useLocation();
  const [transcript, setTranscript] = useState<Transcript>(loadTranscript);
  const current = useRef(transcript);
  const [draft, setDraft] = useState('');
  const [busy, setBusyState] = useState(false);
  const busyNow = useRef(false);
  const setBusy = (b: boolean) => {
    busyNow.current = b;
    setBusyState(b);
  };
  const [failed, setFailed] = useState<Failed | null>(null);
  const [status, setStatus] = useState('');
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  /** After the next answer arrives: focus it (slot buttons) or keep the focus in the input. */
  const focusAnswer = useRef(false);
  const deepLinked = useRef(false);
  const lastUser = useRef<string | null>(null);

  const update = (next: Transcript) => {
    current.current = next;
    setTranscript(next);
    saveTranscript(next);
  };

  const reset = () => {
    clearTranscript();
    current.current = EMPTY;
    setTranscript(EMPTY);
    setFailed(null);
  };

  // Logging out ends the conversation: it belongs to the person.
  useEffect(() => {
    const who = session.state === 'user' ? session.user.id : session.state === 'anonymous' ? '' : null;
    if (who === null) return;
    if (lastUser.current !== null && lastUser.current !== '' && who !== lastUser.current) reset();
    lastUser.current = who;
  }, [session]);

  const ask = async (input: TurnInput, shown: string | null) => {
    if (busyNow.current) return;
    setFailed(null);
    setStatus('');
    let state = current.current;
    if (shown !== null) {
      state = { ...state, messages: [...state.messages, { id: nextId(state.messages), role: 'user', text: shown }] };
      update(state);
    }
    setBusy(true);
    let answer: Answer<TurnAnswer> = await sendTurn(state.conversationId, input);
    if (!answer.ok && answer.status === 404 && state.conversationId !== null) {
      // The server forgot the conversation (idle too long, restarted, or another login): start anew.
      answer = await sendTurn(null, input);
    }
    setBusy(false);
    if (answer.ok) {
      const latest = current.current;
      update({
        conversationId: answer.body.conversation_id,
        messages: [...latest.messages, { id: nextId(latest.messages), role: 'assistant', reply: answer.body.reply }],
      });
      return;
    }
    focusAnswer.current = false;
    const message =
      answer.status === 0
        ? t.chat.network
        : answer.status === 429
          ? t.chat.tooMany
          : (answer.problem.detail ?? t.chat.failed(answer.status));
    setFailed({ message, input });
  };

  const askText = (text: string) => {
    const clean = text.trim().slice(0, MAX_CHARS);
    if (!clean || busyNow.current) return;
    focusAnswer.current = false;
    setDraft('');
    void ask({ text: clean }, clean);
    inputRef.current?.focus();
  };

  const handlers: ReplyHandlers = {
    onSlot: (slot: BookAction) => {
      if (busyNow.current) return;
      focusAnswer.current = true;
      void ask({ slot: { office_id: slot.office_id, start: slot.start } }, t.chat.slotSent(slot.label));
    },
    onReply: (text: string) => askText(text),
  };

  // Deep links, once: ?frage= asks, ?leistung= opens the conversation about a service.
  useEffect(() => {
    if (deepLinked.current) return;
    deepLinked.current = true;
    const frage = (query.frage ?? '').trim();
    const leistung = (query.leistung ?? '').trim();
    if (!frage && !leistung) return;
    route('/assistent', true);
    if (frage) askText(frage);
    else void ask({ service_id: leistung }, null);
  }, []);

  // A new message comes into view together with the question box below it;
  // an answer taller than the window shows from its start. An answer to a
  // slot button takes the focus.
  const count = transcript.messages.length;
  useEffect(() => {
    const last = listRef.current?.lastElementChild as HTMLElement | null | undefined;
    const form = formRef.current;
    if (!last || !form) return;
    const behavior = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
    const fits = last.offsetHeight + form.offsetHeight + 32 < window.innerHeight;
    if (fits) form.scrollIntoView({ block: 'end', behavior });
    else last.scrollIntoView({ block: 'start', behavior });
    if (transcript.messages[count - 1]?.role === 'assistant' && focusAnswer.current) {
      focusAnswer.current = false;
      last.querySelector<HTMLElement>('.chat-bubble')?.focus({ preventScroll: true });
    }
  }, [count]);

  const submit = (e: Event) => {
    e.preventDefault();
    askText(draft);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      askText(draft);
    }
  };

  const startOver = () => {
    reset();
    setDraft('');
    setStatus(t.chat.restarted);
    inputRef.current?.focus();
  };

  const messages = transcript.messages;
  const lastIndex = messages.length - 1;
  const counterShown = draft.length >= COUNTER_FROM;

  return (
    <Page
      title={t.chat.title}
      kicker={
        <span class="area-kicker">
          <Icon name="assistent" size={22} />
        </span>
      }
      head={<p class="lead">{t.chat.lead}</p>}
    >
      <div class="chat">
        <div class="chat-toolbar">
          <h2 class="chat-heading" id="chat-transcript-title">
            {t.chat.transcript}
          </h2>
          {messages.length > 0 && (
            <button type="button" class="button button-secondary chat-restart" onClick={startOver}>
              {t.chat.newConversation}
            </button>
          )}
        </div>

        {messages.length === 0 && !busy && (
          <section class="chat-empty" aria-labelledby="chat-empty-title">
            <span class="chat-avatar chat-avatar-large" aria-hidden="true">
              <Emblem size={34} />
            </span>
            <h3 id="chat-empty-title">{t.chat.emptyTitle}</h3>
            <p>{t.chat.emptyText}</p>
            <ul class="chat-chips chat-examples" aria-label={t.chat.examples}>
              {t.chat.exampleQuestions.map((q) => (
                <li key={q}>
                  <button type="button" class="chat-chip" lang={CONTENT_LANG} onClick={() => askText(q)}>
                    {q}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}

        <div role="log" aria-live="polite" aria-labelledby="chat-transcript-title" class="chat-log">
          <ol class="chat-list" ref={listRef}>
            {messages.map((m, i) =>
              m.role === 'user' ? (
                <li key={m.id} class="chat-msg chat-msg-user">
                  <div class="chat-bubble">
                    <span class="visually-hidden">{t.chat.you}: </span>
                    <p lang={CONTENT_LANG}>{m.text}</p>
                  </div>
                </li>
              ) : (
                <li key={m.id} class="chat-msg chat-msg-assistant">
                  <span class="chat-avatar" aria-hidden="true">
                    <Emblem size={24} />
                  </span>
                  <div class="chat-bubble-column">
                    <div class="chat-bubble" tabIndex={-1}>
                      <span class="visually-hidden">{t.chat.assistant}: </span>
                      <ReplyBody reply={m.reply} live={i === lastIndex && !busy} handlers={handlers} id={`m${m.id}`} />
                    </div>
                    {i === lastIndex && !busy && <QuickReplies actions={m.reply.actions} handlers={handlers} />}
                  </div>
                </li>
              ),
            )}
          </ol>
        </div>

        {busy && (
          <div class="chat-msg chat-msg-assistant chat-typing" aria-hidden="true">
            <span class="chat-avatar">
              <Emblem size={24} />
            </span>
            <div class="chat-bubble">
              <span class="chat-dots">
                <span />
                <span />
                <span />
              </span>
              <span class="chat-typing-text">{t.chat.typingShort}</span>
            </div>
          </div>
        )}
        <p class="visually-hidden" role="status">
          {busy ? t.chat.typing : ''}
        </p>

        {failed && (
          <div class="notice notice-error chat-error" role="alert">
            <p>{failed.message}</p>
            <button type="button" class="button button-secondary" onClick={() => void ask(failed.input, null)}>
              {t.chat.retry}
            </button>
          </div>
        )}

        <form class="chat-composer" ref={formRef} onSubmit={submit} aria-busy={busy}>
          <label for="chat-input" class="visually-hidden">
            {t.chat.inputLabel}
          </label>
          <div class="chat-input-row">
            <textarea
              id="chat-input"
              ref={inputRef}
              rows={1}
              value={draft}
              maxLength={MAX_CHARS}
              placeholder={t.chat.placeholder}
              lang={CONTENT_LANG}
              aria-describedby={counterShown ? 'chat-input-hint chat-counter' : 'chat-input-hint'}
              readOnly={busy}
              onInput={(e) => setDraft((e.currentTarget as HTMLTextAreaElement).value)}
              onKeyDown={onKeyDown}
            />
            <button type="submit" class="button button-primary chat-send" disabled={busy || !draft.trim()}>
              <Icon name="arrow" size={20} />
              <span>{t.chat.send}</span>
            </button>
          </div>
          <div class="chat-input-meta">
            <p class="field-hint" id="chat-input-hint">
              {t.chat.inputHint}
            </p>
            {counterShown && (
              <p id="chat-counter" class={`chat-counter${draft.length >= MAX_CHARS ? ' is-full' : ''}`}>
                {t.chat.counter(draft.length, MAX_CHARS)}
              </p>
            )}
          </div>
          <LiveStatus text={draft.length >= MAX_CHARS ? t.chat.tooLong(MAX_CHARS) : status} />
        </form>
      </div>
    </Page>
  );
}
