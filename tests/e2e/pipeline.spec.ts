import { expect, sendFromPage, test } from './fixtures';

test('the background calls the routed fake API with the stored key and stores the models', async ({
  extension,
  fake,
}) => {
  await extension.useKey();
  const page = await extension.open('popup.html');
  const reply = await sendFromPage(page, 'refresh', { force: true });
  expect(reply).toEqual({ ok: true, value: { error: null } });

  const { snapshot } = (await extension.storage()) as {
    snapshot: { models: { name: string }[]; datasets: unknown[] };
  };
  const expected = fake.account.models.map((m) => m.name).sort();
  expect(snapshot.models.map((m) => m.name).sort()).toEqual(expected);
  expect(snapshot.datasets).toHaveLength(fake.account.datasets.length);

  const paths = fake.requests.map((r) => r.path).sort();
  expect(paths).toEqual(['/datasets', '/models']);
  for (const request of fake.requests) {
    expect(request.headers['api-key']).toBe(fake.account.apiKey);
  }
});
