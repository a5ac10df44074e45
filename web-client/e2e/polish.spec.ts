import { expect, test } from '@playwright/test';
import { registerNewUser, sendMessage } from './helpers';

// The 2D layout (reduced motion): these are about the panels, not the room.
test.use({ reducedMotion: 'reduce' });

test('shiftEscapeOnAPhoneOpensTheChatTabFromAnotherTab', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await registerNewUser(page, 'keys');
  const tabs = page.getByRole('navigation', { name: 'Sections' });
  const box = page.getByLabel('Message', { exact: true });
  for (const tab of ['Images', 'Chats']) {
    await tabs.getByRole('button', { name: tab, exact: true }).click();
    await expect(box).toBeHidden();
    await page.keyboard.press('Shift+Escape');
    await expect(box, `Shift+Esc from ${tab}`).toBeFocused();
    await expect(tabs.getByRole('button', { name: 'Chat', exact: true })).toHaveAttribute('aria-current', 'page');
  }
});

test.describe('on a touch screen', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('aTitleKeepsItsRowReadsItsMathAsTextAndOneButtonOffersRenameAndDelete', async ({ page }) => {
    await registerNewUser(page, 'touch');
    const tabs = page.getByRole('navigation', { name: 'Sections' });
    await tabs.getByRole('button', { name: 'Chat', exact: true }).click();
    await page.getByLabel('Model', { exact: true }).selectOption('offline-echo');
    const reply = await sendMessage(page, 'What is $\\frac{a}{b}$ when $b = 2$, for a rather long first question?');
    await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 90_000 });

    await tabs.getByRole('button', { name: 'Chats', exact: true }).tap();
    const list = page.getByRole('list', { name: 'Conversation list' });
    const title = list.getByRole('button', { name: /^What is a\/b when b = 2/ });
    await expect(title).toBeVisible();
    await expect(list).not.toContainText('frac');
    // No hovering pointer: rename and delete are not beside the title; one compact button is, and the title has the
    // rest of the row.
    await expect(list.getByRole('button', { name: /^Rename / })).toBeHidden();
    await expect(list.getByRole('button', { name: /^Delete / })).toBeHidden();
    const more = list.getByRole('button', { name: /^Actions for What is a\/b/ });
    const [t, m, row] = [await title.boundingBox(), await more.boundingBox(), await title.evaluate((el) => el.parentElement!.getBoundingClientRect().width)];
    expect(m!.width).toBeLessThanOrEqual(36);
    expect(t!.width).toBeGreaterThan(row - m!.width - 8);
    await page.screenshot({ path: 'test-results/touch-list.png' });

    // Rename from the actions line.
    await more.tap();
    await expect(more).toHaveAttribute('aria-expanded', 'true');
    const actions = page.locator(`[id="${await more.getAttribute('aria-controls')}"]`);
    const rename = actions.getByRole('button', { name: 'Rename', exact: true });
    const [r] = [await rename.boundingBox()];
    expect(r!.height).toBeGreaterThanOrEqual(32); // a finger-sized target
    await rename.tap();
    const input = page.getByLabel('New title');
    await expect(input).toBeFocused();
    await input.fill('Fractions');
    await page.getByRole('button', { name: 'Save title' }).tap();
    const renamed = list.getByRole('button', { name: 'Fractions', exact: true });
    await expect(renamed).toBeVisible();

    // Delete from the actions line: asked under the title, which stays whole.
    await list.getByRole('button', { name: 'Actions for Fractions' }).tap();
    await list.getByRole('button', { name: 'Delete', exact: true }).tap();
    const question = list.getByRole('group', { name: 'Delete Fractions?' });
    await expect(question).toBeVisible();
    await expect(renamed).toBeVisible();
    await question.getByRole('button', { name: 'Delete', exact: true }).tap();
    await expect(renamed).toHaveCount(0);
    await expect(list).toContainText('No conversations yet.');
  });
});

