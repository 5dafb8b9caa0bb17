import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { idOf, settle, startTestBackground, startWithKey } from '../../tests/background-harness';
import { fakeModel } from '../../tests/fake-api';
import { testModel } from '../../tests/models';
import { buildInsertMenu, MENU_PARENT, MENU_SETUP } from './insert-menu';
import { describe as describeModel, matchIn, omniboxSuggestions } from './omnibox';

describe('the address bar (keyword "im")', () => {
  it('suggests matching models from the snapshot, with no call per keystroke', async () => {
    const env = await startWithKey();
    const suggestions = await env.typeInAddressBar('bra');
    expect(suggestions.map((s) => s.content)).toEqual([
      'model/brand-v1/version/1',
      idOf(env, 'Brand v2'),
    ]);
    expect(suggestions[0]!.description).toBe(
      '<match>Bra</match>nd v1 <dim>· Completed ·</dim> <url>model/brand-v1/version/1</url>',
    );
    expect(suggestions[1]!.description).toMatch(/Training.*\(ID: no URI yet\)/);
    await env.typeInAddressBar('bran');
    await env.typeInAddressBar('brand');
    expect(env.fake.requests).toHaveLength(0);
    expect(env.omnibox.defaultSuggestion).toBe(
      'Enter copies the URI of the best match for “brand”',
    );
  });

  it('escapes names for Chrome’s markup', async () => {
    const env = await startWithKey();
    const [hostile] = await env.typeInAddressBar('onerror');
    expect(hostile!.description).toContain('&lt;img src=x <match>onerror</match>=alert(1)&gt;');
    expect(hostile!.description).not.toContain('<img');
  });

  it.each([
    ['a control character', 'Bad\u0001name', 'Badname'],
    ['a form feed and a vertical tab', 'a\u000cb\u000bc', 'abc'],
    ['U+FFFE and U+FFFF', 'x\ufffey\uffff', 'xy'],
    ['a lone high surrogate', 'lone \ud83d here', 'lone  here'],
    ['a lone low surrogate', 'lone \ude00 here', 'lone  here'],
  ])('leaves out what XML forbids: %s', (_, name, shown) => {
    const model = testModel({ name, available: true, uri: 'model/a/version/1' });
    const description = describeModel(model, '', true);
    expect(description.startsWith(`${shown} <dim>`)).toBe(true);
    // Tab, line breaks and paired surrogates (emoji) are allowed and kept.
    const kept = testModel({ name: 'tab\there 😀', available: true, uri: 'model/a/version/1' });
    expect(describeModel(kept, '', true)).toContain('tab\there 😀');
  });

  it.each([
    // Lower-casing İ gives two characters: a match after it is found in the name's own letters.
    ['İstanbul look', 'look', 'İstanbul <match>look</match>'],
    ['İstanbul look', 'i̇stan', '<match>İstan</match>bul look'],
    ['Café ÉTÉ', 'été', 'Café <match>ÉTÉ</match>'],
    ['😀 Emoji set', 'emoji', '😀 <match>Emoji</match> set'],
    ['Straße', 'STRASSE', 'Straße'],
  ])('highlights %s matching “%s” on the name’s own letters', (name, query, shown) => {
    const model = testModel({ name, available: true, uri: 'model/a/version/1' });
    expect(describeModel(model, query, true)).toBe(
      `${shown} <dim>· Completed ·</dim> <url>model/a/version/1</url>`,
    );
  });

  it('finds no match for an empty query', () => {
    expect(matchIn('Brand', '  ')).toBeNull();
  });

  it('gives plain text where markup is not understood (Firefox)', () => {
    const model = testModel({ name: 'A & <B>', available: true, uri: 'model/a/version/1' });
    expect(describeModel(model, 'a', false)).toBe('A & <B> · Completed · model/a/version/1');
    expect(omniboxSuggestions('', [model], { pins: [], recents: [] }, true)[0]!.description).toBe(
      'A &amp; &lt;B&gt; <dim>· Completed ·</dim> <url>model/a/version/1</url>',
    );
  });

  it('copies the chosen model’s URI on Enter, remembers it, and confirms', async () => {
    const env = await startWithKey();
    await env.enterInAddressBar('model/brand-v1/version/1');
    expect(env.clipboard.text).toBe('model/brand-v1/version/1');
    expect((await env.storage()).recents).toEqual([idOf(env, 'Brand v1')]);
    const badge = await env.badge();
    expect(badge.text).toBe('✓');
    expect(badge.title).toMatch(/Copied the URI of Brand v1/);
  });

  it('copies the best match for what was typed, and its ID when it has no URI', async () => {
    const env = await startWithKey();
    await env.enableNotifications();
    await env.enterInAddressBar('brand v2');
    expect(env.clipboard.text).toBe(idOf(env, 'Brand v2'));
    expect(env.notifications()['model-watch-feedback']).toMatchObject({
      title: 'Copied the ID of Brand v2',
      message: expect.stringMatching(/has no URI yet/),
    });
  });

  it('says so in one line without a key, and opens the options on Enter', async () => {
    const env = await startTestBackground();
    expect(await env.typeInAddressBar('brand')).toEqual([]);
    expect(env.omnibox.defaultSuggestion).toBe(
      'Model Watch is not set up: press Enter to open its options',
    );
    await env.enterInAddressBar('brand');
    expect(env.calls.openOptionsPage).toBe(1);
    expect(env.clipboard.text).toBe('');
  });
});

