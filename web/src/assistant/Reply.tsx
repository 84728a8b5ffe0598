// One answer of the assistant as the citizen sees it: the text (paragraphs
// and bullet lists, never HTML), the actions in the order the server gave
// them (an appointment offer with its slot buttons, the booked appointment,
// a hand-off to people, a login for a personal check, links) and the
// sources. Only the newest answer is interactive; older offers show their
// times as text, so a slot cannot be booked twice from an old answer.
import { Fragment } from 'preact';
import { useI18n } from '../i18n';
import { loginHref } from '../account/session';
import { CONTENT_LANG, telHref } from '../catalog/api';
import { Icon } from '../components/Icons';
import { AppointmentFacts } from '../pages/appointments/Confirmation';
import {
  blocksOf,
  isExternal,
  safeHref,
  slotsAfter,
  type Action,
  type BookAction,
  type BookedAction,
  type HandoffAction,
  type OfferAction,
  type Reply,
  type Source,
} from './api';

/** Where a login from the chat leads back to. */
const CHAT_PATH = '/assistent';

export interface ReplyHandlers {
  /** A slot button was pressed. */
  onSlot: (slot: BookAction) => void;
  /** A quick reply was chosen. */
  onReply: (text: string) => void;
}

export function ReplyText({ text }: { text: string }) {
  return (
    <div class="chat-text" lang={CONTENT_LANG}>
      {blocksOf(text).map((b, i) =>
        b.kind === 'ul' ? (
          <ul key={i}>
            {b.items.map((item, j) => (
              <li key={j}>{item}</li>
            ))}
          </ul>
        ) : (
          <p key={i}>
            {b.lines.map((line, j) => (
              <Fragment key={j}>
                {j > 0 && <br />}
                {line}
              </Fragment>
            ))}
          </p>
        ),
      )}
    </div>
  );
}

/** A link from the server: on this site, or external with a marker; never a script URL. */
function ServerLink({ url, children, class: cls }: { url: string; children: preact.ComponentChildren; class?: string }) {
  const { t } = useI18n();
  const href = safeHref(url);
  if (!href) return <span class={cls}>{children}</span>;
  if (isExternal(href))
    return (
      <a class={cls} href={href} rel="noopener noreferrer">
        {children}
        <Icon name="external" size={16} />
        <span class="visually-hidden"> {t.chat.external}</span>
      </a>
    );
  return (
    <a class={cls} href={href}>
      {children}
    </a>
  );
}

function Offer({ offer, slots, live, handlers, id }: { offer: OfferAction; slots: BookAction[]; live: boolean; handlers: ReplyHandlers; id: string }) {
  const { t } = useI18n();
  return (
    <section class="chat-card chat-offer" aria-labelledby={`${id}-title`}>
      <p class="chat-card-kicker" id={`${id}-title`}>
        <Icon name="termine" size={18} />
        {t.chat.offerTitle}
      </p>
      <p class="chat-offer-service" lang={CONTENT_LANG}>
        <a href={`/leistungen/${encodeURIComponent(offer.service_id)}`}>{offer.service_title}</a>
      </p>
      <p class="chat-offer-office" lang={CONTENT_LANG}>
        <Icon name="pin" size={18} />
        <span>
          <a href={`/aemter/${encodeURIComponent(offer.office_id)}`}>{offer.office_name}</a>
          {offer.office_address && (
            <>
              <br />
              {offer.office_address}
            </>
          )}
        </span>
      </p>
      {slots.length > 0 && <Slots slots={slots} live={live} handlers={handlers} id={id} />}
    </section>
  );
}

