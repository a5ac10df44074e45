#!/usr/bin/env node
// The 3D room's cost with 2 and with 36 pictures hung, side by side in one run, in Debian's Chromium (WebGL through
// SwiftShader: no GPU here, so the frame rate is the software renderer's, not a laptop's). For each room: draw calls,
// triangles, textures and their memory, frames drawn while nothing moves, and, while the camera turns for 240 frames,
// the JavaScript time of each frame (first useFrame callback to the end of the main render call) and the frames per
// second reached. Needs a running studio: E2E_BASE_URL (bench/web/run.sh starts one). Prints a table; writes
// bench/web/last-run.json.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '../../web-client/package.json'));
const { chromium } = require('@playwright/test');

const BASE = process.env.E2E_BASE_URL ?? 'http://localhost:18580';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const FRAMES = Number(process.env.BENCH_FRAMES ?? 240);
const PASSWORD = 'quiet harbor lantern 42';

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--use-gl=swiftshader', '--enable-unsafe-swiftshader', '--no-first-run', '--disable-background-networking'],
});

async function api(page, method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const token = /studio_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
      const res = await fetch(path, {
        method,
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': decodeURIComponent(token) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    { method, path, body },
  );
}

const log = (msg) => console.log(`[room-bench] ${new Date().toISOString().slice(11, 19)} ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(what, fn, timeoutMs = 600_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(500);
  }
}

/** A person with `count` finished pictures, signed in on a page of their own (1440 x 900). */
async function roomWith(count) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
  const page = await context.newPage();
  const user = `bench${count}x${Date.now().toString(36)}`;
  await page.goto(`${BASE}/register`);
  await page.getByLabel('Username').fill(user);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 120_000 });
  log(`${user}: queueing ${count} offline images`);
  for (let i = 0; i < count; i++) {
    const body = { model: 'offline-pattern', prompt: `bench picture ${i}`, width: 512, height: 512, steps: 1 };
    await until('a place in the queue', async () => (await api(page, 'POST', '/api/images', body)).status === 202);
  }
  await until(`${count} finished pictures`, async () => {
    const { body } = await api(page, 'GET', '/api/images?limit=40');
    return body.items.filter((j) => j.status === 'succeeded').length >= count;
  });
  log(`${user}: ${count} images made; opening the room`);
  await page.reload();
  await until(`${count} pictures on the walls`, () => page.evaluate((n) => window.__studioRoom?.pictures() === n, count));
  await page.mouse.move(5, 890); // nothing hovered
  return page;
}

async function oneFrame(page) {
  const before = await page.evaluate(() => window.__studioRoom.info().frame);
  await page.evaluate(() => window.__studioRoom.invalidate());
  await until('a frame', () => page.evaluate((b) => window.__studioRoom.info().frame > b, before), 30_000);
}

/** Counters of a still frame, frames drawn in two idle seconds, then timings while the camera turns. */
async function measure(page) {
  await page.locator('canvas').focus();
  await page.keyboard.press('Home');
  await oneFrame(page);
  const still = await page.evaluate(() => ({ ...window.__studioRoom.info(), textureBytes: window.__studioRoom.textureBytes() }));
  const idleFrom = still.frame;
  await sleep(2000);
  const idleFrames = (await page.evaluate(() => window.__studioRoom.info().frame)) - idleFrom;
  const moving = await page.evaluate(async (frames) => {
    const room = window.__studioRoom;
    const canvas = document.querySelector('canvas');
    room.timeFrames(true);
    const stamps = [];
    await new Promise((done) => {
      let i = 0;
      const tick = (t) => {
        stamps.push(t);
        if (i++ >= frames) return done();
        // Turn as the arrow keys do: a key event per frame, the room draws the next frame on demand.
        canvas.dispatchEvent(new KeyboardEvent('keydown', { key: i % 120 < 60 ? 'ArrowLeft' : 'ArrowRight', bubbles: true }));
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const js = room.timeFrames(false);
    const seconds = (stamps[stamps.length - 1] - stamps[0]) / 1000;
    return { js, drawn: js.length, seconds };
  }, FRAMES);
  const sorted = [...moving.js].sort((a, b) => a - b);
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return {
    calls: still.calls,
    triangles: still.triangles,
    textures: still.textures,
    textureMiB: +(still.textureBytes / 2 ** 20).toFixed(1),
    geometries: still.geometries,
    idleFramesIn2s: idleFrames,
    jsMsP50: +q(0.5).toFixed(2),
    jsMsP95: +q(0.95).toFixed(2),
    framesDrawn: moving.drawn,
    fps: +(moving.drawn / moving.seconds).toFixed(1),
  };
}

const rooms = { 2: await roomWith(2), 36: await roomWith(36) };
const runs = { 2: [], 36: [] };
for (let r = 0; r < ROUNDS; r++) {
  for (const n of [2, 36]) {
    await rooms[n].bringToFront();
    log(`round ${r + 1}: the room with ${n} pictures`);
    runs[n].push(await measure(rooms[n]));
    log(JSON.stringify(runs[n][runs[n].length - 1]));
  }
}
await browser.close();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const keys = Object.keys(runs[2][0]);
const result = Object.fromEntries([2, 36].map((n) => [n, Object.fromEntries(keys.map((k) => [k, median(runs[n].map((x) => x[k]))]))]));
console.log(`\nroom benchmark (${ROUNDS} rounds, median; ${FRAMES} frames turning; Chromium + SwiftShader, 1440x900)`);
console.log(`${'measure'.padEnd(30)}${'2 pictures'.padStart(12)}${'36 pictures'.padStart(13)}${'ratio'.padStart(8)}`);
for (const k of keys) {
  const a = result[2][k];
  const b = result[36][k];
  console.log(`${k.padEnd(30)}${String(a).padStart(12)}${String(b).padStart(13)}${(a ? (b / a).toFixed(2) : '-').padStart(8)}`);
}
writeFileSync(join(here, 'last-run.json'), JSON.stringify({ date: new Date().toISOString(), rounds: ROUNDS, frames: FRAMES, result, runs }, null, 2) + '\n');
