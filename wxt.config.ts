import type { Plugin } from 'vite';
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
    // The popup's first paint waits on its script, which has a size budget
    // (tests/build/budgets.test.ts): its lazily loaded parts are imported without Vite's helper.
    // (webextension-polyfill stays, in the popup as everywhere: it is the project's chosen stack.)
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.some((entrypoint) => entrypoint.type === 'popup')) return;
      config.plugins = [...(config.plugins ?? []), plainDynamicImports()];
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
    // The first Chrome that closes storage.local to content scripts (setAccessLevel on the local
    // area); every other API and language feature used is older (README, "Supported browsers").
    ...(browser !== 'firefox' && { minimum_chrome_version: '140' }),
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

const PRELOAD_HELPER = '\0vite/preload-helper.js';

/**
 * Vite wraps every `import()` in a helper (0.7 KB gzip) that fetches the chunk's dependencies
 * alongside it: its styles, and the chunks it imports. The popup's lazily loaded parts
 * (components/lazy.tsx) import the page's own chunk, already there, or a small shared one the
 * browser fetches as it reads the import, all after the first paint: the bare `import()` does.
 * Only styles would be lost, and the build refuses them: the popup's styles are all in its page.
 */
function plainDynamicImports(): Plugin {
  return {
    name: 'model-watch:plain-dynamic-imports',
    enforce: 'pre',
    load: (id) => (id === PRELOAD_HELPER ? 'export const __vitePreload = (load) => load();' : null),
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && !chunk.isEntry && chunk.viteMetadata?.importedCss.size) {
          this.error(
            `${chunk.fileName} imports styles: put them in the page's CSS (see plainDynamicImports).`,
          );
        }
      }
    },
  };
}
