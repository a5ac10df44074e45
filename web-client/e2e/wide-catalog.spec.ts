import { expect, test, type Page } from '@playwright/test';
import { api, makeOfflineImages, modelsInTheRoom, picturesInTheRoom, picturesOnTheWalls, registerNewUser, roomFrameInfo, roomLayoutProblems, SHOTS } from './helpers';

// A catalog of many models (an OpenAI-compatible server listing a dozen and more) with more pictures than a wall holds:
// every model stands in view, clear of the panels, its placard clear of the pictures and of the other placards, and the
// models that do not fit at once are a page away; every picture hangs in view, clear of the panels, a wall's worth (12)
// at a time. Runs last: it makes the stub provider list more models.
test.describe.configure({ mode: 'serial' });

const STUB = process.env.E2E_STUB_URL ?? 'http://127.0.0.1:18585';
let page: Page;

test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
  page = await context.newPage();
  await registerNewUser(page, 'catalog');
});
test.afterAll(async () => {
  await fetch(`${STUB}/control/models`, { method: 'POST', body: JSON.stringify({ extra: 0 }) }).catch(() => undefined);
  await page.context().close();
});

async function listedModels(): Promise<string[]> {
  const { body } = await api<{ items: { id: string }[] }>(page, 'GET', '/api/chat/models');
  return body.items.map((m) => m.id);
}

/** Walks the back wall's pages of pictures from the first; on each, the room must be readable. Answers every picture seen. */
async function walkThePictures(label: string): Promise<string[]> {
  const pager = page.getByTestId('picture-pager');
  await expect(pager).toBeVisible();
  while (await pager.getByRole('button', { name: 'Previous pictures' }).isEnabled()) await pager.getByRole('button', { name: 'Previous pictures' }).click();
  const seen: string[] = [];
  for (let i = 0; i < 5; i++) {
    await expect.poll(async () => (await picturesInTheRoom(page)).length).toBeGreaterThan(0);
    await expect.poll(() => roomLayoutProblems(page), { message: `${label}, pictures page ${i + 1}` }).toEqual([]);
    seen.push(...(await picturesInTheRoom(page)));
    if (!(await pager.getByRole('button', { name: 'Next pictures' }).isEnabled())) break;
    const before = (await picturesInTheRoom(page)).join();
    await pager.getByRole('button', { name: 'Next pictures' }).click();
    await expect.poll(async () => (await picturesInTheRoom(page)).join()).not.toBe(before);
  }
  // Back to the first page, one page at a time.
  while (await pager.getByRole('button', { name: 'Previous pictures' }).isEnabled()) await pager.getByRole('button', { name: 'Previous pictures' }).click();
  await expect(pager).toContainText(/1–12 of/);
  return seen;
}

/** The pictures that hang (finished, newest first), once no job is queued or running any more. */
async function hungIds(): Promise<string[]> {
  let items: { id: string; status: string }[] = [];
  await expect
    .poll(
      async () => {
        items = (await api<{ items: { id: string; status: string }[] }>(page, 'GET', '/api/images?limit=50')).body.items;
        return items.filter((j) => j.status === 'queued' || j.status === 'running').length;
      },
      { timeout: 180_000, intervals: [1000, 2000] },
    )
    .toBe(0);
  return items.filter((j) => j.status === 'succeeded').map((j) => j.id);
}

async function toTheFirstPage() {
  const pager = page.getByTestId('model-pager');
  if (!(await pager.isVisible())) return;
  while (await pager.getByRole('button', { name: 'Previous models' }).isEnabled()) await pager.getByRole('button', { name: 'Previous models' }).click();
}

