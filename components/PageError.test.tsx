// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { resetBrowser } from '../tests/fake-browser';
import { PageBoundary, Rethrow } from './PageError';

afterEach(cleanup);

let asked: string[] = [];
beforeEach(() => {
  resetBrowser();
  asked = [];
  // The background's answer to the repair.
  fakeBrowser.runtime.onMessage.addListener(((
    message: { type: string },
    _sender: unknown,
    respond: (reply: unknown) => void,
  ) => {
    asked.push(message.type);
    respond({ ok: true, value: { repaired: 2 } });
    return true;
  }) as never);
});

function Broken(): null {
  throw new Error('Cannot read properties of undefined (reading "models")');
}

describe('a page that fails while it is drawn', () => {
  it('says what failed instead of rendering blank, and offers a repair that keeps the keys', async () => {
    const reload = vi.fn();
    vi.stubGlobal('location', { ...location, reload });
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <PageBoundary page="the popup">
        <Broken />
      </PageBoundary>,
    );
    expect(screen.getByRole('heading').textContent).toBe('Model Watch could not show the popup');
    expect(screen.getByRole('alert').textContent).toMatch(/reading "models"/);
    expect(screen.getByRole('alert').textContent).toMatch(/your API keys, accounts, settings/);
    fireEvent.click(screen.getByRole('button', { name: 'Repair saved data' }));
    await waitFor(() => expect(reload).toHaveBeenCalled());
    expect(asked).toEqual(['repairStorage']);
  });

  it('says so when the repair itself cannot be done', async () => {
    resetBrowser();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <PageBoundary page="the options page">
        <Rethrow error={new Error('storage.local.get failed')} />
      </PageBoundary>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Repair saved data' }));
    expect((await screen.findByText(/background did not answer/)).className).toMatch(/error/);
  });

  it('draws the page as usual when nothing fails', () => {
    render(
      <PageBoundary page="the popup">
        <p>All good</p>
      </PageBoundary>,
    );
    expect(screen.getByText('All good')).not.toBeNull();
  });
});
