import { expect, type Page } from '@playwright/test';

export const SHOTS = 'docs/screenshots';
export const PASSWORD = 'quiet harbor lantern 42';

/** A fresh person: registers through the page (which signs in) and waits for the studio. */
export async function registerNewUser(page: Page, prefix: string): Promise<string> {
  const user = `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
  await page.goto('/register');
  await page.getByLabel('Username').fill(user);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  return user;
}

/** Sends a message in the chat panel and answers the locator of its reply (a new article, not the previous reply). */
export async function sendMessage(page: Page, text: string) {
  const replies = page.locator('article[data-role="assistant"]');
  const before = await replies.count();
  await page.getByLabel('Message', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(replies).toHaveCount(before + 1);
  return replies.nth(before);
}

/** Calls the public API as the signed-in page does (session cookie, CSRF header); answers status and JSON body. */
export async function api<T = unknown>(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const token = /studio_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
      const res = await fetch(path, {
        method,
        credentials: 'include',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': decodeURIComponent(token) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    { method, path, body },
  );
}

/** Queues offline placeholder images (small, fast); waits for room in the per-person queue when it is full. */
export async function makeOfflineImages(page: Page, count: number, tag: string) {
  for (let i = 0; i < count; i++) {
    const body = { model: 'offline-pattern', prompt: `${tag} ${i}`, width: 128, height: 128, steps: 1 };
    await expect
      // A request that fails on the way (seen once under load: "Failed to fetch") is tried again; its job may have
      // been made, so a test counts the pictures from the API rather than assuming exactly `count`.
      .poll(async () => (await api(page, 'POST', '/api/images', body).catch(() => ({ status: 0 }))).status, { timeout: 60_000, intervals: [200, 500, 1000] })
      .toBe(202);
  }
}

/** Draws one more frame of the room and answers its counters (draw calls, textures) from `window.__studioRoom`. */
export async function roomFrameInfo(page: Page) {
  const before = await page.evaluate(() => (window as any).__studioRoom.info().frame as number);
  await page.evaluate(() => (window as any).__studioRoom.invalidate());
  await expect.poll(() => page.evaluate(() => (window as any).__studioRoom.info().frame as number)).toBeGreaterThan(before);
  return page.evaluate(() => (window as any).__studioRoom.info() as { calls: number; textures: number; triangles: number; geometries: number });
}

export async function azimuth(page: Page): Promise<number> {
  return page.evaluate(() => (window as any).__studioRoom.azimuth() as number);
}

export async function distance(page: Page): Promise<number> {
  return page.evaluate(() => (window as any).__studioRoom.distance() as number);
}

/** Pictures whose thumbnails are drawn on the walls of the room. */
export async function picturesOnTheWalls(page: Page): Promise<number> {
  return page.evaluate(() => (window as any).__studioRoom?.pictures() ?? 0);
}

type Box = { left: number; top: number; right: number; bottom: number };

/**
 * What a person cannot see or read in the room as it stands now (camera at rest): a model (plinth and object) outside
 * the canvas or under a panel, the header, the object list or the pager; a placard over a picture, over another
 * placard, over another model's plinth or object, or under a panel. Answers one line per problem, so a failing check says which model and what covers it.
 */
export async function roomLayoutProblems(page: Page): Promise<string[]> {
  await roomFrameInfo(page); // a frame drawn with the current camera, placards placed
  return page.evaluate(() => {
    const room = (window as any).__studioRoom;
    const { models, pictures } = room.layout() as {
      models: { id: string; rect: Box | null; plinth: Box | null; body: Box | null }[];
      pictures: { id: string; rect: Box | null }[];
    };
    const rectOf = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    };
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const hit = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const canvas = rectOf(document.querySelector('canvas')!);
    const inside = (r: Box) => r.left >= canvas.left && r.right <= canvas.right && r.top >= canvas.top && r.bottom <= canvas.bottom;
    const covers: { name: string; rect: Box }[] = [];
    const cover = (selector: string, name: string) =>
      document.querySelectorAll(selector).forEach((el) => visible(el) && covers.push({ name, rect: rectOf(el) }));
    cover('header', 'the header');
    cover('aside', 'a side panel');
    cover('nav[aria-label="Sections"]', 'the tabs');
    cover('[data-testid="room-objects"]', 'the object list');
    cover('[data-testid="model-pager"]', 'the pager');
    cover('[data-testid="picture-pager"]', 'the picture pager');
    const problems: string[] = [];
    const px = (r: Box) => `[${[r.left, r.top, r.right, r.bottom].map(Math.round).join(', ')}]`;
    for (const m of models) {
      if (!m.rect) problems.push(`model ${m.id} is behind the camera`);
      else if (!inside(m.rect)) problems.push(`model ${m.id} ${px(m.rect)} is partly outside the canvas ${px(canvas)}`);
      else for (const c of covers) if (hit(m.rect, c.rect)) problems.push(`model ${m.id} ${px(m.rect)} is under ${c.name} ${px(c.rect)}`);
    }
    const placards = [...document.querySelectorAll('[data-placard]')].filter(visible).map((el) => ({ id: el.getAttribute('data-placard')!, rect: rectOf(el) }));
    // Every picture on the wall now (a page of those hung) hangs in the part of the room the panels leave free.
    if (pictures.length > 12) problems.push(`${pictures.length} pictures on the wall at once (a page is 12)`);
    pictures.forEach((pic) => {
      if (!pic.rect) problems.push(`picture ${pic.id} is behind the camera`);
      else if (!inside(pic.rect)) problems.push(`picture ${pic.id} ${px(pic.rect)} is partly outside the canvas ${px(canvas)}`);
      else for (const c of covers) if (hit(pic.rect, c.rect)) problems.push(`picture ${pic.id} ${px(pic.rect)} is under ${c.name} ${px(c.rect)}`);
    });
    for (const p of placards) {
      if (!models.some((m) => m.id === p.id)) problems.push(`placard ${p.id} shows for a model not in the room`);
      // The whole name is readable: nothing cut off or clamped (a long one wraps to a second line).
      const name = document.querySelector(`[data-placard="${CSS.escape(p.id)}"] [data-placard-name]`) as HTMLElement | null;
      if (name && (name.scrollHeight > name.clientHeight + 1 || name.scrollWidth > name.clientWidth + 1)) {
        problems.push(`placard ${p.id} cuts its name "${name.textContent}" short`);
      }
      const note = document.querySelector(`[data-placard="${CSS.escape(p.id)}"] [data-placard-note]`) as HTMLElement | null;
      if (note && (note.scrollWidth > note.clientWidth + 1 || note.scrollHeight > note.clientHeight + 1)) problems.push(`placard ${p.id} cuts "${note.textContent}" short`);
      if (!inside(p.rect)) problems.push(`placard ${p.id} ${px(p.rect)} is partly outside the canvas`);
      for (const c of covers) if (hit(p.rect, c.rect)) problems.push(`placard ${p.id} is under ${c.name}`);
      for (const pic of pictures) if (pic.rect && hit(p.rect, pic.rect)) problems.push(`placard ${p.id} ${px(p.rect)} covers picture ${pic.id} ${px(pic.rect)}`);
      for (const q of placards) if (q.id < p.id && hit(p.rect, q.rect)) problems.push(`placards ${p.id} and ${q.id} overlap`);
      // A placard never covers another model: its plinth or the object on it.
      for (const m of models) {
        if (m.id === p.id) continue;
        if (m.plinth && hit(p.rect, m.plinth)) problems.push(`placard ${p.id} ${px(p.rect)} covers the plinth of ${m.id} ${px(m.plinth)}`);
        if (m.body && hit(p.rect, m.body)) problems.push(`placard ${p.id} ${px(p.rect)} covers the object of ${m.id} ${px(m.body)}`);
      }
    }
    return problems;
  });
}

/** The pictures on the back wall now (ids, the page shown), read from the scene; none while the room is still starting. */
export async function picturesInTheRoom(page: Page): Promise<string[]> {
  return page.evaluate(() => (((window as any).__studioRoom?.layout().pictures ?? []) as { id: string }[]).map((p) => p.id));
}

/** The models standing in the room now (ids), read from the scene; none while the room is still starting (a reload). */
export async function modelsInTheRoom(page: Page): Promise<string[]> {
  return page.evaluate(() => (((window as any).__studioRoom?.layout().models ?? []) as { id: string }[]).map((m) => m.id));
}

/**
 * Follows the page's `text/event-stream` requests through the Chrome DevTools protocol (which sees them before the
 * page's script does): the URLs opened since the last `reset()`, and the most that were open at once.
 */
export async function watchEventStreams(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  let open = new Set<string>();
  let opened: string[] = [];
  let most = 0;
  cdp.on('Network.requestWillBeSent', (e) => {
    const accept = Object.entries(e.request.headers).find(([k]) => k.toLowerCase() === 'accept')?.[1] ?? '';
    if (!String(accept).includes('text/event-stream')) return;
    open.add(e.requestId);
    opened.push(new URL(e.request.url).pathname + new URL(e.request.url).search);
    most = Math.max(most, open.size);
  });
  const end = (e: { requestId: string }) => open.delete(e.requestId);
  cdp.on('Network.loadingFinished', end);
  cdp.on('Network.loadingFailed', end);
  return {
    reset: () => {
      open = new Set();
      opened = [];
      most = 0;
    },
    opened: () => opened.slice(),
    mostOpen: () => most,
  };
}

/**
 * Where the page's main thread spends its time from now (Chrome's Performance metrics, seconds): `read()` answers the
 * time counted so far (the counters start with Performance.enable).
 */
export async function watchMainThreadTime(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const keep = ['TaskDuration', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration', 'TaskOtherDuration'];
  return {
    read: async (): Promise<Record<string, number>> => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return Object.fromEntries(metrics.filter((m) => keep.includes(m.name)).map((m) => [m.name, Math.round(m.value * 10) / 10]));
    },
  };
}

/**
 * Measures how long the page's main thread takes to answer, polling until `stop()`; answers the longest wait and when it
 * began (ms from the start of the watch).
 */
export function watchMainThread(page: Page) {
  let running = true;
  let longest = 0;
  let longestAt = 0;
  const began = Date.now();
  const loop = (async () => {
    while (running) {
      const start = Date.now();
      await page.evaluate(() => 0).catch(() => undefined);
      if (Date.now() - start > longest) {
        longest = Date.now() - start;
        longestAt = start - began;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return `${longest} ms (from ${longestAt} ms after the reload)`;
    },
  };
}
