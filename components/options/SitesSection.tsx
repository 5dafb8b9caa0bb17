import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { API_BASE_URL } from '../../utils/api/client';
import { Problem } from './Problem';

const API_ORIGIN = `${API_BASE_URL}/*`;

/** One site Model Watch may fetch images from, as the browser holds it and as people read it. */
export interface Site {
  origin: string;
  name: string;
}

/**
 * The sites among the browser's granted origins, by name: everything but Ideogram's API, which
 * the extension needs to work at all. A wildcard (Firefox lets people grant every site at once
 * from its add-ons page) is named as what it covers.
 */
export function sitesIn(origins: readonly string[]): Site[] {
  const sites: Site[] = [];
  for (const origin of new Set(origins)) {
    if (origin === API_ORIGIN) continue;
    const match = /^(\*|https?):\/\/([^/]+)\/\*$/.exec(origin);
    let name: string;
    if (origin === '<all_urls>') name = 'Every site';
    else if (!match) name = origin;
    else if (match[2] === '*') name = match[1] === 'http' ? 'Every http site' : 'Every site';
    else name = match[1] === 'http' ? `${match[2]} (http)` : match[2]!;
    sites.push({ origin, name });
  }
  return sites.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The sites whose images were collected into a dataset: each keeps its access until forgotten
 * here, so none piles up unseen.
 */
export function SitesSection() {
  const sites = useSignal<Site[] | null>(null);
  const problem = useSignal('');

  async function read() {
    try {
      sites.value = sitesIn((await browser.permissions.getAll()).origins ?? []);
    } catch {
      sites.value ??= [];
    }
  }

  useEffect(() => {
    void read();
    // Access given or taken elsewhere (the studio, the browser's own settings) shows at once.
    const changed = () => void read();
    browser.permissions.onAdded.addListener(changed);
    browser.permissions.onRemoved.addListener(changed);
    return () => {
      browser.permissions.onAdded.removeListener(changed);
      browser.permissions.onRemoved.removeListener(changed);
    };
  }, []);

  async function forget(gone: Site[]) {
    problem.value = '';
    const removed = await browser.permissions
      .remove({ origins: gone.map((s) => s.origin) })
      .catch(() => false);
    if (!removed) {
      problem.value =
        gone.length === 1
          ? `Your browser kept access to ${gone[0]!.name}. You can remove it in the browser’s settings for this extension.`
          : 'Your browser kept access to these sites. You can remove it in the browser’s settings for this extension.';
    }
    await read();
  }

  const list = sites.value;
  return (
    <section class="card" aria-labelledby="sites-heading">
      <h2 id="sites-heading">Sites you collected images from</h2>
      <p class="hint">
        When you add a page’s image to a dataset, your browser asks whether Model Watch may read
        images from that site. It reads them only when you collect one, and the access lasts until
        you forget it here.
      </p>
      {list === null ? (
        <p class="muted">Reading the sites…</p>
      ) : list.length === 0 ? (
        <p class="muted">No sites: Model Watch may read images from none.</p>
      ) : (
        <>
          <ul class="sites">
            {list.map((site) => (
              <li key={site.origin}>
                <span class="site-name">{site.name}</span>
                <button
                  type="button"
                  class="button"
                  aria-label={`Forget ${site.name}`}
                  onClick={() => void forget([site])}
                >
                  Forget
                </button>
              </li>
            ))}
          </ul>
          {list.length > 1 && (
            <button type="button" class="button" onClick={() => void forget(list)}>
              Forget all {list.length} sites
            </button>
          )}
        </>
      )}
      <Problem text={problem.value} />
    </section>
  );
}
