import { defineConfig, type EntrypointGroup } from 'wxt';
// The one origin the extension talks to, and the API key's only destination: the client's.
import { API_BASE_URL } from './utils/api/client';

// Every permission here is justified in README.md ("Permissions"); tests/manifest.test.ts
// pins the list so that a new one cannot slip in unnoticed.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports read better than auto-imports, and keep test and build alike.
  imports: false,
  manifestVersion: 3,
  // A second build elsewhere (the size-budget test's analysis) must not touch the tested one.
  outDir: process.env.MODEL_WATCH_OUT_DIR || '.output',
  hooks: {
    // WXT builds all HTML pages in one step, so code they share is split into chunks: the popup
    // loaded five scripts, and each extra module file costs an extension page about 3.5 ms before
    // its first paint (a page importing four empty preloaded modules against one with none, in
    // headless Chromium). Built one by one, each page is one script.
    'entrypoints:grouped': (_wxt, groups) => {
      const onePagePerGroup = groups.flatMap((group): EntrypointGroup[] =>
        Array.isArray(group) ? group.map((page) => [page]) : [group],
      );
      groups.splice(0, groups.length, ...onePagePerGroup);
    },
  },
  // Extension pages in every supported browser preload modules natively; Vite's polyfill for it
  // is dead code.
  vite: () => ({ build: { modulePreload: { polyfill: false } } }),
  analysis: { outputFile: process.env.MODEL_WATCH_STATS || 'stats.html', keepArtifacts: true },
  manifest: ({ browser }) => ({
    name: 'Model Watch for Ideogram',
    short_name: 'Model Watch',
    description:
      'Watch your Ideogram custom models train: a toolbar badge of models in training, status filters, one-click copy of model IDs and URIs.',
    permissions: [
      'storage',
      // The API has no pagination: an account with 25,000 models stores about 6 MB of lists, and
      // Chrome caps storage.local at 10 MB without this (it shows no warning at install).
      'unlimitedStorage',
      'alarms',
      'contextMenus',
      'activeTab',
      'scripting',
      // Copying from the address bar, where no click grants the clipboard: Chrome's worker has no
      // clipboard and copies through an offscreen document; Firefox's background page copies itself.
      'clipboardWrite',
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    // Asked for only when the user turns notifications on in the options page.
    optional_permissions: ['notifications'],
    omnibox: { keyword: 'im' },
    commands: {
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+M' },
        description: 'Open Model Watch with the search box ready',
      },
    },
    host_permissions: [`${API_BASE_URL}/*`],
    // Right-click "Add image to Ideogram dataset" fetches the image from its site: access to that
    // one site is asked for the first time an image of it is collected, never at install.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    action: { default_title: 'Model Watch for Ideogram' },
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'ideogram-model-watch@modelwatch',
          // The first Firefox versions with the built-in data consent below.
          strict_min_version: '140.0',
          // The API key (authentication information) leaves the browser, to api.ideogram.ai only.
          // Images collected from pages (website content) go to Ideogram when a dataset is
          // uploaded: optional, asked with the site's access the first time one is collected.
          data_collection_permissions: {
            required: ['authenticationInfo'],
            optional: ['websiteContent'],
          },
        },
        gecko_android: { strict_min_version: '142.0' },
      },
    }),
  }),
  zip: {
    artifactTemplate: '{{name}}-{{version}}-{{browser}}.zip',
    sourcesTemplate: '{{name}}-{{version}}-sources.zip',
    excludeSources: ['bench/**', 'test-results/**', 'playwright-report/**'],
  },
});
