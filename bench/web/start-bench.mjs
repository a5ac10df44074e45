#!/usr/bin/env node
// How long the page's main thread is held while the 3D room starts (after a reload), for two builds of the web client
// side by side in one run: BENCH_DIST_A and BENCH_DIST_B are two `vite build` output folders; the page's own files (/,
// /assets/...) are served from one of them through Playwright's routing, the API from the running studio
// (E2E_BASE_URL; bench/web/start.sh starts one). One person with BENCH_PICTURES (12) finished pictures; for
// BENCH_ROUNDS (4) rounds, A and B alternately (the order swapped each round), a fresh page opens the studio and is
// watched until the room has drawn and every picture is on the wall: the longest task of the main thread and the sum
// of its long tasks (PerformanceObserver 'longtask'), the longest wait for page.evaluate (the e2e's "stall"), the time
// to the first frame and to all pictures shown. Prints medians side by side with their ratio (B / A).
import { createRequire } from 'node:module';
import { readFileSync, existsSync, statSync, mkdirSync } from 'node:fs';
import { dirname, join, extname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '../../web-client/package.json'));
const { chromium } = require('@playwright/test');

const BASE = process.env.E2E_BASE_URL ?? 'http://localhost:18580';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const PICTURES = Number(process.env.BENCH_PICTURES ?? 12);
const DIST = { A: process.env.BENCH_DIST_A, B: process.env.BENCH_DIST_B };
if (process.env.BENCH_DIST_C) DIST.C = process.env.BENCH_DIST_C; // an optional third build, compared with A like B
const VARIANTS = Object.keys(DIST);
if (!DIST.A || !DIST.B) throw new Error('BENCH_DIST_A and BENCH_DIST_B: two vite build folders');
const PASSWORD = 'quiet harbor lantern 42';
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.woff2': 'font/woff2' };

const log = (msg) => console.log(`[start-bench] ${new Date().toISOString().slice(11, 19)} ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(what, fn, timeoutMs = 600_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => false);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

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

/** Serves the page's own files from a build folder; /api goes to the studio. */
async function serveBuild(context, dir) {
  await context.route(`${BASE}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname.startsWith('/api/')) return route.continue();
    let file = join(dir, decodeURIComponent(url.pathname));
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(dir, 'index.html');
    await route.fulfill({ status: 200, body: readFileSync(file), headers: { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' } });
  });
}

// One person with the pictures (made through the studio's own client).
const setup = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
const page0 = await setup.newPage();
const user = `start${Date.now().toString(36)}`;
await page0.goto(`${BASE}/register`);
await page0.getByLabel('Username').fill(user);
await page0.getByLabel('Password').fill(PASSWORD);
await page0.getByRole('button', { name: 'Create account' }).click();
await page0.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 120_000 });
log(`${user}: queueing ${PICTURES} offline images`);
for (let i = 0; i < PICTURES; i++) {
  const body = { model: 'offline-pattern', prompt: `start picture ${i}`, width: 512, height: 512, steps: 1 };
  await until('a place in the queue', async () => (await api(page0, 'POST', '/api/images', body)).status === 202);
}
await until(`${PICTURES} finished pictures`, async () => {
  const { body } = await api(page0, 'GET', '/api/images?limit=40');
  return body.items.filter((j) => j.status === 'succeeded').length >= PICTURES;
});
const storage = await setup.storageState();
await setup.close();
log(`${PICTURES} pictures made`);

const SHOTS = process.env.BENCH_SHOTS; // a folder: the room's canvas of every start is saved there, A and B compared
if (SHOTS) mkdirSync(SHOTS, { recursive: true });

