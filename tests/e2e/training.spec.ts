import { fakeDataset, fakeModel, TEST_KEY } from '../fake-api';
import type { FakeAccount } from '../fake-api';
import type { ExtPage } from './driver/page';
import {
  expect,
  type Extension,
  focused,
  hasAttribute,
  hasText,
  hidden,
  test,
  visible,
  withAccount,
  BOTH_BROWSERS,
} from './fixtures';

// Training seen from inside: each model's phase (from its detail), how long the user's trainings
// usually take and what is left, a word when one takes too long, and a model's own page.

const MIN = 60_000;
const HOUR = 60 * MIN;

/** Finished trainings of these lengths, a model queued, and one training for 70 minutes. */
function account(pastHours: number[]): FakeAccount {
  const now = Date.now();
  const photos = fakeDataset('Brand photos', 24, now);
  const past = pastHours.map((h, i) =>
    fakeModel(
      { name: `Past ${i + 1}`, trainedFor: h * HOUR, createdAgo: (i + 2) * 24 * HOUR },
      now,
    ),
  );
  return {
    apiKey: TEST_KEY,
    datasets: [photos],
    models: [
      ...past,
      fakeModel(
        {
          name: 'Queued one',
          status: 'TRAINING',
          createdAgo: 10 * MIN,
          runs: [
            {
              id: 'run-q',
              phases: [
                { at: now - 10 * MIN, phase: 'PREPARING_DATA' },
                { at: now - 8 * MIN, phase: 'QUEUED' },
              ],
              training_steps: 1000,
              lora_rank: 64,
            },
          ],
        },
        now,
      ),
      fakeModel(
        {
          name: 'Brand v3',
          status: 'TRAINING',
          createdAgo: 70 * MIN,
          datasetId: photos.dataset_id,
          runs: [
            {
              id: 'run-b',
              phases: [
                { at: now - 70 * MIN, phase: 'PREPARING_DATA' },
                { at: now - 66 * MIN, phase: 'QUEUED' },
                { at: now - 60 * MIN, phase: 'TRAINING' },
              ],
              training_steps: 1000,
              lora_rank: 128,
              num_chips: 8,
            },
          ],
        },
        now,
      ),
    ],
  };
}

async function open(extension: Extension): Promise<ExtPage> {
  await extension.useKey();
  // The phases are read right after the lists.
  await expect
    .poll(async () => (await extension.snapshot()).models.filter((m) => m.runsAt).length)
    .toBeGreaterThanOrEqual(2);
  const popup = await extension.open('popup.html');
  await popup.viewport(400, 600);
  await visible(popup.css('[data-model-id]').first());
  return popup;
}

const row = (popup: ExtPage, name: string) =>
  popup.css('[data-model-id]').filter({ hasText: name });

test.describe('with three past trainings of about 2 hours', () => {
  test.use(withAccount(() => account([2, 2, 2])));

  test('rows and the tooltip say each phase, and what is left', async ({ extension }) => {
    const popup = await open(extension);
    await hasText(row(popup, 'Queued one').css('.part.status'), 'Queued');
    await hasText(row(popup, 'Brand v3').css('.part.status'), 'Training');
    await hasText(row(popup, 'Brand v3').css('.part.time'), 'about 50 min left');
    const title = (await extension.badge()).title;
    expect(title).toContain(
      'Brand v3: training for 1 h 10 min, about 50 min left (usually about 2 h)',
    );
    expect(title).toContain('Queued one: queued for 10 min');
    expect((await extension.badge()).text).toBe('2');
  });

  test('a row opens the model’s page: fields, runs, dataset; back returns to the row', async ({
    extension,
  }) => {
    const popup = await open(extension);
    await row(popup, 'Brand v3').css('.name').click();
    const page = popup.css('.model-page');
    await visible(page.role('heading', 'Brand v3'));
    await hasText(page.css('.model-status'), 'about 50 min left (usually about 2 h)');
    const runs = page.role('list', 'Training runs of Brand v3');
    await hasText(runs, 'Training');
    await hasText(runs, '1,000 steps · LoRA rank 128 · 8 chips');
    await hasText(page.css('.facts'), 'Brand photos');
    // Still training: no URI is offered, and the page says why.
    await hasText(page.css('.facts'), 'No URI yet: the model is still training.');
    await hidden(page.role('button', 'Copy URI'));
    await page.role('button', 'Copy ID').click();
    const id = (await extension.snapshot()).models.find((m) => m.name === 'Brand v3')!.id;
    await expect.poll(() => extension.clipboard()).toBe(id);

    // Back (Escape too) returns to the list, on the row that was opened.
    await popup.press('Escape');
    await hidden(page);
    await focused(row(popup, 'Brand v3'));
    // → on a row opens its page as well; the button goes back.
    await popup.press('ArrowRight');
    await visible(page.role('heading', 'Brand v3'));
    await page.role('button', '← All models').click();
    await focused(row(popup, 'Brand v3'));
  });
});

test.describe('with past trainings of half an hour', () => {
  test.use(withAccount(() => account([0.5, 0.5, 0.5])));

  test('a training past twice its usual time says so, with a link to Ideogram’s status', async ({
    extension,
  }) => {
    const popup = await open(extension);
    const stuck = row(popup, 'Brand v3').role('link', 'Taking longer than usual');
    await hasAttribute(stuck, 'href', /^https:\/\/status\.ideogram\.ai/);
    expect((await extension.badge()).title).toContain(
      'Brand v3: training for 1 h 10 min: taking longer than usual (usually about 30 min)',
    );
    // The queued one, ten minutes in, is fine.
    await hasText(row(popup, 'Queued one').css('.details'), 'Queued');
    expect(await row(popup, 'Queued one').css('.part.stuck').count()).toBe(0);
  });
});

test.describe('with no history', () => {
  test.use(withAccount(() => account([])));

  test('no estimate is guessed', async ({ extension }) => {
    const popup = await open(extension);
    await hasText(row(popup, 'Brand v3').css('.part.time'), 'for 1 h 10 min');
    expect((await extension.badge()).title).toMatch(/^Brand v3: training for 1 h 10 min$/m);
  });
});

test.describe('a training whose run failed while the lists still say TRAINING', () => {
  test.use(
    withAccount(() => {
      const now = Date.now();
      const failing = fakeModel(
        {
          name: 'Brand v4',
          status: 'TRAINING',
          createdAgo: 90 * MIN,
          runs: [
            {
              id: 'run-f',
              phases: [
                { at: now - 90 * MIN, phase: 'PREPARING_DATA' },
                { at: now - 85 * MIN, phase: 'TRAINING' },
                { at: now - 20 * MIN, phase: 'FAILED' },
              ],
              training_steps: 1000,
            },
          ],
        },
        now,
      );
      const training = fakeModel(
        { name: 'Still training', status: 'TRAINING', createdAgo: 10 * MIN },
        now,
      );
      return { apiKey: TEST_KEY, datasets: [], models: [failing, training] };
    }),
  );

  test(
    'is shown as failed, with its run, and not counted',
    BOTH_BROWSERS,
    async ({ extension }) => {
      const popup = await open(extension);
      await hasText(row(popup, 'Brand v4').css('.part.status'), 'Training failed');
      await hasText(row(popup, 'Brand v4').css('.part.time'), 'failed 20 min ago');
      expect((await extension.badge()).text).toBe('1');
      expect((await extension.badge()).title).not.toContain('Brand v4');
      await row(popup, 'Brand v4').css('.name').click();
      const runs = popup.css('.model-page').role('list', 'Training runs of Brand v4');
      await hasText(runs, 'Failed');
    },
  );
});