/** Walks the pages of models from the first; on each, the room must be readable. Answers every model seen. */
async function walkThePages(label: string): Promise<string[]> {
  const pager = page.getByTestId('model-pager');
  if (await pager.isVisible()) {
    while (await pager.getByRole('button', { name: 'Previous models' }).isEnabled()) await pager.getByRole('button', { name: 'Previous models' }).click();
  }
  const seen: string[] = [];
  for (let i = 0; i < 10; i++) {
    await expect.poll(async () => (await modelsInTheRoom(page)).length).toBeGreaterThan(0);
    await expect.poll(() => roomLayoutProblems(page), { message: `${label}, page ${i + 1}` }).toEqual([]);
    seen.push(...(await modelsInTheRoom(page)));
    if (!(await pager.isVisible()) || !(await pager.getByRole('button', { name: 'Next models' }).isEnabled())) break;
    const before = (await modelsInTheRoom(page)).join();
    await pager.getByRole('button', { name: 'Next models' }).click();
    await expect.poll(async () => (await modelsInTheRoom(page)).join()).not.toBe(before);
  }
  return seen;
}

test('everyModelStandsInViewWithItsPlacardClearOfThePictures', async () => {
  // 14 pictures: a full wall and two on the next page.
  await makeOfflineImages(page, 14, 'catalog wall');
  // (Under load a job can fail; more than a wall's worth must hang all the same.)
  const hung = (await hungIds()).length;
  expect(hung).toBeGreaterThan(12);
  await expect.poll(() => picturesOnTheWalls(page), { timeout: 180_000 }).toBe(hung);
  const all = await listedModels();
  const seen = await walkThePages(`${all.length} models at 1440x900`);
  expect([...seen].sort()).toEqual([...all].sort());
  await toTheFirstPage();
  await expect.poll(() => roomLayoutProblems(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/room-models.png` });
});

test('everyPictureHangsInViewAWallAtATimeAndTheKeyboardReachesIt', async () => {
  const all = await hungIds();
  const n = all.length; // 14 (13 if one failed, 15 if a POST that failed on the way had made its job)
  await expect(page.getByTestId('picture-pager')).toContainText(`1–12 of ${n}`);
  const seen = await walkThePictures(`${n} pictures at 1440x900`);
  expect(seen).toHaveLength(n); // each on exactly one page
  expect([...seen].sort()).toEqual([...all].sort());
  // The last picture, reached in the object list with the keyboard, is brought onto the wall (its page turns).
  const last = page.getByTestId('room-objects').locator(`[data-object="picture:${all[all.length - 1]}"]`);
  await last.focus();
  await expect.poll(() => picturesInTheRoom(page)).toContain(all[all.length - 1]);
  await expect(page.getByTestId('picture-pager')).toContainText(`13–${n} of ${n}`);
  await expect.poll(() => roomLayoutProblems(page)).toEqual([]);
  await page.getByTestId('picture-pager').getByRole('button', { name: 'Previous pictures' }).click();
  await expect(page.getByTestId('picture-pager')).toContainText(`1–12 of ${n}`);
});

test('everyPictureOfMoreThanThreeWallsIsAPageTurnAway', async () => {
  // More pictures than the room held before (36): older gallery pages load as the wall's pages turn.
  const before = (await hungIds()).length;
  await makeOfflineImages(page, 37 - before + 2, 'older than three walls');
  const all = await hungIds();
  const n = all.length;
  expect(n).toBeGreaterThan(36);
  await page.reload();
  // The gallery's first page (24) is loaded; the pager says there are more.
  await expect(page.getByTestId('picture-pager')).toContainText(/1–12 of \d+\+?/);
  const seen = await walkThePictures(`${n} pictures at 1440x900`);
  expect(seen).toHaveLength(n);
  expect([...seen].sort()).toEqual([...all].sort());
  // The oldest picture, reached in the object list with the keyboard, is brought onto the wall (the last page).
  await page.getByTestId('room-objects').locator(`[data-object="picture:${all[n - 1]}"]`).focus();
  await expect.poll(() => picturesInTheRoom(page)).toContain(all[n - 1]);
  await expect(page.getByTestId('picture-pager')).toContainText(`37–${n} of ${n}`);
  await expect.poll(() => roomLayoutProblems(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/room-older-pictures.png` });
  await page.getByTestId('picture-pager').getByRole('button', { name: 'Previous pictures' }).click();
});

