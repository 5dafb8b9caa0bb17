// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetBrowser } from '../../tests/fake-browser';
import { AccountsSection } from './AccountsSection';
import { optionsState } from './model';
import { SettingsSection } from './SettingsSection';

// No background runs here: every message the page sends goes unanswered, as when the background
// has failed. Each action must say so where the user clicked, and keep what they typed.

afterEach(cleanup);

beforeEach(async () => {
  resetBrowser();
  await optionsState.loaded;
  optionsState.accounts.value = [{ id: 'a1', label: 'Personal', since: 1 }];
});

describe('when the background does not answer', () => {
  it('a rename says so and keeps the label typed', async () => {
    render(<AccountsSection />);
    fireEvent.click(screen.getByRole('button', { name: 'Rename Personal' }));
    const field = screen.getByLabelText('New label') as HTMLInputElement;
    fireEvent.input(field, { target: { value: 'Acme team' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save label' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/background did not answer/);
    expect((screen.getByLabelText('New label') as HTMLInputElement).value).toBe('Acme team');
  });

  it('a removal says so, and the account stays listed', async () => {
    render(<AccountsSection />);
    fireEvent.click(screen.getByRole('button', { name: 'Remove Personal' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/background did not answer/);
    expect(screen.getByRole('heading', { name: 'Personal' })).not.toBeNull();
  });

  it('a changed interval says so instead of “Saved.”, and keeps the number typed', async () => {
    render(<SettingsSection />);
    const field = screen.getByLabelText(/while a model is being created/) as HTMLInputElement;
    fireEvent.input(field, { target: { value: '3' } });
    fireEvent.change(field, { target: { value: '3' } });
    expect((await screen.findByRole('alert')).textContent).toMatch(/background did not answer/);
    expect(screen.queryByText('Saved.')).toBeNull();
    expect(field.value).toBe('3');
  });
});

describe('the keys’ cards', () => {
  it('each shows which key it holds by its last four characters only', () => {
    optionsState.accounts.value = [
      { id: 'a1', label: 'Personal', since: 1, keyHint: 'cdef' },
      { id: 'a2', label: 'Acme team — client work for the spring catalogue', since: 2 },
    ];
    render(<AccountsSection />);
    const cards = screen.getAllByRole('article');
    expect(cards[0]!.textContent).toContain('····cdef');
    // A card saved before hints existed shows none rather than a made-up one; the same actions.
    expect(cards[1]!.textContent).not.toContain('····');
    for (const card of cards) {
      expect([...card.querySelectorAll('button')].map((b) => b.textContent)).toEqual([
        'Rename',
        'Replace key',
        'Remove',
      ]);
    }
    // A long label is whole on hover and focus.
    const long = screen.getByRole('heading', { name: /Acme team/ });
    expect(long.title).toBe('Acme team — client work for the spring catalogue');
  });
});

describe('the first run', () => {
  it('puts the cursor in the key field', () => {
    optionsState.accounts.value = [];
    render(<AccountsSection />);
    expect(document.activeElement).toBe(screen.getByLabelText('API key', { selector: 'input' }));
  });

  it('keeps a key being typed when another tab saves the first account meanwhile', async () => {
    optionsState.accounts.value = [];
    render(<AccountsSection />);
    const field = screen.getByLabelText('API key', { selector: 'input' }) as HTMLInputElement;
    fireEvent.input(field, { target: { value: 'half-typed-key' } });
    optionsState.accounts.value = [{ id: 'a1', label: 'Account 1', since: 1 }];
    // The page now lists the account, and the form (now "Add an account") still holds the key.
    await screen.findByRole('heading', { name: 'Add an account' });
    const kept = screen.getByLabelText('API key', { selector: 'input' }) as HTMLInputElement;
    expect(kept.value).toBe('half-typed-key');
    // Cancelled, the form goes away and the way to add one more comes back.
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await screen.findByRole('button', { name: 'Add another key' });
    expect(screen.queryByLabelText('API key', { selector: 'input' })).toBeNull();
  });
});
