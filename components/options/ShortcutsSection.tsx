import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';

const ACTION_COMMAND = '_execute_action';

/** Opens the browser's page for extension shortcuts (each browser has its own way there). */
async function openShortcutSettings() {
  const commands = browser.commands as { openShortcutSettings?: () => Promise<void> };
  if (commands.openShortcutSettings) return commands.openShortcutSettings();
  await browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
}

/** The keyboard shortcut, the address-bar keyword and the right-click menu, explained. */
export function ShortcutsSection() {
  const shortcut = useSignal<string | null>(null);
  useEffect(() => {
    void browser.commands.getAll().then((commands) => {
      shortcut.value = commands.find((c) => c.name === ACTION_COMMAND)?.shortcut ?? '';
    });
  }, []);

  return (
    <section class="card" aria-labelledby="shortcuts-heading">
      <h2 id="shortcuts-heading">Copy a model while you browse</h2>
      <dl class="shortcuts">
        <dt>Keyboard</dt>
        <dd>
          {shortcut.value === null ? (
            'Reading the shortcut…'
          ) : shortcut.value === '' ? (
            <>No shortcut is set (another extension may have taken Alt+Shift+M).</>
          ) : (
            <>
              <kbd>{shortcut.value}</kbd> opens Model Watch with the cursor in its search box: type
              a few letters, press Enter, and the best match’s URI is on the clipboard.
            </>
          )}{' '}
          <button type="button" class="button link" onClick={() => void openShortcutSettings()}>
            Change the shortcut
          </button>
        </dd>
        <dt>Address bar</dt>
        <dd>
          Type <kbd>im</kbd>, a space, then part of a model’s name: pick a suggestion to copy its
          URI.
        </dd>
        <dt>Right-click</dt>
        <dd>
          In any text field, <strong>Insert Ideogram model</strong> puts a ready model’s URI at the
          cursor. Pinned and recently used models come first.
        </dd>
      </dl>
    </section>
  );
}
