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
