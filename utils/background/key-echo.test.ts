import { describe, expect, it } from 'vitest';
import { settle, startTestBackground, type TestBackground } from '../../tests/background-harness';
import { fakeModel, standardAccount, TEST_KEY } from '../../tests/fake-api';
import { maskedKey } from '../api/redact';

// A server whose words carry keys (a gateway echoing the request) never gets one into storage,
// the toolbar, a notification, the address bar or a page's answer: each is shown as ····+4.

const SECOND_KEY = 'second-account-key-QRSTUV5555';

/** Everything but the one item allowed to hold keys, in every area and surface, as text. */
async function everywhere(env: TestBackground): Promise<string> {
  const local = await env.storage('local');
  delete local.apiKeys;
  return JSON.stringify([
    local,
    await env.storage('session'),
    await env.storage('sync'),
    await env.badge(),
    env.notifications(),
    await env.typeInAddressBar('echo'),
  ]);
}

async function twoAccounts() {
  const second = standardAccount(SECOND_KEY);
  const env = await startTestBackground({ otherAccounts: [second] });
  await env.ask('saveKey', { key: TEST_KEY, check: true });
  await env.ask('saveKey', { key: SECOND_KEY, check: true });
  await settle();
  return { env, second };
}

describe('keys in what a server says', () => {
  it('a model name carrying both saved keys is stored, announced and suggested with them hidden', async () => {
    const { env } = await twoAccounts();
    await env.enableNotifications();
    const name = `Echo ${TEST_KEY} ${SECOND_KEY}`;
    const echo = fakeModel({ name, status: 'TRAINING', createdAgo: 10 * 60_000 });
    env.fake.addModel(echo);
    await env.fireAlarm();
    env.fake.setStatus(echo.model_id, 'COMPLETED', { uri: 'model/echo/version/1' });
    await env.fireAlarm();

    const text = await everywhere(env);
    expect(text).not.toContain(TEST_KEY);
    expect(text).not.toContain(SECOND_KEY);
    const shown = `Echo ${maskedKey(TEST_KEY)} ${maskedKey(SECOND_KEY)}`;
    expect(Object.values(env.notifications()).map((n) => n.title)).toEqual([
      expect.stringContaining(`${shown} finished training`),
    ]);
    expect((await env.snapshot()).models.map((m) => m.name)).toContain(shown);
  });

  it('a refusal echoing the key is stored hidden, and nothing shows the key', async () => {
    const { env } = await twoAccounts();
    env.fake.setFault({ type: 'status', status: 400, body: { detail: `bad key ${TEST_KEY}` } });
    await env.ask('refresh', { force: true });
    await settle();
    expect((await env.snapshot()).error?.message).toContain(`bad key ${maskedKey(TEST_KEY)}`);
    const text = await everywhere(env);
    expect(text).not.toContain(TEST_KEY);
    expect(text).not.toContain(SECOND_KEY);
  });

  it('a page’s answers (a dataset’s detail, a write’s refusal) carry no key', async () => {
    const { env } = await twoAccounts();
    const accountId = await env.accountId();
    const [dataset] = env.fake.account.datasets;
    dataset!.files[0] = { file_name: 'a.png', file_size_bytes: 10, caption: `by ${SECOND_KEY}` };
    const detail = await env.ask('getDataset', { accountId, id: dataset!.dataset_id });
    expect(detail.files[0]?.caption).toBe(`by ${maskedKey(SECOND_KEY)}`);
    env.fake.failNext({ type: 'status', status: 400, body: { detail: `no: ${TEST_KEY}` } });
    const refused = await env.send('createDataset', { accountId, name: 'New set' });
    expect(JSON.stringify(refused)).toContain(`no: ${maskedKey(TEST_KEY)}`);
    expect(JSON.stringify(refused)).not.toContain(TEST_KEY);
  });

  it('the key being checked is hidden in the check’s answer, and so are the saved ones', async () => {
    const { env, second } = await twoAccounts();
    const NEW_KEY = 'brand-new-key-ABCDEFGH1234';
    second.apiKey = NEW_KEY;
    env.fakes[1]!.failNext({
      type: 'status',
      status: 400,
      body: { detail: `bad ${NEW_KEY}, was ${TEST_KEY}` },
    });
    const result = await env.ask('saveKey', { key: NEW_KEY, check: true });
    expect(JSON.stringify(result)).toContain(
      `bad ${maskedKey(NEW_KEY)}, was ${maskedKey(TEST_KEY)}`,
    );
    expect(JSON.stringify(result)).not.toContain(NEW_KEY);
    expect(JSON.stringify(result)).not.toContain(TEST_KEY);
  });
});
