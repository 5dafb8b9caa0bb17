// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, expect, it } from 'vitest';
import { resetBrowser } from '../../tests/fake-browser';
import { announcement } from './model';
import { SetupCard } from './SetupCard';

afterEach(cleanup);

it('says so when the background does not answer “Try with sample data”', async () => {
  // No background runs here: the message goes unanswered, as when the background has failed.
  resetBrowser();
  render(<SetupCard />);
  fireEvent.click(screen.getByRole('button', { name: 'Try with sample data' }));
  await waitFor(() =>
    expect(announcement.value).toMatchObject({
      tone: 'error',
      text: expect.stringMatching(/background did not answer/),
    }),
  );
});
