import { expect, test, type Page } from '@playwright/test';
import { picturesOnTheWalls, sendMessage, watchEventStreams, watchMainThread, watchMainThreadTime } from './helpers';

const SHOTS = 'docs/screenshots';
const user = `e2e${Date.now().toString(36)}`;
const password = 'quiet harbor lantern 42';
// The offline echo quotes the message: a long one makes a reply long enough to stop or reload in the middle.
const longMessage = (tag: string) =>
  `${tag} ` + Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');

test.describe.configure({ mode: 'serial' });

let page: Page;
test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
});
test.afterAll(async () => {
  await page.close();
});

/** Records each length the last reply's text had, to show it arrived in pieces rather than at once. */
async function watchReplyGrowth() {
  await page.evaluate(() => {
    const w = window as unknown as { __lengths: number[]; __observer?: MutationObserver };
    w.__lengths = [];
    w.__observer?.disconnect();
    w.__observer = new MutationObserver(() => {
      const replies = document.querySelectorAll('[role="log"] article[data-role="assistant"]');
      const last = replies[replies.length - 1] as HTMLElement | undefined;
      if (last) w.__lengths.push(last.innerText.length);
    });
    w.__observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

async function distinctReplyLengths() {
  return page.evaluate(() => new Set((window as unknown as { __lengths: number[] }).__lengths).size);
}

async function lastReply() {
  return page.locator('article[data-role="assistant"]').last();
}

function send(text: string) {
  return sendMessage(page, text);
}

test('registerShowsServerErrorsNextToTheFieldThenCreatesTheAccount', async () => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.screenshot({ path: `${SHOTS}/sign-in.png` });
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByLabel('Username').fill(user);
  await page.getByLabel('Password').fill('password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.locator('#password-error')).toBeVisible();
  await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
});

test('signOutThenSignInAgain', async () => {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByLabel('Username').fill(user);
  await page.getByLabel('Password').fill('wrong password here');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
});

test('theCanvasDrawsTheRoom', async () => {
  const canvas = page.locator('canvas');
  await expect(canvas).toBeVisible();
  // Pixels that differ from the clear color (#0b0f14): the lit room, not an empty canvas.
  await expect
    .poll(
      async () => {
        const png = (await canvas.screenshot()).toString('base64');
        return page.evaluate(async (b64) => {
          const img = new Image();
          img.src = `data:image/png;base64,${b64}`;
          await img.decode();
          const c = document.createElement('canvas');
          c.width = img.width;
          c.height = img.height;
          const ctx = c.getContext('2d')!;
          ctx.drawImage(img, 0, 0);
          const d = ctx.getImageData(0, 0, c.width, c.height).data;
          let differ = 0;
          for (let i = 0; i < d.length; i += 4) {
            if (Math.abs(d[i] - 11) + Math.abs(d[i + 1] - 15) + Math.abs(d[i + 2] - 20) > 24) differ++;
          }
          return differ / (d.length / 4);
        }, png);
      },
      { timeout: 45_000 },
    )
    .toBeGreaterThan(0.25);
});

test('chatReplyStreamsInFromTheOfflineModel', async () => {
  // The stack under test also lists the stub provider's models; this test is about the offline one.
  await page.getByLabel('Model', { exact: true }).selectOption('offline-echo');
  await expect(page.getByLabel('Model', { exact: true })).toHaveValue('offline-echo');
  // The picker has the panel's width for the name alone; the provider is a badge, the whole label a tooltip.
  const picker = page.getByLabel('Model', { exact: true });
  await expect(picker).toHaveAccessibleDescription('offline · not AI');
  await expect(picker).toHaveAttribute('title', 'Offline echo (not AI) · offline');
  const nameFits = await picker.evaluate((el: HTMLSelectElement) => {
    const ctx = document.createElement('canvas').getContext('2d')!;
    const style = getComputedStyle(el);
    ctx.font = `${style.fontSize} ${style.fontFamily}`;
    return ctx.measureText(el.selectedOptions[0].text).width + 32 <= el.clientWidth; // 32: padding and the arrow
  });
  expect(nameFits).toBe(true);
  await page.getByLabel('Message', { exact: true }).fill('Hello there, **studio**');
  await watchReplyGrowth();
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const reply = await lastReply();
  await expect(reply).toContainText('Offline echo');
  await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 60_000 });
  // Token by token: the reply's text had many lengths on its way, not one jump to the end.
  expect(await distinctReplyLengths()).toBeGreaterThan(5);
  await expect(reply.locator('strong')).toHaveText('studio'); // markdown rendered
  await expect(reply).toContainText('pick one of its models');
  await expect(page.getByRole('log')).toContainText('Hello there');
  // The conversation is named by its first message's words, not its markdown.
  await expect(page.getByRole('list', { name: 'Conversation list' })).toContainText('Hello there, studio');
  await page.screenshot({ path: `${SHOTS}/studio-chat.png` });
});

test('stopKeepsWhatWasWritten', async () => {
  const reply = await send(longMessage('stopme'));
  await expect(reply).toContainText('Offline echo');
  await expect(reply).toHaveAttribute('data-status', 'streaming');
  await page.getByRole('button', { name: 'Stop the reply' }).click();
  await expect(reply).toHaveAttribute('data-status', 'stopped');
  await expect(reply.getByText('Stopped')).toBeVisible();
  await expect(reply).not.toContainText('pick one of its models');
});

test('reloadMidReplyReattachesAndShowsTheRest', async () => {
  const streams = await watchEventStreams(page);
  const mainThread = await watchMainThreadTime(page);
  const streaming = await send(longMessage('reloadme'));
  await expect(streaming).toContainText('Offline echo');
  await expect(streaming).toHaveAttribute('data-status', 'streaming');
  streams.reset(); // the page before the reload is gone with its streams (the browser cancels them)
  await page.reload();
  const stalls = watchMainThread(page);
  const reply = await lastReply();
  await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 60_000 });
  const longestStall = await stalls.stop();
  await expect(reply).toContainText('word22 …');
  await expect(reply).toContainText('pick one of its models');
  // The text arrives once: no part repeated by the re-attach. (The template's sentence, not the model's name, which the
  // reply's footer shows too.)
  expect((await reply.innerText()).split('No language model is connected').length).toBe(2);
  // One re-attach, and never more than the gallery's and the reply's stream open at once (Chrome allows six
  // connections to a host; a page that leaked streams would make its later requests wait for a free one).
  console.log(`after the reload: event streams ${JSON.stringify(streams.opened())}, most open at once ${streams.mostOpen()}; longest main-thread stall ${longestStall}; main thread's time (s): ${JSON.stringify(await mainThread.read())}`);
  expect(streams.opened().filter((u) => u.includes('/stream?messageId='))).toHaveLength(1);
  expect(streams.opened().filter((u) => u.endsWith('/api/images/events'))).toHaveLength(1);
  expect(streams.mostOpen()).toBeLessThanOrEqual(2);
  // The real cause of the hang seen at load 15: with WebGL drawn on the CPU (SwiftShader here), the panels' backdrop
  // blur over the room was recomputed on the CPU for every streamed word and held the main thread for 28-70 s, so the
  // re-attached reply (and every later answer) waited in the page. Such a page has no backdrop filter at all.
  expect(await page.evaluate(() => document.documentElement.dataset.gl)).toBe('software');
  expect(await page.evaluate(() => [...document.querySelectorAll('*')].filter((e) => getComputedStyle(e).backdropFilter !== 'none').length)).toBe(0);
});

