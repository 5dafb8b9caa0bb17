// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetBrowser } from '../../tests/fake-browser';
import { optionsState } from './model';
import { PIN_HINT, PinHint } from './PinHint';

afterEach(cleanup);

let toolbar: { isOnToolbar: boolean };
beforeEach(async () => {
  ({ toolbar } = resetBrowser());
  await optionsState.loaded;
  optionsState.dismissedHints.value = [];
});

const hint = () => screen.queryByRole('complementary', { name: 'Pin Model Watch' });

describe('the hint to pin the toolbar button', () => {
  it('shows while the button is hidden in the Extensions menu, saying how to pin it', async () => {
    render(<PinHint />);
    await waitFor(() => expect(hint()).not.toBeNull());
    expect(hint()!.textContent).toMatch(/puzzle piece/);
    expect(hint()!.textContent).toMatch(/pin next to Model Watch/);
  });

  it('goes away once the button is pinned and the page is looked at again', async () => {
    render(<PinHint />);
    await waitFor(() => expect(hint()).not.toBeNull());
    toolbar.isOnToolbar = true;
    document.dispatchEvent(new Event('visibilitychange'));
    await waitFor(() => expect(hint()).toBeNull());
  });

  it('says nothing when the button is on the toolbar', async () => {
    toolbar.isOnToolbar = true;
    render(<PinHint />);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(hint()).toBeNull();
  });

  it('stays away once dismissed', async () => {
    optionsState.dismissedHints.value = [PIN_HINT];
    render(<PinHint />);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(hint()).toBeNull();
  });

  it('says so when dismissing it could not be saved (no background answers here)', async () => {
    render(<PinHint />);
    await waitFor(() => expect(hint()).not.toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'Got it' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/background did not answer/);
  });
});
