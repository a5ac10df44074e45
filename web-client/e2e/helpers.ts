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
      .poll(async () => (await api(page, 'POST', '/api/images', body)).status, { timeout: 60_000, intervals: [200, 500, 1000] })
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
