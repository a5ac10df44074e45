import { thumbnailUrl, type ImageJob } from '@/api/images';
import { PICTURES_PER_WALL } from './layout';

/**
 * The pictures whose thumbnails are decoded ahead, beyond the pages the atlas keeps (shown ± 1): the first wall page
 * (where a new picture brings the wall back), the last one loaded (End in the object list), and two pages either side
 * of the one shown. A jump to any of these draws at once, with no wait for the network or the decoder. At most
 * 6 pages (72 thumbnails) besides the atlas's 36.
 */
export function picturesAhead(hung: ImageJob[], wallPage: number): ImageJob[] {
  const pages = Math.ceil(hung.length / PICTURES_PER_WALL);
  const wanted = new Set([0, pages - 1, wallPage - 2, wallPage + 2, wallPage - 3, wallPage + 3]);
  const out: ImageJob[] = [];
  for (const p of [...wanted].filter((p) => p >= 0 && p < pages && Math.abs(p - wallPage) > 1).sort((a, b) => Math.abs(a - wallPage) - Math.abs(b - wallPage))) {
    out.push(...hung.slice(p * PICTURES_PER_WALL, (p + 1) * PICTURES_PER_WALL));
  }
  return out.filter((j) => j.status === 'succeeded');
}

interface Loading {
  img: HTMLImageElement;
  waiters: ((img: HTMLImageElement) => void)[];
  /** Loaded ahead of need (counts against AHEAD_AT_ONCE until it settles or is dropped). */
  ahead: boolean;
}

/** How many thumbnails load at once ahead of need (the wall's own load first, see `need`). */
const AHEAD_AT_ONCE = 4;

/**
 * Thumbnails loaded and decoded (`img.decode()`), so the atlas can draw one synchronously. `need` loads now, at high
 * priority; `ahead` queues loads at low priority, a few at a time; `keep` drops (and cancels) everything else.
 */
export class ThumbnailStore {
  private readonly ready = new Map<string, HTMLImageElement>();
  private readonly loading = new Map<string, Loading>();
  private queue: ImageJob[] = [];
  private aheadRunning = 0;

  /** A decoded thumbnail, if there is one. */
  get(id: string): HTMLImageElement | undefined {
    return this.ready.get(id);
  }

  get size() {
    return this.ready.size;
  }

  /** Loads a thumbnail the wall shows now; `done` is called with it decoded (unless it is dropped first). */
  need(job: ImageJob, done: (img: HTMLImageElement) => void) {
    const img = this.ready.get(job.id);
    if (img) return done(img);
    const entry = this.loading.get(job.id) ?? this.start(job, false);
    entry.img.fetchPriority = 'high';
    entry.waiters.push(done);
  }

  /** Loads these ahead of need, nearest first (replaces what was queued before). */
  ahead(jobs: ImageJob[]) {
    this.queue = jobs.filter((j) => !this.ready.has(j.id) && !this.loading.has(j.id));
    this.pump();
  }

  /** Keeps only these thumbnails (loaded or loading); the others are released. */
  keep(ids: Set<string>) {
    for (const id of [...this.ready.keys()]) if (!ids.has(id)) this.ready.delete(id);
    for (const [id, entry] of [...this.loading]) {
      if (ids.has(id)) continue;
      this.loading.delete(id);
      entry.img.onload = entry.img.onerror = null;
      entry.img.src = '';
      this.settled(entry);
    }
    this.queue = this.queue.filter((j) => ids.has(j.id));
  }

  dispose() {
    this.keep(new Set());
  }

  private pump() {
    while (this.aheadRunning < AHEAD_AT_ONCE && this.queue.length) {
      const job = this.queue.shift()!;
      if (this.ready.has(job.id) || this.loading.has(job.id)) continue;
      this.aheadRunning++;
      this.start(job, true);
    }
  }

  private settled(entry: Loading) {
    if (!entry.ahead) return;
    entry.ahead = false;
    this.aheadRunning--;
    queueMicrotask(() => this.pump());
  }

  private start(job: ImageJob, ahead: boolean): Loading {
    const img = new Image();
    img.crossOrigin = 'use-credentials';
    img.decoding = 'async';
    img.fetchPriority = ahead ? 'low' : 'high';
    const entry: Loading = { img, waiters: [], ahead };
    this.loading.set(job.id, entry);
    const settle = (ok: boolean) => {
      if (this.loading.get(job.id) !== entry) return; // dropped meanwhile
      this.loading.delete(job.id);
      if (ok) {
        this.ready.set(job.id, img);
        for (const w of entry.waiters) w(img);
      }
      this.settled(entry);
    };
    img.onload = () => void img.decode().then(() => settle(true), () => settle(true));
    img.onerror = () => settle(false);
    img.src = thumbnailUrl(job);
    return entry;
  }
}

/**
 * A picture's prompt broken into at most `maxLines` lines of at most `width` (as `measure` says), the last one ending
 * in "…" when the prompt is longer; a word too long for a line is cut.
 */
export function titleLines(text: string, measure: (t: string) => number, width: number, maxLines: number): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  let i = 0;
  for (; i < words.length && lines.length < maxLines; i++) {
    const next = line ? `${line} ${words[i]}` : words[i];
    if (measure(next) <= width) {
      line = next;
      continue;
    }
    if (line) {
      lines.push(line);
      line = '';
      i--; // this word starts the next line
      continue;
    }
    // One word wider than the line: cut it.
    let cut = words[i];
    while (cut.length > 1 && measure(`${cut}…`) > width) cut = cut.slice(0, -1);
    lines.push(`${cut}…`);
    line = '';
  }
  if (line && lines.length < maxLines) lines.push(line);
  else if (line || i < words.length) {
    let last = lines[lines.length - 1] ?? '';
    while (last.length > 1 && measure(`${last}…`) > width) last = last.slice(0, -1).trimEnd();
    if (!last.endsWith('…')) lines[lines.length - 1] = `${last}…`;
  }
  return lines;
}
