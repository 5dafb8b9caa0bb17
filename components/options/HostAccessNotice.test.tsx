// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { resetBrowser } from '../../tests/fake-browser';
import { HostAccessNotice } from './HostAccessNotice';

afterEach(cleanup);

describe('HostAccessNotice', () => {
  it('asks for access to the API when the browser withdrew it, and goes away once given', async () => {
    const { granted } = resetBrowser();
    render(<HostAccessNotice />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/has not given Model Watch access to api\.ideogram\.ai/);
    fireEvent.click(screen.getByRole('button', { name: 'Allow access' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(granted.has('https://api.ideogram.ai/*')).toBe(true);
  });

  it('says nothing when access is granted', async () => {
    const { granted } = resetBrowser();
    granted.add('https://api.ideogram.ai/*');
    render(<HostAccessNotice />);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