test('regenerateAddsASiblingVersion', async () => {
  await page.getByRole('button', { name: 'Regenerate reply' }).click();
  const reply = await lastReply();
  // The new version takes as long as a reply (about 20 s of offline words under test.sh's pace): the status check
  // alone could pass on the old version before the new one replaced it, so wait for the versions as long.
  await expect(reply.getByLabel('Versions')).toContainText('2/2', { timeout: 60_000 });
  await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 60_000 });
});

test('generateAnOfflineImageThenOpenAndDeleteIt', async () => {
  await page.getByRole('tab', { name: 'Images' }).click();
  await page.getByLabel('Image model').selectOption('offline-pattern');
  // The same picker as the chat's: the name alone in the select (grouped by provider), the provider as its badge.
  await expect(page.getByLabel('Image model')).toHaveAccessibleDescription('offline · not AI');
  await expect(page.getByLabel('Image model').locator('optgroup[label="offline"] option[value="offline-pattern"]')).toHaveCount(1);
  await page.getByLabel('Prompt', { exact: true }).fill('a calm harbour at dawn');
  await page.getByRole('button', { name: 'Generate image' }).click();
  const item = page.getByRole('list', { name: 'Images' }).getByRole('listitem').first();
  await expect(item).toHaveAttribute('data-status', 'succeeded', { timeout: 60_000 });
  await expect(item.getByRole('img')).toBeVisible();
  await expect.poll(() => picturesOnTheWalls(page)).toBe(1); // the picture hangs in the room for the screenshot
  await page.screenshot({ path: `${SHOTS}/studio-images.png` });
  await item.getByRole('button', { name: /full size/ }).first().click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('img')).toBeVisible();
  await expect(dialog.getByRole('link', { name: 'Download' })).toHaveAttribute('href', /download=true/);
  await page.keyboard.press('Escape');
  await item.getByRole('button', { name: 'Delete image' }).click();
  await expect(page.getByRole('list', { name: 'Images' }).getByRole('listitem')).toHaveCount(0);
});

test('phoneWidthAnd2dLayoutKeepTheFeatures', async () => {
  await page.getByRole('button', { name: '2D layout' }).click();
  await expect(page.getByTestId('flat-room')).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: 'Chat', exact: true }).click();
  await expect(page.getByLabel('Message', { exact: true })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/phone-2d.png` });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByRole('button', { name: '3D room' }).click();
  await expect(page.locator('canvas')).toBeVisible();
});

test('anEndedSessionReturnsToSignInKeepingWhatWasTyped', async () => {
  await page.getByRole('tab', { name: 'Chat' }).click();
  await page.getByLabel('Message', { exact: true }).fill('a draft that must survive');
  // The session ends elsewhere (signed out in another tab): the page still shows the studio.
  await page.evaluate(async () => {
    const token = /studio_csrf=([^;]+)/.exec(document.cookie)![1];
    await fetch('/api/auth/logout', { method: 'POST', headers: { 'X-CSRF-Token': token, 'Content-Type': 'application/json' }, body: '{}' });
  });
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('status')).toContainText('Your session ended');
  await expect(page.getByLabel('Username')).toHaveValue(user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByLabel('Message', { exact: true })).toHaveValue('a draft that must survive');
});

test('signOutReturnsToSignIn', async () => {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
});
