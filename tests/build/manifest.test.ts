import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const manifest = (browser: 'chrome' | 'firefox') =>
  JSON.parse(readFileSync(`.output/${browser}-mv3/manifest.json`, 'utf8'));

// Every permission is justified in README.md ("Permissions"). A new one must be added here, on
// purpose, together with its reason there.
describe.each(['chrome', 'firefox'] as const)('the production %s manifest', (browser) => {
  it('asks for exactly the permissions the features need', () => {
    const m = manifest(browser);
    expect(m.manifest_version).toBe(3);
    expect(m.permissions).toEqual([
      'storage',
      'unlimitedStorage',
      'alarms',
      'contextMenus',
      'activeTab',
      'scripting',
      'clipboardWrite',
      // Chrome's worker copies through an offscreen document; Firefox's background page can copy.
      ...(browser === 'chrome' ? ['offscreen'] : []),
    ]);
    expect(m.host_permissions).toEqual(['https://api.ideogram.ai/*']);
    expect(m.optional_permissions).toEqual(['notifications']);
    // Asked for one site at a time, when an image of it is first collected.
    expect(m.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
  });

  it('has the address-bar keyword and the keyboard shortcut', () => {
    const m = manifest(browser);
    expect(m.omnibox).toEqual({ keyword: 'im' });
    expect(m.commands).toEqual({
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+M' },
        description: 'Open Model Watch with the search box ready',
      },
    });
  });

  it('runs nothing in web pages and exposes nothing to them', () => {
    const m = manifest(browser);
    expect(m.content_scripts).toBeUndefined();
    expect(m.web_accessible_resources).toBeUndefined();
    expect(m.externally_connectable).toBeUndefined();
    expect(m.content_security_policy).toBeUndefined();
  });

  it('has the icons at every size', () => {
    expect(Object.keys(manifest(browser).icons)).toEqual(['16', '32', '48', '128']);
  });
});

describe('the Chrome manifest', () => {
  it('asks for the first Chrome that closes storage.local to content scripts', () => {
    expect(manifest('chrome').minimum_chrome_version).toBe('140');
    expect(manifest('firefox').minimum_chrome_version).toBeUndefined();
  });
});

describe('the Firefox manifest', () => {
  it('names its add-on id, declares that the API key leaves the browser, and that collected images may', () => {
    expect(manifest('firefox').browser_specific_settings).toEqual({
      gecko: {
        id: 'ideogram-model-watch@modelwatch',
        strict_min_version: '140.0',
        data_collection_permissions: {
          required: ['authenticationInfo'],
          optional: ['websiteContent'],
        },
      },
      gecko_android: { strict_min_version: '142.0' },
    });
  });
});
