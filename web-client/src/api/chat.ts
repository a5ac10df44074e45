import { request, type Page } from './client';
import { withPlainMath } from '@/ui/math';
import { fetchEventStream, type SseEvent } from './sse';
import type { Problem } from './errors';
import { ApiError } from './errors';

export interface ChatModel {
  id: string;
  name: string;
  family: string;
  provider: string;
  contextLength?: number;
  available: boolean;
  offline: boolean;
  description?: string;
}

export interface SamplingParams {
  temperature?: number | null;
  top_p?: number | null;
  max_tokens?: number | null;
}

export interface Conversation {
  id: string;
  title: string | null;
  model?: string | null;
  systemPrompt?: string | null;
  params?: SamplingParams | null;
  createdAt?: string;
  updatedAt?: string;
  currentLeafId?: string | null;
  messages?: ChatMessage[];
}

export type MessageStatus = 'streaming' | 'complete' | 'stopped' | 'interrupted' | 'failed';

export interface ChatMessage {
  id: string;
  role: 'user' | 'assistant' | 'system';
  content: string;
  parentId?: string | null;
  model?: string | null;
  provider?: string | null;
  status?: MessageStatus;
  siblingIds?: string[];
  error?: Problem | null;
  createdAt?: string;
  usage?: { promptTokens?: number; completionTokens?: number; totalTokens?: number } | null;
  timings?: { ttftMs?: number; durationMs?: number; tokensPerSecond?: number } | null;
}

/** Conversations per page; the list loads the next page when scrolled to its end. */
export const CONVERSATION_PAGE = 30;

export const chatApi = {
  models: () => request<Page<ChatModel>>('/api/chat/models'),
  conversations: (q?: string, cursor?: string) => {
    const params = new URLSearchParams({ limit: String(CONVERSATION_PAGE) });
    if (q) params.set('q', q);
    if (cursor) params.set('cursor', cursor);
    return request<Page<Conversation>>(`/api/chat/conversations?${params}`);
  },
  conversation: (id: string) => request<Conversation>(`/api/chat/conversations/${id}`),
  create: (body: Partial<Conversation>) =>
    request<Conversation>('/api/chat/conversations', { method: 'POST', body }),
  update: (id: string, body: Partial<Conversation>) =>
    request<Conversation>(`/api/chat/conversations/${id}`, { method: 'PATCH', body }),
  remove: (id: string) => request<void>(`/api/chat/conversations/${id}`, { method: 'DELETE' }),
  stop: (id: string) => request<unknown>(`/api/chat/conversations/${id}/stop`, { method: 'POST' }),
};

/** What a reply stream tells its reader, event by event. */
export interface ReplyHandlers {
  onStart?: (data: { conversationId: string; userMessage?: ChatMessage; assistantMessage: ChatMessage }) => void;
  onDelta?: (text: string, lastEventId: string | undefined) => void;
  onDone?: (message: ChatMessage) => void;
  onError?: (problem: Problem) => void;
}

function dispatch(handlers: ReplyHandlers) {
  return (e: SseEvent) => {
    const data = e.data ? JSON.parse(e.data) : {};
    switch (e.event) {
      case 'message':
        handlers.onStart?.(data);
        break;
      case 'delta':
        handlers.onDelta?.(data.text ?? '', e.id);
        break;
      case 'done':
        handlers.onDone?.(data.message);
        break;
      case 'error':
        handlers.onError?.(data as Problem);
        break;
    }
  };
}

export function sendMessage(
  conversationId: string,
  body: { content: string; model?: string; parentId?: string; editOf?: string; params?: SamplingParams },
  handlers: ReplyHandlers,
  signal?: AbortSignal,
) {
  return fetchEventStream(
    `/api/chat/conversations/${conversationId}/messages`,
    { method: 'POST', body, signal },
    dispatch(handlers),
  );
}

export function regenerate(messageId: string, body: { model?: string }, handlers: ReplyHandlers, signal?: AbortSignal) {
  return fetchEventStream(`/api/chat/messages/${messageId}/regenerate`, { method: 'POST', body, signal }, dispatch(handlers));
}

/** How re-attaching copes with a stream that breaks or falls silent before the reply ended. */
export interface ReattachPolicy {
  /** The server sends a keep-alive every 15 s: a stream silent for longer than this is opened again. */
  silenceMs: number;
  attempts: number;
  /** The wait before the second attempt; it doubles after each failed one. */
  backoffMs: number;
}

export const REATTACH_POLICY: ReattachPolicy = { silenceMs: 30_000, attempts: 5, backoffMs: 1_000 };

/**
 * Re-attaches to a reply still being generated; `lastEventId` is the length of the text already shown. The server
 * keeps generating whatever happens to this request, so a stream that ends early, breaks, errs with a 5xx or stays
 * silent past `silenceMs` is opened again from the last text received, until the reply's `done` or `error` event.
 * A 4xx (the reply is gone, the session ended) ends it at once.
 */
export async function reattach(
  conversationId: string,
  opts: { lastEventId?: string; messageId?: string },
  handlers: ReplyHandlers,
  signal?: AbortSignal,
  policy: ReattachPolicy = REATTACH_POLICY,
): Promise<void> {
  const query = opts.messageId ? `?messageId=${encodeURIComponent(opts.messageId)}` : '';
  let lastEventId = opts.lastEventId;
  let ended = false;
  const onEvent = dispatch({
    ...handlers,
    onDelta: (text, id) => {
      if (id !== undefined) lastEventId = id;
      handlers.onDelta?.(text, id);
    },
    onDone: (message) => {
      ended = true;
      handlers.onDone?.(message);
    },
    onError: (problem) => {
      ended = true;
      handlers.onError?.(problem);
    },
  });
  for (let attempt = 1; ; attempt++) {
    const attemptAbort = new AbortController();
    const abortAttempt = () => attemptAbort.abort();
    signal?.addEventListener('abort', abortAttempt);
    let silence = setTimeout(abortAttempt, policy.silenceMs);
    const alive = () => {
      clearTimeout(silence);
      silence = setTimeout(abortAttempt, policy.silenceMs);
    };
    try {
      await fetchEventStream(
        `/api/chat/conversations/${conversationId}/stream${query}`,
        { lastEventId, signal: attemptAbort.signal, onChunk: alive },
        onEvent,
      );
    } catch (error) {
      if (signal?.aborted) throw error;
      const clientError = error instanceof ApiError && error.status < 500;
      if (clientError || attempt >= policy.attempts) throw error;
    } finally {
      clearTimeout(silence);
      signal?.removeEventListener('abort', abortAttempt);
    }
    if (ended || signal?.aborted || attempt >= policy.attempts) return;
    await new Promise((resolve) => setTimeout(resolve, policy.backoffMs * 2 ** (attempt - 1)));
  }
}

/**
 * A new conversation's title from its first message: the words, not the markdown around them (`**`, backticks, `#`,
 * links' targets) and its LaTeX as plain text (`$\frac{a}{b}$` -> `a/b`), on one line, cut at a word before 60
 * characters with an ellipsis.
 */
export function titleFrom(content: string, max = 60): string {
  // Code blocks say little as a title (taken out first, so their dollars are not read as math).
  const text = withPlainMath(content.replace(/```[\s\S]*?(```|$)/g, ' '))
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // [text](url) -> text
    .replace(/[*_~`#>]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) return content.trim().slice(0, max) || 'New conversation';
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:!?-]+$/, '')}…`;
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export { ApiError };