describe('the right-click menu', () => {
  it('offers the ready models, pinned first, and follows the snapshot', async () => {
    const env = await startWithKey();
    const titles = () => env.menu.filter((i) => i.parentId === MENU_PARENT).map((i) => i.title);
    expect(env.menu[0]).toMatchObject({ id: MENU_PARENT, title: 'Insert Ideogram model' });
    expect(titles().sort()).toEqual([
      '<img src=x onerror=alert(1)>',
      'Brand v1',
      'Team mascot',
      'Unregistered (no URI: inserts its ID)',
    ]);

    await fakeBrowser.storage.local.set({ pins: [idOf(env, 'Team mascot')] });
    await settle();
    expect(titles()[0]).toBe('★ Team mascot');

    env.fake.setStatus(idOf(env, 'Brand v2'), 'COMPLETED', { uri: 'model/brand-v2/version/1' });
    await env.fireAlarm();
    expect(titles()).toContain('Brand v2');
  });

  it('inserts the URI into the field right-clicked, in its frame, and remembers it', async () => {
    const env = await startWithKey();
    const id = idOf(env, 'Brand v1');
    await env.clickMenu(`insert:${id}`, 42, 3);
    expect(env.scripting.injected).toEqual([
      { tabId: 42, frameIds: [3], args: ['model/brand-v1/version/1'] },
    ]);
    expect((await env.storage()).recents).toEqual([id]);
  });

  it('inserts the ID of a model without a URI, and says so', async () => {
    const env = await startWithKey();
    await env.enableNotifications();
    const id = idOf(env, 'Unregistered');
    await env.clickMenu(`insert:${id}`);
    expect(env.scripting.injected[0]!.args).toEqual([id]);
    expect(env.notifications()['model-watch-feedback']).toMatchObject({
      title: 'Inserted the ID of Unregistered',
    });
  });

  it('explains a page that forbids scripting, and throws nothing', async () => {
    const env = await startWithKey();
    await env.enableNotifications();
    env.scripting.answer = () => {
      throw new Error('Cannot access a chrome:// URL');
    };
    await env.clickMenu(`insert:${idOf(env, 'Brand v1')}`);
    expect(env.notifications()['model-watch-feedback']).toMatchObject({
      title: 'Model Watch cannot insert here',
      message: expect.stringMatching(/does not let extensions in/),
    });
    expect((await env.storage()).recents ?? []).toEqual([]);
  });

  it('says when nothing editable has the focus', async () => {
    const env = await startWithKey();
    env.scripting.answer = () => 'no-field';
    await env.clickMenu(`insert:${idOf(env, 'Brand v1')}`);
    expect((await env.badge()).title).toMatch(/No text field to insert into/);
  });

  it('offers the options page without a key, in one line', async () => {
    const env = await startTestBackground();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    await settle();
    expect(env.menu.filter((i) => i.parentId === MENU_PARENT)).toEqual([
      expect.objectContaining({
        id: MENU_SETUP,
        title: 'Model Watch is not set up: open its options…',
      }),
    ]);
    await env.clickMenu(MENU_SETUP);
    expect(env.calls.openOptionsPage).toBe(2);
  });

  it.each([
    ['no key', 'none' as const, [], 'Model Watch is not set up: open its options…'],
    ['an empty account', 'key' as const, [], 'No models yet: open Model Watch’s options…'],
    [
      'nothing ready',
      'key' as const,
      [{ ...fakeModelAsModel('Training'), status: 'TRAINING', available: false }],
      'No model is ready to use yet',
    ],
  ])('with %s it says so in one line', (_, connection, models, title) => {
    const entries = buildInsertMenu(connection, models, { pins: [], recents: [] });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.title).toBe(title);
  });

  it('keeps menu titles literal (& and %s are special in menus)', () => {
    const [entry] = buildInsertMenu(
      'key',
      [{ ...fakeModelAsModel('R&D %s'), uri: 'model/x/version/1' }],
      { pins: [], recents: [] },
    );
    expect(entry!.title).toBe('R&&D % s');
  });
});

function fakeModelAsModel(name: string) {
  return testModel({ id: fakeModel({ name }).model_id, name, available: true });
}
