import { expect, test } from '@playwright/test';
import { PASSWORD, registerNewUser, sendMessage } from './helpers';

// The 2D layout (reduced motion): this is about the sign-in form and the conversation list, not the room.
test.use({ reducedMotion: 'reduce' });

test('theListShowsANewConversationAsItsReplyBeginsAndATitleHasTheWholeRowUntilPointedAt', async ({ page }) => {
  await page.goto('/register');
  // Typing starts in the username without a click.
  await expect(page.getByLabel('Username')).toBeFocused();
  await page.keyboard.type(`list${Date.now().toString(36)}`);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.getByLabel('Model', { exact: true }).selectOption('offline-echo');

  // A long first message; the offline echo is slow (scripts/test.sh: a word every 0.3 s), so the reply is still being
  // written when the list must already name the conversation.
  const words = Array.from({ length: 30 }, (_, i) => `w${i}`).join(' ');
  await page.getByLabel('Message', { exact: true }).fill(`A rather long first question about lighthouses ${words}`);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const list = page.getByRole('list', { name: 'Conversation list' });
  const reply = page.locator('article[data-role="assistant"]').last();
  await expect(list).toContainText('A rather long first question');
  await expect(reply).toHaveAttribute('data-status', 'streaming');

  // Not pointed at: no buttons over the title, which has the row's width; pointed at, rename and delete show.
  const title = list.getByRole('button', { name: /^A rather long first question/ });
  const rename = list.getByRole('button', { name: /^Rename / });
  await page.mouse.move(700, 450);
  await expect(rename).toBeHidden();
  const row = await title.evaluate((el) => ({ title: el.getBoundingClientRect().width, row: el.parentElement!.getBoundingClientRect().width }));
  expect(row.title).toBeGreaterThan(row.row - 2);
  await title.hover();
  await expect(rename).toBeVisible();
  await expect(list.getByRole('button', { name: /^Delete / })).toBeVisible();
  // The title's text ends (in "…") before the buttons instead of running on under them.
  const textEnd = await title.evaluate((el) => el.getBoundingClientRect().right - parseFloat(getComputedStyle(el).paddingRight));
  expect(textEnd).toBeLessThanOrEqual((await rename.boundingBox())!.x + 1);
  // From the keyboard: Tab from the title reaches rename.
  await page.mouse.move(700, 450);
  await title.focus();
  await page.keyboard.press('Tab');
  await expect(rename).toBeFocused();
  await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 90_000 });
});

test('theFirstTabStopSkipsToTheMessageBoxOnADesktopAndOnAPhone', async ({ page }) => {
  await registerNewUser(page, 'skip');
  for (const [width, height] of [[1440, 900], [390, 844]]) {
    await page.setViewportSize({ width, height });
    // As the page opens: Tab starts from the top of the document.
    await page.reload();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to the message box' });
    await expect(skip).toBeFocused();
    const box = await skip.boundingBox();
    expect(box && box.width > 20 && box.height > 10, `${width}: the link shows when focused`).toBe(true);
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Message', { exact: true })).toBeFocused();
    // On a phone, from another tab: the Chat tab opens and the cursor is in its message box.
    if (width < 1024) {
      await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Images' }).click();
      await skip.focus();
      await page.keyboard.press('Enter');
      await expect(page.getByLabel('Message', { exact: true })).toBeFocused();
    }
  }
});

test('aFinishedReplysActionsStayInViewAtTheEndOfThePhonesLog', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await registerNewUser(page, 'end');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Chat', exact: true }).click();
  await page.getByLabel('Model', { exact: true }).selectOption('offline-echo');
  // A message of many lines fills the log, so the reply ends below its fold; the reply holds math, typeset late.
  const lines = Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n');
  const reply = await sendMessage(page, `$x^2$ first\n${lines}`);
  await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 90_000 });
  await expect(reply.locator('.katex')).toHaveCount(1);
  // The footer and Regenerate, added when the reply ended, are in view: the log followed them.
  const log = page.getByRole('log');
  await expect
    .poll(() => log.evaluate((el) => Math.round(el.scrollHeight - el.scrollTop - el.clientHeight)))
    .toBeLessThan(4);
  const regenerate = reply.getByRole('button', { name: /Regenerate/ });
  const [r, l] = [await regenerate.boundingBox(), await log.boundingBox()];
  expect(r && l && r.y >= l.y && r.y + r.height <= l.y + l.height, `Regenerate ${JSON.stringify(r)} inside the log ${JSON.stringify(l)}`).toBe(true);
});
