import { writeFileSync } from 'node:fs';
import { expect, resultFile, test } from './fixtures';
import { summarize } from './stats';

// From waking a stopped service worker to its badge being on the toolbar again: what a user sees
// after the browser stopped the idle worker (and, on a browser start, after it forgot the badge).

const RUNS = 10;

test('service worker wake to badge applied', async ({ extension }) => {
  test.setTimeout(120_000);
  await extension.useKey();
  await expect.poll(async () => (await extension.badge()).text).toBe('2');
  const page = await extension.open('bench-empty.html');
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // The browser forgets the badge on restart: start from an empty one, with the worker stopped.
    await page.evaluate(() => chrome.action.setBadgeText({ text: '' }));
    await extension.stopBackground();
    const ms = await page.evaluate(async () => {
      const start = performance.now();
      // Any message wakes the worker; this one is not its protocol, so it gets no answer.
      void chrome.runtime.sendMessage({ wake: true }).catch(() => {});
      while ((await chrome.action.getBadgeText({})) !== '2') {
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      return performance.now() - start;
    });
    times.push(ms);
  }
  writeFileSync(
    resultFile('worker'),
    `${JSON.stringify({ wakeToBadge: summarize(times) }, null, 2)}\n`,
  );
});
