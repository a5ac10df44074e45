import { expect, test } from '@playwright/test';
import { registerNewUser, roomLayoutProblems } from './helpers';

// The models' placards never cover each other, another model's plinth or object, a picture or a panel: on desktop
// windows from 1280 to 1920 px wide and on a phone (roomLayoutProblems compares their rectangles on the page).
test('placardsClearEveryOtherModelFrom1280To1920PxAndOnAPhone', async ({ page }) => {
  await registerNewUser(page, 'labels');
  for (const [width, height] of [[1280, 800], [1440, 900], [1600, 900], [1920, 1080], [390, 844]]) {
    await page.setViewportSize({ width, height });
    await expect.poll(() => page.evaluate(() => (window as any).__studioRoom?.layout().models.length ?? 0), { timeout: 120_000 }).toBeGreaterThan(1);
    await expect.poll(() => roomLayoutProblems(page), { message: `${width}x${height}`, timeout: 60_000 }).toEqual([]);
    // Placards placed where the probe says: each sits on screen under or on its own model.
    const placards = await page.locator('[data-placard]').count();
    expect(placards, `${width}x${height}`).toBeGreaterThan(0);
    if (width === 1440) await page.screenshot({ path: 'test-results/room-placards-1440.png' });
  }
});