test('aPictureSeveralWallsAwayIsOnTheWallAtOnceWhenReachedFromTheObjectList', async () => {
  const all = await hungIds();
  const n = all.length;
  const pager = page.getByTestId('picture-pager');
  while (await pager.getByRole('button', { name: 'Previous pictures' }).isEnabled()) await pager.getByRole('button', { name: 'Previous pictures' }).click();
  await expect(pager).toContainText(`1–12 of ${n}`);
  // While the first wall shows, the last wall's thumbnails (three pages away) are decoded ahead.
  const lastWall = all.slice(36);
  const state = (ids: string[], key: 'drawn' | 'decoded') =>
    page.evaluate(({ ids, key }) => ids.filter((id) => (window as any).__studioRoom.pictureState(id)[key]).length, { ids, key });
  await expect.poll(() => state(lastWall, 'decoded'), { timeout: 60_000 }).toBe(lastWall.length);
  // From here on no thumbnail arrives: what the jump shows must be there already.
  const held = (url: URL) => url.pathname.includes('thumbnail');
  await page.route(held, () => undefined);
  try {
    await page.getByTestId('room-objects').locator(`[data-object="picture:${all[n - 1]}"]`).focus();
    await expect(pager).toContainText(`37–${n} of ${n}`);
    await expect.poll(() => state(lastWall, 'drawn'), { timeout: 5_000 }).toBe(lastWall.length);
  } finally {
    await page.unroute(held);
  }
  await page.getByTestId('room-objects').locator(`[data-object="picture:${all[0]}"]`).focus();
  await expect(pager).toContainText(`1–12 of ${n}`);
});

