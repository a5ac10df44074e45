import { request, type Page } from './client';
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

/** Re-attaches to a reply still being generated; `lastEventId` is the length of the text already shown. */
export function reattach(
  conversationId: string,
  opts: { lastEventId?: string; messageId?: string },
  handlers: ReplyHandlers,
  signal?: AbortSignal,
) {
  const query = opts.messageId ? `?messageId=${encodeURIComponent(opts.messageId)}` : '';
  return fetchEventStream(
    `/api/chat/conversations/${conversationId}/stream${query}`,
    { lastEventId: opts.lastEventId, signal },
    dispatch(handlers),
  );
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export { ApiError };
