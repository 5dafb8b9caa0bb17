import { expect, test } from './fixtures';

test('the background, woken by a stored key, calls the fake API with it and stores the models', async ({
  extension,
  fake,
}) => {
  await extension.useKey();
  const stored = async () => (await extension.snapshot()).models;
  await expect.poll(async () => (await stored()).length).toBe(fake.account.models.length);

  const names = (await stored()).map((m) => m.name).sort();
  expect(names).toEqual(fake.account.models.map((m) => m.name).sort());
  // The lists, then each dataset once (its image count), each model in training once (its
  // phase) and the finished ones once (how long their trainings took).
  const datasets = fake.account.datasets.map((d) => `/datasets/${d.dataset_id}`);
  const details = fake.account.models
    .filter(
      (m) => m.is_owned && !['DRAFT', 'ERRORED', 'ARCHIVED'].includes(m.timeline.at(-1)!.status),
    )
    .map((m) => `/models/${m.model_id}`);
  await expect
    .poll(() => fake.paths().sort())
    .toEqual(['/datasets', ...datasets, '/models', ...details].sort());
  for (const request of fake.requests) {
    expect(request.headers['api-key']).toBe(fake.account.apiKey);
  }
});