test('aLongCatalogIsPagedAndAModelOnALaterPageCanBePicked', async () => {
  const before = (await listedModels()).length;
  const res = await fetch(`${STUB}/control/models`, { method: 'POST', body: JSON.stringify({ extra: 10 }) });
  expect(res.status).toBe(200);
  // chat-service caches the provider's model list for a minute.
  await expect.poll(async () => (await listedModels()).length, { timeout: 150_000, intervals: [2000, 5000] }).toBe(before + 10);
  await page.reload();
  const all = await listedModels();
  expect(all.length).toBeGreaterThanOrEqual(20);
  await expect(page.getByTestId('model-pager')).toContainText(`of ${all.length}`);
  const seen = await walkThePages(`${all.length} models at 1440x900`);
  expect([...seen].sort()).toEqual([...all].sort());

  // On the last page, click the last model in the room: it is picked for the chat.
  const last = await page.evaluate(() => {
    const models = (window as any).__studioRoom.layout().models as { id: string; object: { x: number; y: number } }[];
    return models[models.length - 1];
  });
  await page.mouse.click(last.object.x, last.object.y);
  await expect(page.getByLabel('Model', { exact: true })).toHaveValue(last.id);
  await expect(page.locator(`[data-placard="${last.id}"]`)).toContainText('in use');
  await toTheFirstPage();
  await expect.poll(() => roomLayoutProblems(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/room-many-models.png` });
});

test('onAPhoneEveryModelIsInTheRoomAPageAtATime', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: 'Chat', exact: true }).click();
  const all = await listedModels();
  const seen = await walkThePages(`${all.length} models at 390x844`);
  expect([...seen].sort()).toEqual([...all].sort());
  const pictures = await walkThePictures('the pictures at 390x844');
  expect([...pictures].sort()).toEqual([...(await hungIds())].sort());
  // The room takes 42 % of the phone's height, and a full page of models spreads over most of its width.
  const canvas = (await page.locator('canvas').boundingBox())!;
  expect(canvas.height).toBeGreaterThan(0.4 * 844);
  const spread = await page.evaluate(() => {
    const models = (window as any).__studioRoom.layout().models as { rect: { left: number; right: number } }[];
    return { n: models.length, span: Math.max(...models.map((m) => m.rect.right)) - Math.min(...models.map((m) => m.rect.left)) };
  });
  if (spread.n >= 6) expect(spread.span, `${spread.n} models span ${Math.round(spread.span)} px`).toBeGreaterThan(0.6 * canvas.width);
  await page.screenshot({ path: `${SHOTS}/room-phone.png` });
  await page.setViewportSize({ width: 1440, height: 900 });
});

test('onAPhoneTheRoomFoldsAwayForTheChatAndComesBackWorking', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: 'Chat', exact: true }).click();
  const fold = page.getByRole('button', { name: 'Room', exact: true });
  const chatLog = page.getByRole('log');
  const canvas = page.locator('canvas');
  await expect(fold).toHaveAttribute('aria-expanded', 'true');
  await expect(canvas).toBeVisible();
  const open = (await chatLog.boundingBox())!.height;

  // Folded: the chat log gets the room's height; the room is hidden (and out of the tab order), not unmounted.
  await fold.click();
  await expect(fold).toHaveAttribute('aria-expanded', 'false');
  await expect(canvas).toBeHidden();
  const folded = (await chatLog.boundingBox())!.height;
  expect(folded, `chat log ${Math.round(open)} px with the room, ${Math.round(folded)} px folded`).toBeGreaterThan(open + 0.35 * 844);
  expect(await canvas.count()).toBe(1);
  await page.screenshot({ path: `${SHOTS}/room-phone-folded.png` });

  // Remembered across a reload (the room, folded since the page loaded, is not started until it is shown).
  await page.reload();
  await expect(fold).toHaveAttribute('aria-expanded', 'false');
  await expect(chatLog).toBeVisible();
  expect((await chatLog.boundingBox())!.height).toBeCloseTo(folded, -1);
  await expect(canvas).toHaveCount(0);

  // Back, from the keyboard: the room shows and works (a model picked in the room becomes the chat's model).
  await fold.focus();
  await page.keyboard.press('Enter');
  await expect(fold).toHaveAttribute('aria-expanded', 'true');
  await expect(canvas).toBeVisible();
  // (The room starts now: its scene loads and mounts, then reports what stands in it.)
  await expect
    .poll(() => page.evaluate(() => ((window as any).__studioRoom?.layout().models.length as number | undefined) ?? 0), { timeout: 120_000 })
    .toBeGreaterThan(0);
  expect(Math.abs((await chatLog.boundingBox())!.height - open)).toBeLessThan(2);
  await expect.poll(() => roomLayoutProblems(page)).toEqual([]);

  // Folded and unfolded again without a reload: the same canvas and WebGL context (nothing is set up again), drawing.
  await canvas.evaluate((c) => ((c as HTMLCanvasElement).dataset.kept = 'yes'));
  await fold.click();
  await expect(canvas).toBeHidden();
  await fold.click();
  await expect(canvas).toBeVisible();
  await expect(canvas).toHaveAttribute('data-kept', 'yes');
  expect(await canvas.evaluate((c) => (c as HTMLCanvasElement).getContext('webgl2')?.isContextLost() ?? true)).toBe(false);
  await roomFrameInfo(page);

  const available = new Set(
    (await api<{ items: { id: string; available: boolean }[] }>(page, 'GET', '/api/chat/models')).body.items.filter((m) => m.available).map((m) => m.id),
  );
  const target = await page.evaluate(() => (window as any).__studioRoom.layout().models as { id: string; object: { x: number; y: number } }[]);
  const pick = target.find((m) => available.has(m.id) && m.id !== 'offline-echo') ?? target.find((m) => available.has(m.id))!;
  await page.mouse.click(pick.object.x, pick.object.y);
  await expect(page.getByLabel('Model', { exact: true })).toHaveValue(pick.id);
  await page.screenshot({ path: `${SHOTS}/room-phone-unfolded.png` });
  await page.setViewportSize({ width: 1440, height: 900 });
  await expect(fold).toBeHidden();
});
