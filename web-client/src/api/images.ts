import { request, type Page } from './client';
import { apiUrl } from './config';
import { fetchEventStream } from './sse';

export interface Range {
  min: number;
  max: number;
  step?: number;
  default?: number;
}

export interface ImageModel {
  id: string;
  name: string;
  family?: string;
  provider: string;
  available: boolean;
  offline: boolean;
  description?: string;
  parameters?: {
    width?: Range;
    height?: Range;
    steps?: Range;
    guidance?: Range;
    negativePrompt?: boolean | { supported?: boolean };
    seed?: Range | boolean;
  };
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface ImageJob {
  id: string;
  model: string;
  prompt: string;
  negativePrompt?: string | null;
  width?: number;
  height?: number;
  steps?: number;
  guidance?: number;
  seed?: number;
  status: JobStatus | string;
  attempts?: number;
  createdAt?: string;
  startedAt?: string | null;
  finishedAt?: string | null;
  generationMs?: number | null;
  error?: { code: string; detail?: string } | null;
  contentUrl?: string | null;
  thumbnailUrl?: string | null;
}

export interface ImageRequest {
  model: string;
  prompt: string;
  negativePrompt?: string;
  width?: number;
  height?: number;
  steps?: number;
  guidance?: number;
  seed?: number;
}

/** Gallery page size: a screenful; more pages load on scroll. */
export const IMAGE_PAGE = 24;

export const imagesApi = {
  models: () => request<Page<ImageModel> | ImageModel[]>('/api/images/models').then((r) => (Array.isArray(r) ? r : r.items)),
  list: (cursor?: string) =>
    request<Page<ImageJob>>(`/api/images?limit=${IMAGE_PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
  create: (body: ImageRequest) => request<ImageJob>('/api/images', { method: 'POST', body }),
  remove: (id: string) => request<ImageJob | undefined>(`/api/images/${id}`, { method: 'DELETE' }),
};

export const contentUrl = (job: ImageJob) => apiUrl(job.contentUrl ?? `/api/images/${job.id}/content`);
export const thumbnailUrl = (job: ImageJob) => apiUrl(job.thumbnailUrl ?? `/api/images/${job.id}/thumbnail`);
export const downloadUrl = (job: ImageJob) => `${contentUrl(job)}?download=true`;
export const isFinished = (job: ImageJob) => job.status === 'succeeded';
export const isPending = (job: ImageJob) => job.status === 'queued' || job.status === 'running';

/** Follows the caller's job changes until `signal` aborts, reconnecting after a pause when the stream drops. */
export async function followImageEvents(
  handlers: { onJob: (job: ImageJob) => void; onDeleted: (id: string) => void; onOpen?: () => void },
  signal: AbortSignal,
): Promise<void> {
  let pause = 1000;
  while (!signal.aborted) {
    try {
      await fetchEventStream('/api/images/events', { signal, onOpen: handlers.onOpen }, (e) => {
        pause = 1000;
        if (!e.data) return;
        const data = JSON.parse(e.data);
        if (e.event === 'job') handlers.onJob(data as ImageJob);
        else if (e.event === 'deleted') handlers.onDeleted((data.id ?? data) as string);
      });
    } catch (error) {
      if (signal.aborted) return;
      if ((error as { status?: number }).status === 401) return;
    }
    await new Promise((r) => setTimeout(r, pause));
    pause = Math.min(pause * 2, 15000);
  }
}
