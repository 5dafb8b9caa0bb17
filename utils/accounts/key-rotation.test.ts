import { describe, expect, it } from 'vitest';
import { idOf, settle, startTestBackground } from '../../tests/background-harness';
import { TEST_KEY } from '../../tests/fake-api';

// A key replaced on Ideogram (rotated, or revoked and made anew): what finished while the old
// key was refused is announced once the new one is saved, like any finish.

const MIN = 60_000;
const NEW_KEY = 'rotated-key-0123456789abcdef';

describe('a key rotated while a model trains', () => {
  it('announces the finish that came while the old key was refused', async () => {
    const env = await startTestBackground();
    await env.enableNotifications();
    await env.ask('saveKey', { key: TEST_KEY, check: true });
    await settle();
    const accountId = await env.accountId();
    const brand = idOf(env, 'Brand v2');
    // The old key stops working, and the badge says so at the next check.
    env.fake.revokeKey();
    env.advance(MIN);
    await env.fireAlarm();
    expect((await env.badge()).text).toBe('KEY');
    // Meanwhile the model finishes.
    env.advance(10 * MIN);
    env.fake.setStatus(brand, 'COMPLETED', { uri: 'model/brand-v2/version/1' });
    // The person pastes the new key over the old one.
    env.fake.account.apiKey = NEW_KEY;
    const saved = await env.ask('saveKey', { key: NEW_KEY, check: true, accountId });
    expect(saved.saved).toBe(true);
    await settle();
    await env.fireAlarm();
    await settle();
    expect(env.notifications()[`model:${brand}`]?.title).toBe('Brand v2 finished training');
    expect((await env.snapshot()).models.find((m) => m.id === brand)?.status).toBe('COMPLETED');
    // Once: later checks say nothing more.
    await env.clearNotification(`model:${brand}`);
    env.advance(5 * MIN);
    await env.fireAlarm();
    expect(env.notifications()[`model:${brand}`]).toBeUndefined();
  });
});