function Slots({ slots, live, handlers, id }: { slots: BookAction[]; live: boolean; handlers: ReplyHandlers; id: string }) {
  const { t } = useI18n();
  if (!live)
    return (
      <div class="chat-slots-past">
        <p class="chat-slots-title">{t.chat.slotsPast}</p>
        <ul>
          {slots.map((s) => (
            <li key={`${s.office_id}-${s.start}`}>{s.label}</li>
          ))}
        </ul>
      </div>
    );
  return (
    <div role="group" aria-labelledby={`${id}-slots`} aria-describedby={`${id}-slots-hint`} class="chat-slots">
      <p class="chat-slots-title" id={`${id}-slots`}>
        {t.chat.slots}
      </p>
      <p class="field-hint" id={`${id}-slots-hint`}>
        {t.chat.slotsHint}
      </p>
      <ul class="chat-slot-list">
        {slots.map((s) => (
          <li key={`${s.office_id}-${s.start}`}>
            <button type="button" class="time-button chat-slot" onClick={() => handlers.onSlot(s)}>
              {s.label}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Booked({ b, id }: { b: BookedAction; id: string }) {
  const { t } = useI18n();
  const ics = safeHref(b.ics_url);
  return (
    <section class="chat-card chat-booked" aria-labelledby={`${id}-title`}>
      <p class="chat-card-kicker chat-card-kicker-ok" id={`${id}-title`}>
        <span aria-hidden="true">✓ </span>
        {t.chat.bookedTitle}
      </p>
      <div class="chat-booked-grid">
        <AppointmentFacts
          a={{ start: b.start, end: b.end, service: { title: b.service_title }, office: { name: b.office_name, address: b.office_address } }}
        />
        <div class="chat-booked-code">
          <p class="chat-slots-title">{t.chat.code}</p>
          <p class="booking-code">{b.code}</p>
        </div>
      </div>
      <div class="chat-card-actions">
        <ServerLink url={b.url} class="button button-primary">
          {t.chat.viewAppointment}
        </ServerLink>
        {ics && (
          <a class="button button-secondary" href={ics} download>
            <Icon name="download" size={20} />
            <span>{t.chat.ics}</span>
          </a>
        )}
      </div>
    </section>
  );
}

function Handoff({ h, id }: { h: HandoffAction; id: string }) {
  const { t } = useI18n();
  return (
    <section class="chat-card chat-handoff" aria-labelledby={`${id}-title`}>
      <p class="chat-card-kicker" id={`${id}-title`}>
        <Icon name="phone" size={18} />
        {t.chat.handoffTitle}
      </p>
      <ul class="chat-handoff-list">
        <li>
          <a class="chat-phone" href={telHref(h.phone)} aria-label={t.chat.call(`${h.phone_label} ${h.phone}`)}>
            <span class="chat-phone-number">{h.phone}</span>
            <span class="chat-phone-label">{h.phone_label}</span>
          </a>
        </li>
        {h.office_phone && (
          <li>
            <a class="chat-phone" href={telHref(h.office_phone)} aria-label={t.chat.call(`${h.office_name} ${h.office_phone}`)}>
              <span class="chat-phone-number">{h.office_phone}</span>
              <span class="chat-phone-label" lang={CONTENT_LANG}>
                {h.office_name}
              </span>
            </a>
            {h.opening_hours && (
              <p class="chat-hours" lang={CONTENT_LANG}>
                {h.opening_hours}
              </p>
            )}
          </li>
        )}
      </ul>
    </section>
  );
}

function Sources({ sources, id }: { sources: Source[]; id: string }) {
  const { t } = useI18n();
  if (sources.length === 0) return null;
  return (
    <div class="chat-sources" role="group" aria-labelledby={`${id}-sources`}>
      <p class="chat-sources-title" id={`${id}-sources`}>
        {t.chat.sources}
      </p>
      <ul>
        {sources.map((s, i) => (
          <li key={i} lang={CONTENT_LANG}>
            <ServerLink url={s.url}>{s.title}</ServerLink>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The actions of one answer in display order; slot buttons belong to the offer before them. */
function Actions({ actions, live, handlers, id }: { actions: Action[]; live: boolean; handlers: ReplyHandlers; id: string }) {
  const { t } = useI18n();
  const out: preact.JSX.Element[] = [];
  for (let i = 0; i < actions.length; i++) {
    const a = actions[i];
    const key = `${id}-a${i}`;
    switch (a.type) {
      case 'offer_appointment': {
        const slots = slotsAfter(actions, i);
        out.push(<Offer key={key} id={key} offer={a} slots={slots} live={live} handlers={handlers} />);
        i += slots.length;
        break;
      }
      case 'book': {
        const slots = [a, ...slotsAfter(actions, i)];
        out.push(<Slots key={key} id={key} slots={slots} live={live} handlers={handlers} />);
        i += slots.length - 1;
        break;
      }
      case 'booked':
        out.push(<Booked key={key} id={key} b={a} />);
        break;
      case 'cancelled':
        out.push(
          <p key={key} class="chat-note chat-note-ok">
            <strong>{t.chat.cancelledTitle}:</strong> {t.chat.cancelledText(a.code, a.label)}
          </p>,
        );
        break;
      case 'handoff':
        out.push(<Handoff key={key} id={key} h={a} />);
        break;
      case 'login_required':
        out.push(
          <div key={key} class="chat-card chat-login">
            <p>{t.chat.loginText}</p>
            <a class="button button-primary" href={loginHref(CHAT_PATH)}>
              <Icon name="lock" size={18} />
              <span>{a.label || t.chat.login}</span>
            </a>
          </div>,
        );
        break;
      case 'link':
        out.push(
          <p key={key} class="chat-link">
            <Icon name="arrow" size={18} />
            <ServerLink url={a.url}>{a.title}</ServerLink>
          </p>,
        );
        break;
      case 'reply':
        break; // the quick replies follow the answer, see QuickReplies
    }
  }
  return <>{out}</>;
}

/** Quick replies of the newest answer, as buttons that send their text. */
export function QuickReplies({ actions, handlers }: { actions: Action[]; handlers: ReplyHandlers }) {
  const { t } = useI18n();
  const replies = actions.filter((a) => a.type === 'reply');
  if (replies.length === 0) return null;
  return (
    <ul class="chat-chips" aria-label={t.chat.suggestions}>
      {replies.map((r, i) => (
        <li key={i}>
          <button type="button" class="chat-chip" lang={CONTENT_LANG} onClick={() => handlers.onReply(r.text)}>
            {r.text}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The body of one answer: text, actions, sources. */
export function ReplyBody({ reply, live, handlers, id }: { reply: Reply; live: boolean; handlers: ReplyHandlers; id: string }) {
  return (
    <>
      <ReplyText text={reply.text} />
      <Actions actions={reply.actions} live={live} handlers={handlers} id={id} />
      <Sources sources={reply.sources} id={id} />
    </>
  );
}
