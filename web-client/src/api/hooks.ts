import { useEffect, useMemo } from 'react';
import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
  type QueryClient,
} from '@tanstack/react-query';
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

/** Pages of a keyset-paged list, and the items of all pages loaded so far. */
export type Pages<T> = InfiniteData<Page<T>, string | null>;

export function itemsOf<T>(data: InfiniteData<Page<T>, unknown> | undefined): T[] {
  return data ? data.pages.flatMap((p) => p.items) : [];
}

/** Conversations, newest first, a page at a time (`next` is the keyset cursor); a search pages the same way. */
export function useConversations(q: string) {
  const query = useInfiniteQuery({
    queryKey: keys.conversations(q),
    queryFn: ({ pageParam }) => chatApi.conversations(q || undefined, pageParam ?? undefined),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next ?? undefined,
  });
  const items = useMemo(() => itemsOf(query.data), [query.data]);
  return { ...query, items };
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

/** The gallery, newest first, a page at a time; job events update the loaded pages in place. */
export function useImages() {
  const query = useInfiniteQuery({
    queryKey: keys.images,
    queryFn: ({ pageParam }) => imagesApi.list(pageParam ?? undefined),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next ?? undefined,
  });
  const items = useMemo(() => itemsOf(query.data), [query.data]);
  return { ...query, items };
}

const STATUS_RANK: Record<string, number> = { queued: 0, running: 1, succeeded: 2, failed: 2, cancelled: 2 };

/** Merges two views of one job; a job never goes back (the POST answer may arrive after the events). */
export function mergeJob(known: ImageJob | undefined, incoming: ImageJob): ImageJob {
  if (!known) return incoming;
  return (STATUS_RANK[incoming.status] ?? 0) >= (STATUS_RANK[known.status] ?? 0) ? { ...known, ...incoming } : known;
}

/** Puts a job's new state into the loaded gallery pages: in place when known, else first (newest first). */
export function upsertJobInPages(data: Pages<ImageJob> | undefined, job: ImageJob): Pages<ImageJob> {
  if (!data || data.pages.length === 0) return { pages: [{ items: [job], next: null }], pageParams: [null] };
  let found = false;
  const pages = data.pages.map((page) => {
    const i = page.items.findIndex((j) => j.id === job.id);
    if (i < 0) return page;
    found = true;
    const items = page.items.slice();
    items[i] = mergeJob(items[i], job);
    return { ...page, items };
  });
  if (!found) pages[0] = { ...pages[0], items: [job, ...pages[0].items] };
  return { ...data, pages };
}

export function upsertJob(client: QueryClient, job: ImageJob) {
  client.setQueryData<Pages<ImageJob>>(keys.images, (data) => upsertJobInPages(data, job));
}

export function removeJob(client: QueryClient, id: string) {
  client.setQueryData<Pages<ImageJob>>(keys.images, (data) =>
    data ? { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.filter((j) => j.id !== id) })) } : data,
  );
}

/** Keeps the gallery current from `/api/images/events` while the studio is open (no polling). */
export function useImageEvents(enabled: boolean) {
  const client = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    void followImageEvents(
      {
        onJob: (job) => upsertJob(client, job),
        onDeleted: (id) => removeJob(client, id),
        // Once the stream is open, re-read the list if it was read (or asked for) before: a job made or changed before
        // the stream opened had no event here (after a reconnect, or a picture queued just as the page started).
        onOpen: () => {
          const list = client.getQueryState(keys.images);
          if (list && (list.dataUpdatedAt > 0 || list.fetchStatus === 'fetching')) void client.invalidateQueries({ queryKey: keys.images });
        },
      },
      controller.signal,
    );
    return () => controller.abort();
  }, [client, enabled]);
}

/** "Make again": the same model, prompt, parameters and stored seed as an earlier job, as a new job. */
export function useMakeAgain() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (job: ImageJob) => imagesApi.create(recipeOf(job)),
    onSuccess: (job) => upsertJob(client, job),
  });
}

export function recipeOf(job: ImageJob) {
  return {
    model: job.model,
    prompt: job.prompt,
    negativePrompt: job.negativePrompt || undefined,
    width: job.width,
    height: job.height,
    steps: job.steps,
    guidance: job.guidance,
    seed: job.seed,
  };
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
