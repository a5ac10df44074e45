import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { authApi, type User } from './auth';
import { chatApi, type ChatMessage, type Conversation } from './chat';
import { ApiError } from './errors';
import { followImageEvents, imagesApi, type ImageJob } from './images';
import type { Page } from './client';

export const keys = {
  me: ['me'] as const,
  chatModels: ['chat', 'models'] as const,
  conversations: (q: string) => ['chat', 'conversations', q] as const,
  conversation: (id: string) => ['chat', 'conversation', id] as const,
  imageModels: ['images', 'models'] as const,
  images: ['images', 'list'] as const,
};

/** The signed-in person, or null when there is no session (401). */
export function useMe() {
  return useQuery<User | null>({
    queryKey: keys.me,
    queryFn: async () => {
      try {
        return await authApi.me();
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}

export function useChatModels() {
  return useQuery({ queryKey: keys.chatModels, queryFn: () => chatApi.models().then((p) => p.items), staleTime: 60_000 });
}

export function useConversations(q: string) {
  return useQuery({ queryKey: keys.conversations(q), queryFn: () => chatApi.conversations(q || undefined) });
}

export function useConversation(id: string | null) {
  return useQuery({
    queryKey: keys.conversation(id ?? 'none'),
    queryFn: () => chatApi.conversation(id!),
    enabled: !!id,
  });
}

/** Only the conversation's model: a component using it does not re-render on every streamed delta. */
export function useConversationModel(id: string | null) {
  return useQuery({
    queryKey: keys.conversation(id ?? 'none'),
    queryFn: () => chatApi.conversation(id!),
    enabled: !!id,
    select: (c) => c.model ?? null,
  });
}

export function useImageModels() {
  return useQuery({ queryKey: keys.imageModels, queryFn: imagesApi.models, staleTime: 60_000 });
}

export function useImages() {
  return useQuery({ queryKey: keys.images, queryFn: () => imagesApi.list() });
}

const STATUS_RANK: Record<string, number> = { queued: 0, running: 1, succeeded: 2, failed: 2, cancelled: 2 };

/** Merges two views of one job; a job never goes back (the POST answer may arrive after the events). */
export function mergeJob(known: ImageJob | undefined, incoming: ImageJob): ImageJob {
  if (!known) return incoming;
  return (STATUS_RANK[incoming.status] ?? 0) >= (STATUS_RANK[known.status] ?? 0) ? { ...known, ...incoming } : known;
}

/** Puts a job's new state into the cached gallery (newest first). */
export function upsertJob(client: QueryClient, job: ImageJob) {
  client.setQueryData<Page<ImageJob>>(keys.images, (page) => {
    if (!page) return { items: [job], next: null };
    const i = page.items.findIndex((j) => j.id === job.id);
    if (i < 0) return { ...page, items: [job, ...page.items] };
    const items = page.items.slice();
    items[i] = mergeJob(items[i], job);
    return { ...page, items };
  });
}

export function removeJob(client: QueryClient, id: string) {
  client.setQueryData<Page<ImageJob>>(keys.images, (page) =>
    page ? { ...page, items: page.items.filter((j) => j.id !== id) } : page,
  );
}

/** Keeps the gallery current from `/api/images/events` while the studio is open (no polling). */
export function useImageEvents(enabled: boolean) {
  const client = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    let first = true;
    void followImageEvents(
      {
        onJob: (job) => upsertJob(client, job),
        onDeleted: (id) => removeJob(client, id),
        // After a reconnect, re-read the list once: changes while away had no event.
        onOpen: () => {
          if (!first) void client.invalidateQueries({ queryKey: keys.images });
          first = false;
        },
      },
      controller.signal,
    );
    return () => controller.abort();
  }, [client, enabled]);
}

export function useDeleteImage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => imagesApi.remove(id),
    onSuccess: (job, id) => (job && job.status === 'cancelled' ? upsertJob(client, job) : removeJob(client, id)),
  });
}

/** Places a reply that just started into the cached branch: drops what followed its parent, appends it. */
export function placeReply(conv: Conversation, user: ChatMessage | undefined, assistant: ChatMessage): Conversation {
  let messages = (conv.messages ?? []).slice();
  const anchor = user ?? assistant;
  if (anchor.parentId) {
    const at = messages.findIndex((m) => m.id === anchor.parentId);
    if (at >= 0) messages = messages.slice(0, at + 1);
  } else if (user) {
    messages = [];
  }
  messages = messages.filter((m) => m.id !== user?.id && m.id !== assistant.id);
  if (user) messages.push(user);
  messages.push({ ...assistant, role: 'assistant', content: assistant.content ?? '' });
  return { ...conv, messages };
}

/**
 * Appends a delta to a reply. `id` is the reply's length after the delta, so text already shown (after a re-attach)
 * is overwritten rather than repeated.
 */
export function applyDelta(content: string, text: string, id: string | undefined): string {
  const end = id === undefined ? NaN : Number(id);
  if (Number.isNaN(end)) return content + text;
  return content.slice(0, Math.max(0, end - text.length)) + text;
}
