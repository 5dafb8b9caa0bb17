import { AccountsSection } from './AccountsSection';
import { HostAccessNotice } from './HostAccessNotice';
import { optionsState } from './model';
import { PinHint } from './PinHint';
import { SettingsSection } from './SettingsSection';
import { ShortcutsSection } from './ShortcutsSection';
import { SitesSection } from './SitesSection';

export function OptionsApp() {
  const sample = optionsState.mode.value === 'sample';
  return (
    <main class="options">
      <header class="page-header">
        <img src="/icon/48.png" width={40} height={40} alt="" />
        <div>
          <h1>Model Watch for Ideogram</h1>
          <p class="muted">Options {sample && <span class="sample-tag">Sample data</span>}</p>
        </div>
        {optionsState.mode.value !== 'none' && (
          <a class="button studio-link" href="/studio.html">
            Open the studio: datasets and training
          </a>
        )}
      </header>
      <PinHint />
      <HostAccessNotice />
      <AccountsSection />
      <SettingsSection />
      <ShortcutsSection />
      <SitesSection />
      <footer class="page-footer">
        <a href="/privacy.html" target="_blank" rel="noreferrer">
          Privacy policy
        </a>
        : your keys stay in this browser and go only to Ideogram’s API; nothing is collected.
      </footer>
    </main>
  );
}
