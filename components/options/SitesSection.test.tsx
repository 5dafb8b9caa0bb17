// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { resetBrowser } from '../../tests/fake-browser';
import { sitesIn, SitesSection } from './SitesSection';

afterEach(cleanup);

const names = () =>
  within(screen.getByRole('list'))
    .getAllByRole('listitem')
    .map((item) => item.querySelector('.site-name')?.textContent);

describe('sitesIn', () => {
  it('names each site, leaves out the API and names wildcards by what they cover', () => {
    expect(
      sitesIn([
        'https://api.ideogram.ai/*',
        'https://images.example.com/*',
        'http://old.example.org/*',
        'https://*/*',
        'https://images.example.com/*',
      ]),
    ).toEqual([
      { origin: 'https://*/*', name: 'Every site' },
      { origin: 'https://images.example.com/*', name: 'images.example.com' },
      { origin: 'http://old.example.org/*', name: 'old.example.org (http)' },
    ]);
  });
});

describe('SitesSection', () => {
  it('lists the sites images were collected from and forgets one, then all', async () => {
    const { granted } = resetBrowser();
    for (const o of [
      'https://api.ideogram.ai/*',
      'https://cdn.example.com/*',
      'https://images.example.net/*',
      'http://plain.example.org/*',
    ])
      granted.add(o);
    granted.add('notifications');
    render(<SitesSection />);
    await waitFor(() =>
      expect(names()).toEqual([
        'cdn.example.com',
        'images.example.net',
        'plain.example.org (http)',
      ]),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Forget images.example.net' }));
    await waitFor(() => expect(names()).toEqual(['cdn.example.com', 'plain.example.org (http)']));
    expect(granted.has('https://images.example.net/*')).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Forget all 2 sites' }));
    await screen.findByText(/No sites: Model Watch may read images from none/);
    // The API's access and other permissions are not the sites': they stay.
    expect([...granted].sort()).toEqual(['https://api.ideogram.ai/*', 'notifications']);
  });

  it('shows a site granted while the page is open, without a reload', async () => {
    const { fakeBrowser } = resetBrowser();
    render(<SitesSection />);
    await screen.findByText(/No sites/);
    await fakeBrowser.permissions.request({ origins: ['https://new.example.com/*'] });
    await waitFor(() => expect(names()).toEqual(['new.example.com']));
  });

  it('says so when the browser keeps a site, and keeps it listed', async () => {
    const { fakeBrowser, granted } = resetBrowser();
    granted.add('https://kept.example.com/*');
    Object.assign(fakeBrowser.permissions, { remove: async () => false });
    render(<SitesSection />);
    fireEvent.click(await screen.findByRole('button', { name: 'Forget kept.example.com' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /Your browser kept access to kept\.example\.com\. You can remove it in the browser’s settings/,
    );
    expect(names()).toEqual(['kept.example.com']);
  });
});
