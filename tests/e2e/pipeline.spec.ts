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
  // The lists, then each dataset once, for its image count.
  const datasets = fake.account.datasets.map((d) => `/datasets/${d.dataset_id}`);
  await expect
    .poll(() => fake.paths().sort())
    .toEqual(['/datasets', ...datasets, '/models'].sort());
  for (const request of fake.requests) {
    expect(request.headers['api-key']).toBe(fake.account.apiKey);
  }
});