async function start(variant, round) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark', storageState: storage });
  await serveBuild(context, DIST[variant]);
  await context.addInitScript(() => {
    const w = window;
    w.__longTasks = [];
    w.__longTaskAt = [];
    new PerformanceObserver((list) =>
      list.getEntries().forEach((e) => {
        w.__longTasks.push(e.duration);
        w.__longTaskAt.push([Math.round(e.startTime), Math.round(e.duration)]);
      }),
    ).observe({ type: 'longtask', buffered: true });
  });
  const page = await context.newPage();
  const t0 = Date.now();
  let longestWait = 0;
  let watching = true;
  await page.goto(`${BASE}/`);
  const watch = (async () => {
    while (watching) {
      const s = Date.now();
      await page.evaluate(() => 0).catch(() => undefined);
      longestWait = Math.max(longestWait, Date.now() - s);
      await sleep(100);
    }
  })();
  const firstFrame = await until('the first frame', async () => (await page.evaluate(() => window.__studioRoom?.info().frame ?? 0)) > 0 && Date.now() - t0);
  const allShown = await until('every picture on the wall', async () => (await page.evaluate((n) => window.__studioRoom?.pictures() === n, PICTURES)) && Date.now() - t0);
  await sleep(1500); // what the last pictures' upload costs
  watching = false;
  await watch;
  if (SHOTS) await page.getByTestId('studio-canvas').screenshot({ path: join(SHOTS, `${variant}-${round + 1}.png`) });
  const tasks = await page.evaluate(() => window.__longTasks);
  if (process.env.BENCH_VERBOSE) {
    // When the long tasks ran and the page's own marks (performance.mark, e.g. the room's compile steps), in ms.
    const when = await page.evaluate(() => ({ tasks: window.__longTaskAt, marks: performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)]) }));
    log(`${variant} timeline: ${JSON.stringify(when)}`);
  }
  await context.close();
  return {
    longestTaskMs: Math.round(Math.max(0, ...tasks)),
    longTasksSumMs: Math.round(tasks.reduce((a, b) => a + b, 0)),
    longestWaitMs: longestWait,
    firstFrameMs: firstFrame,
    allPicturesMs: allShown,
  };
}

const runs = Object.fromEntries(VARIANTS.map((v) => [v, []]));
for (let r = 0; r < ROUNDS; r++) {
  // The order turns every round (A B C, B C A, C A B, ...; with two builds A B, B A).
  for (const v of VARIANTS.map((_, i) => VARIANTS[(i + r) % VARIANTS.length])) {
    const m = await start(v, r);
    runs[v].push(m);
    log(`round ${r + 1} ${v}: ${JSON.stringify(m)}`);
  }
}
/** How far B's (and C's) room looks from A's, round by round: mean absolute difference (0-255) and the share of pixels more than 8 off. */
async function compareShots() {
  const page = await browser.newPage();
  for (let r = 1; r <= ROUNDS; r++) {
    for (const other of VARIANTS.slice(1)) await compareRound(page, r, other);
  }
  await page.close();
}
async function compareRound(page, r, other) {
  {
    const [a, b] = ['A', other].map((v) => `data:image/png;base64,${readFileSync(join(SHOTS, `${v}-${r}.png`)).toString('base64')}`);
    const d = await page.evaluate(
      async ([a, b]) => {
        const pixels = async (src) => {
          const img = new Image();
          img.src = src;
          await img.decode();
          const c = new OffscreenCanvas(img.width, img.height);
          const ctx = c.getContext('2d');
          ctx.drawImage(img, 0, 0);
          return ctx.getImageData(0, 0, img.width, img.height).data;
        };
        const [pa, pb] = [await pixels(a), await pixels(b)];
        if (pa.length !== pb.length) return { sizes: [pa.length, pb.length] };
        let sum = 0, off = 0, max = 0;
        for (let i = 0; i < pa.length; i += 4) {
          const m = Math.max(Math.abs(pa[i] - pb[i]), Math.abs(pa[i + 1] - pb[i + 1]), Math.abs(pa[i + 2] - pb[i + 2]));
          sum += (Math.abs(pa[i] - pb[i]) + Math.abs(pa[i + 1] - pb[i + 1]) + Math.abs(pa[i + 2] - pb[i + 2])) / 3;
          if (m > 8) off++;
          max = Math.max(max, m);
        }
        const n = pa.length / 4;
        return { meanDiff: +(sum / n).toFixed(2), over8: `${((100 * off) / n).toFixed(2)} %`, maxDiff: max };
      },
      [a, b],
    );
    log(`round ${r} screenshots, ${other} against A: ${JSON.stringify(d)}`);
  }
}
if (SHOTS) await compareShots();
await browser.close();
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
console.log(`\nmedians of ${ROUNDS} rounds (${VARIANTS.map((v) => `${v}: ${DIST[v]}`).join(', ')}; load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')})`);
const others = VARIANTS.slice(1);
console.log(`| measure | A | ${others.map((v) => `${v} | ${v} / A`).join(' | ')} |\n| --- | ---: | ${others.map(() => '---: | ---:').join(' | ')} |`);
for (const k of Object.keys(runs.A[0])) {
  const a = median(runs.A.map((m) => m[k]));
  const cells = others.map((v) => {
    const b = median(runs[v].map((m) => m[k]));
    return `${b} | ${a ? (b / a).toFixed(2) : '-'}`;
  });
  console.log(`| ${k} | ${a} | ${cells.join(' | ')} |`);
}
