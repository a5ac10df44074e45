import { expect, test } from '@playwright/test';
import { registerNewUser, sendMessage } from './helpers';

// The 2D layout (reduced motion) is enough here: this is about the chat's text, not the room.
test.use({ reducedMotion: 'reduce' });

test('mathInAReplyIsTypesetWhileAmountsAndCodeStayText', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname));
  await registerNewUser(page, 'math');
  await page.getByLabel('Model', { exact: true }).selectOption('offline-echo');
  // Until a reply holds math, KaTeX is not fetched.
  expect(scripts.filter((s) => s.includes('mathPlugins'))).toEqual([]);

  // The offline echo quotes the message, so the reply holds the same text.
  const reply = await sendMessage(page, 'Euler: $e^{i\\pi} + 1 = 0$ and \\(a^2+b^2=c^2\\); it costs $5 and $10; run `echo $HOME$` now');
  await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 60_000 });
  await expect(reply.locator('.katex')).toHaveCount(2);
  await expect(reply.locator('.katex annotation').first()).toHaveText('e^{i\\pi} + 1 = 0');
  await expect(reply).toContainText('it costs $5 and $10;');
  await expect(reply.locator('code')).toHaveText('echo $HOME$');
  // Drawn in KaTeX's fonts, laid out (not the raw source in the page's font).
  const font = await reply.locator('.katex-html .mord').first().evaluate((el) => getComputedStyle(el).fontFamily);
  expect(font).toContain('KaTeX');
  expect(scripts.filter((s) => s.includes('mathPlugins'))).toHaveLength(1);
  await page.setViewportSize({ width: 390, height: 844 });
  await reply.scrollIntoViewIfNeeded();
  await reply.screenshot({ path: 'test-results/math-reply-phone.png' });
});
