// The assistant as the web app sees it (POST /api/assistant/turn of the
// server's assistant module): the shapes of a turn's answer, sending a turn,
// the transcript kept in sessionStorage for reloads within the tab, and the
// reply text's tiny format (paragraphs split by a blank line, "• " items).
import { send, type Answer } from '../account/api';

export const TURN_URL = '/api/assistant/turn';

/** Longest question the server takes (characters, after trimming). */
export const MAX_CHARS = 500;

export interface OfferAction {
  type: 'offer_appointment';
  service_id: string;
  service_title: string;
  office_id: string;
  office_name: string;
  office_address: string;
}

export interface BookAction {
  type: 'book';
  service_id: string;
  office_id: string;
  start: string;
  end: string;
  label: string;
}

export interface BookedAction {
  type: 'booked';
  code: string;
  service_title: string;
  office_name: string;
  office_address: string;
  start: string;
  end: string;
  label: string;
  url: string;
  ics_url: string;
}

export interface CancelledAction {
  type: 'cancelled';
  code: string;
  label: string;
}

export interface HandoffAction {
  type: 'handoff';
  phone: string;
  phone_label: string;
  office_name: string;
  office_phone: string;
  opening_hours: string;
}

export interface LoginAction {
  type: 'login_required';
  url: string;
  label: string;
}

export interface LinkAction {
  type: 'link';
  title: string;
  url: string;
}

export interface ReplyAction {
  type: 'reply';
  text: string;
}

export type Action =
  | OfferAction
  | BookAction
  | BookedAction
  | CancelledAction
  | HandoffAction
  | LoginAction
  | LinkAction
  | ReplyAction;

export interface Source {
  title: string;
  url: string;
}

export interface Reply {
  text: string;
  actions: Action[];
  sources: Source[];
}

/** The answer to one turn (intent and confidence are for diagnostics, not shown). */
export interface TurnAnswer {
  conversation_id: string;
  intent: string;
  confidence: number;
  reply: Reply;
}

export interface SlotChoice {
  office_id: string;
  start: string;
}

/** What one turn sends besides the conversation: a text, a slot button, or a service page. */
export type TurnInput = { text: string } | { slot: SlotChoice } | { service_id: string };

/** Sends one turn. A 404 means the conversation is gone (expired, or another person's). */
export function sendTurn(conversationId: string | null, input: TurnInput): Promise<Answer<TurnAnswer>> {
  return send<TurnAnswer>('POST', TURN_URL, { conversation_id: conversationId, ...input });
}

/** One entry of the transcript. */
export type Message =
  | { id: number; role: 'user'; text: string }
  | { id: number; role: 'assistant'; reply: Reply };

export interface Transcript {
  conversationId: string | null;
  messages: Message[];
}

const STORAGE_KEY = 'stadtkern.assistant';
/** Bounds what a tab keeps: the newest messages only. */
const KEEP_MESSAGES = 200;

export const EMPTY: Transcript = { conversationId: null, messages: [] };

function isMessage(m: unknown): m is Message {
  if (!m || typeof m !== 'object') return false;
  const o = m as Record<string, unknown>;
  if (typeof o.id !== 'number') return false;
  if (o.role === 'user') return typeof o.text === 'string';
  if (o.role !== 'assistant' || !o.reply || typeof o.reply !== 'object') return false;
  const r = o.reply as Record<string, unknown>;
  return typeof r.text === 'string' && Array.isArray(r.actions) && Array.isArray(r.sources);
}

/** The transcript of this tab, or an empty one (also when storage is off or holds junk). */
export function loadTranscript(): Transcript {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return EMPTY;
    const parsed = JSON.parse(raw) as { conversationId?: unknown; messages?: unknown };
    const id = typeof parsed.conversationId === 'string' ? parsed.conversationId : null;
    const messages = Array.isArray(parsed.messages) ? parsed.messages.filter(isMessage) : [];
    return { conversationId: id, messages };
  } catch {
    return EMPTY;
  }
}

export function saveTranscript(t: Transcript) {
  try {
    sessionStorage.setItem(
      STORAGE_KEY,
      JSON.stringify({ conversationId: t.conversationId, messages: t.messages.slice(-KEEP_MESSAGES) }),
    );
  } catch {
    // storage full or disabled: the conversation just does not survive a reload
  }
}

/** Forgets the conversation of this tab (on logout: it belongs to the person). */
export function clearTranscript() {
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing stored
  }
}

/** A block of a reply: a paragraph (its lines) or a bullet list (its items). */
export type Block = { kind: 'p'; lines: string[] } | { kind: 'ul'; items: string[] };

/**
 * The reply text's structure: blocks separated by blank lines; inside a
 * block, runs of lines starting with "• " are list items, other lines a
 * paragraph. The text is never interpreted as HTML or markdown.
 */
export function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    let current: Block | null = null;
    for (const raw of chunk.split('\n')) {
      const line = raw.trim();
      if (!line) continue;
      if (line.startsWith('•')) {
        const item = line.replace(/^•\s*/, '');
        if (current?.kind !== 'ul') blocks.push((current = { kind: 'ul', items: [] }));
        current.items.push(item);
      } else {
        if (current?.kind !== 'p') blocks.push((current = { kind: 'p', lines: [] }));
        current.lines.push(line);
      }
    }
  }
  return blocks;
}

/** A link target from the server, accepted only as a path on this site or an http(s) address. */
export function safeHref(url: string): string | null {
  if (url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\')) return url;
  if (/^https?:\/\//i.test(url)) return url;
  return null;
}

export function isExternal(href: string): boolean {
  return /^https?:\/\//i.test(href);
}

/** The slot buttons that follow an offer, in the order given. */
export function slotsAfter(actions: Action[], index: number): BookAction[] {
  const slots: BookAction[] = [];
  for (let i = index + 1; i < actions.length; i++) {
    const a = actions[i];
    if (a.type !== 'book') break;
    slots.push(a);
  }
  return slots;
}
