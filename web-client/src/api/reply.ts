import { useCallback, useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  chatApi,
  isAbort,
  reattach,
  regenerate,
  sendMessage,
  type ChatMessage,
  type Conversation,
  type ReplyHandlers,
} from './chat';
import { describeError, describeProblem, type Problem } from './errors';
import { applyDelta, keys, placeReply } from './hooks';

export interface ReplyState {
  /** The reply being streamed into this page, if any. */
  streamingId: string | null;
  error: string | null;
}

/**
 * Drives the replies of one conversation: send, regenerate, edit, stop, and re-attach to a reply the server is still
 * generating (after a reload). Every event updates the cached conversation, so the log renders one source.
 */
export function useReplies(conversationId: string | null) {
  const client = useQueryClient();
  const [state, setState] = useState<ReplyState>({ streamingId: null, error: null });
  const controller = useRef<AbortController | null>(null);
  const attached = useRef<string | null>(null);

  const update = useCallback(
    (id: string, fn: (c: Conversation) => Conversation) =>
      client.setQueryData<Conversation>(keys.conversation(id), (c) => (c ? fn(c) : c)),
    [client],
  );

  const handlers = useCallback(
    (convId: string, known: string | null): ReplyHandlers => {
      let replyId: string | null = known;
      let started: { user?: ChatMessage; assistant: ChatMessage } | null = null;
      return {
        onStart: ({ userMessage, assistantMessage }) => {
          if (known) {
            // A re-attach: the reply is already in the log; take the text so far if the server sent more than we have.
            const text = assistantMessage?.content;
            if (text) {
              update(convId, (c) => ({
                ...c,
                messages: c.messages?.map((m) => (m.id === known && m.content.length < text.length ? { ...m, content: text } : m)),
              }));
            }
            return;
          }
          replyId = assistantMessage.id;
          attached.current = replyId;
          started = { user: userMessage, assistant: { ...assistantMessage, status: 'streaming' } };
          setState({ streamingId: replyId, error: null });
          // The conversation list shows a new conversation (and its title, its new place at the top) as the reply
          // begins, not only when it ends.
          void client.invalidateQueries({ queryKey: ['chat', 'conversations'] });
          // A read of the conversation still in flight (begun before this reply existed) must not overwrite it.
          void client.cancelQueries({ queryKey: keys.conversation(convId) });
          update(convId, (c) => placeReply(c, started!.user, started!.assistant));
        },
        onDelta: (text, id) => {
          const target = replyId;
          if (!target) return;
          update(convId, (c) => {
            // An older read of the conversation replaced the log after the reply started: put the reply back.
            const placed = started && !c.messages?.some((m) => m.id === target) ? placeReply(c, started.user, started.assistant) : c;
            return {
              ...placed,
              messages: placed.messages?.map((m) => (m.id === target ? { ...m, content: applyDelta(m.content, text, id) } : m)),
            };
          });
        },
        onDone: (message) => {
          update(convId, (c) => ({
            ...c,
            messages: c.messages?.map((m) => (m.id === message.id ? { ...m, ...message } : m)),
          }));
        },
        onError: (problem: Problem) => {
          const messageId = (problem.messageId as string | undefined) ?? replyId;
          update(convId, (c) => ({
            ...c,
            messages: c.messages?.map((m) =>
              m.id === messageId ? { ...m, status: (problem.messageStatus as ChatMessage['status']) ?? 'failed', error: problem } : m,
            ),
          }));
          // Shown in plain words on the reply itself (it keeps the problem), so no second banner unless it has no reply.
          if (!messageId) setState((s) => ({ ...s, error: describeProblem(problem) }));
        },
      };
    },
    [client, update],
  );

  const run = useCallback(
    async (convId: string, open: (h: ReplyHandlers, signal: AbortSignal) => Promise<void>, initialId: string | null) => {
      controller.current?.abort();
      const ac = new AbortController();
      controller.current = ac;
      setState({ streamingId: initialId, error: null });
      const inner = handlers(convId, initialId);
      let began = false;
      const h: ReplyHandlers = {
        ...inner,
        onStart: (d) => {
          began = true;
          inner.onStart?.(d);
        },
      };
      try {
        await open(h, ac.signal);
      } catch (error) {
        if (!isAbort(error)) setState((s) => ({ ...s, error: describeError(error) }));
      } finally {
        if (controller.current === ac) {
          controller.current = null;
          setState((s) => ({ ...s, streamingId: null }));
          void client.invalidateQueries({ queryKey: keys.conversation(convId) });
          void client.invalidateQueries({ queryKey: ['chat', 'conversations'] });
        }
      }
      return began;
    },
    [client, handlers],
  );

  // A reply still being generated when the conversation is opened (a reload mid-reply): re-attach and show the rest.
  const conversation = client.getQueryData<Conversation>(keys.conversation(conversationId ?? 'none'));
  const last = conversation?.messages?.at(-1);
  const pendingId = last && last.role === 'assistant' && last.status === 'streaming' ? last.id : null;
  useEffect(() => {
    if (!conversationId || !pendingId || controller.current || attached.current === pendingId) return;
    attached.current = pendingId;
    const known = last?.content.length ?? 0;
    void run(
      conversationId,
      (h, signal) => reattach(conversationId, { lastEventId: String(known), messageId: pendingId }, h, signal),
      pendingId,
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [conversationId, pendingId]);

  useEffect(() => () => controller.current?.abort(), []);

  return {
    ...state,
    busy: state.streamingId !== null || controller.current !== null,
    send: (convId: string, content: string, opts: { model?: string; editOf?: string } = {}) =>
      run(convId, (h, signal) => sendMessage(convId, { content, ...opts }, h, signal), null),
    regenerate: (convId: string, messageId: string, model?: string) =>
      run(convId, (h, signal) => regenerate(messageId, model ? { model } : {}, h, signal), null),
    stop: async (convId: string) => {
      try {
        await chatApi.stop(convId);
      } catch (error) {
        setState((s) => ({ ...s, error: describeError(error) }));
      }
    },
  };
}
