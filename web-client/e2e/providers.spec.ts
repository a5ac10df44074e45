import { expect, test, type Page } from '@playwright/test';
import { registerNewUser, sendMessage, SHOTS } from './helpers';

// The studio under test talks to e2e/stub-provider.mjs (scripts/test.sh starts it): an OpenAI-compatible server whose
// models answer a reply, 401, 429 with Retry-After 7, or 503; and a HuggingFace path answering 401 for images.

test.describe.configure({ mode: 'serial' });

let page: Page;
test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  await registerNewUser(page, 'prov');
});
test.afterAll(async () => {
  await page.close();
});

async function sendWith(model: string, text: string) {
  await page.getByLabel('Model', { exact: true }).selectOption(model);
  return sendMessage(page, text);
}

test('theStubProvidersModelsAreListedAndOneStreamsAReply', async () => {
  const picker = page.getByLabel('Model', { exact: true });
  // chat-service lists the provider's /v1/models (cached a minute); right after start-up the first listing may be late.
  await expect
    .poll(
      async () => {
        if ((await picker.locator('option[value="stub-chat"]').count()) === 0) await page.reload();
        return picker.locator('option[value="stub-chat"]').count();
      },
      { timeout: 150_000, intervals: [2000, 5000, 10000] },
    )
    .toBe(1);
  await expect(picker.locator('optgroup[label="openai"] > option[value="stub-chat"]')).toHaveAttribute('title', /openai/);
  const reply = await sendWith('stub-chat', 'Hello, stub');
  await expect(reply).toHaveAttribute('data-status', 'complete');
  await expect(reply).toContainText('Hello from the stub provider.');
  await expect(reply).toContainText('chunk by chunk.');
});

test('aRejectedTokenIsShownInPlainWords', async () => {
  const reply = await sendWith('stub-rejects-token', 'Will the token pass?');
  await expect(reply).toHaveAttribute('data-status', 'failed');
  await expect(reply.getByTestId('reply-error')).toHaveText(/refused the access token\. Check HF_TOKEN or STUDIO_OPENAI_API_KEY/);
});

test('rateLimitingSaysWhenToTryAgain', async () => {
  const reply = await sendWith('stub-rate-limited', 'Too fast?');
  await expect(reply).toHaveAttribute('data-status', 'failed');
  await expect(reply.getByTestId('reply-error')).toHaveText('The model provider is rate limiting requests. Try again in 7 s.');
});

test('aProviderThatIsDownIsShownInPlainWords', async () => {
  const reply = await sendWith('stub-down', 'Anyone there?');
  await expect(reply).toHaveAttribute('data-status', 'failed');
  await expect(reply.getByTestId('reply-error')).toHaveText(/down or unreachable right now/);
  // The failure stays with the reply after a reload (the server keeps the problem).
  await page.reload();
  await expect(page.locator('article[data-role="assistant"]').last().getByTestId('reply-error')).toHaveText(/down or unreachable/);
  await page.screenshot({ path: `${SHOTS}/provider-errors.png` });
});

test('anImageJobTheProviderRefusesShowsWhy', async () => {
  await page.getByRole('tab', { name: 'Images' }).click();
  await page.getByLabel('Image model').selectOption('black-forest-labs/FLUX.1-schnell');
  await page.getByLabel('Prompt', { exact: true }).fill('a lighthouse the provider will refuse');
  await page.getByRole('button', { name: 'Generate image' }).click();
  const item = page.getByRole('list', { name: 'Images' }).getByRole('listitem').first();
  await expect(item).toHaveAttribute('data-status', 'failed', { timeout: 60_000 });
  await expect(item.getByTestId('job-error')).toHaveText(/refused the access token/);
});