test.describe('with an on-screen keyboard', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('enterIsANewLineAndSendIsTheButton', async ({ page }) => {
    await registerNewUser(page, 'enter');
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Chat', exact: true }).tap();
    await page.getByLabel('Model', { exact: true }).selectOption('offline-echo');
    const box = page.getByLabel('Message', { exact: true });
    await box.tap();
    await page.keyboard.type('First line');
    await page.keyboard.press('Enter');
    await page.keyboard.type('second line');
    await expect(box).toHaveValue('First line\nsecond line');
    await expect(page.locator('article[data-role="user"]')).toHaveCount(0);
    await page.getByRole('button', { name: 'Send', exact: true }).tap();
    await expect(page.locator('article[data-role="user"]')).toHaveText(/First line\s+second line/);
  });
});

test('aLongUrlOrWordInAMessageWrapsInsideItsBubble', async ({ page }) => {
  await registerNewUser(page, 'wrap');
  await page.getByLabel('Model', { exact: true }).selectOption('offline-echo');
  const url = `https://example.com/${'a-very-long-path-segment/'.repeat(8)}?q=1`;
  const word = 'supercalifragilistic'.repeat(8);
  await sendMessage(page, `Look at ${url} and ${word}`);
  const bubble = page.locator('article[data-role="user"]').last().locator('> div').first();
  const log = page.getByRole('log');
  const [b, l] = [await bubble.boundingBox(), await log.boundingBox()];
  expect(b!.x, 'the bubble starts inside the log').toBeGreaterThanOrEqual(l!.x);
  expect(b!.x + b!.width, 'the bubble ends inside the log').toBeLessThanOrEqual(l!.x + l!.width + 1);
  expect(await bubble.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
  expect(await log.evaluate((el) => el.scrollWidth - el.clientWidth), 'the log does not scroll sideways').toBeLessThanOrEqual(1);
});

test('aGatewayThatDoesNotAnswerAtLoadIsNotShownAsSignedOut', async ({ page }) => {
  // The gateway's answer while user-service is down (SessionGate: 503 session_unavailable), until it is back.
  let down = true;
  await page.route('**/api/auth/me', async (route) => {
    if (!down) return route.continue();
    await route.fulfill({
      status: 503,
      contentType: 'application/problem+json',
      body: JSON.stringify({ type: 'https://aistudio.dev/problems/session_unavailable', status: 503, title: 'Service unavailable', code: 'session_unavailable', detail: 'Signing in cannot be checked right now (user-service is not answering). Try again shortly.' }),
    });
  });
  await page.goto('/');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The studio could not be loaded. Signing in cannot be checked right now.');
  await expect(alert).not.toContainText('user-service');
  await expect(page.getByLabel('Password')).toHaveCount(0);
  // Back up: Try again reads it once more, and with no session the sign-in form shows.
  down = false;
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByLabel('Password')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('onAPhoneTheFieldsAreLargeEnoughThatFocusingThemDoesNotZoomThePage', async ({ page }) => {
  // iOS Safari zooms into any focused field whose text is under 16 px, and leaves the page zoomed.
  await page.setViewportSize({ width: 390, height: 844 });
  await registerNewUser(page, 'zoom');
  const tabs = page.getByRole('navigation', { name: 'Sections' });
  const fontSize = (label: string, exact = true) => page.getByLabel(label, { exact }).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  await tabs.getByRole('button', { name: 'Chat', exact: true }).click();
  expect(await fontSize('Message')).toBeGreaterThanOrEqual(16);
  // The empty box's placeholder fits in it at that size (a long hint was cut off after two lines).
  const box = page.getByLabel('Message', { exact: true });
  expect(await box.evaluate((el) => el.scrollHeight - el.clientHeight)).toBeLessThanOrEqual(1);
  expect(await fontSize('Model')).toBeGreaterThanOrEqual(16);
  await tabs.getByRole('button', { name: 'Chats', exact: true }).click();
  expect(await fontSize('Search conversations')).toBeGreaterThanOrEqual(16);
  await tabs.getByRole('button', { name: 'Images', exact: true }).click();
  expect(await fontSize('Prompt')).toBeGreaterThanOrEqual(16);
  expect(await fontSize('Image model')).toBeGreaterThanOrEqual(16);
  // A desktop keeps the denser 14 px.
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByRole('tab', { name: 'Chat' }).click();
  expect(await fontSize('Message')).toBe(14);
});
