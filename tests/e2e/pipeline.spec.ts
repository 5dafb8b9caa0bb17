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
  expect(fake.paths().sort()).toEqual(['/datasets', '/models']);
  for (const request of fake.requests) {
    expect(request.headers['api-key']).toBe(fake.account.apiKey);
  }
});
