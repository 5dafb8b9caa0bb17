// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/preact';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { Markdown } from './markdown';

afterEach(cleanup);

describe('Markdown', () => {
  it('renders headings, paragraphs, lists, bold and code as elements', () => {
    const { container } = render(
      <Markdown
        source={'# Title\n\nSome **bold** and `code`\nwrapped.\n\n- one\n- two with `x`'}
      />,
    );
    expect(container.querySelector('h1')?.textContent).toBe('Title');
    expect(container.querySelector('p')?.innerHTML).toBe(
      'Some <strong>bold</strong> and <code>code</code> wrapped.',
    );
    expect([...container.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'one',
      'two with x',
    ]);
  });

  it('never turns text into markup', () => {
    const { container } = render(<Markdown source={'<img src=x onerror=alert(1)>'} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('renders the privacy policy with its sections', () => {
    const { container } = render(<Markdown source={readFileSync('PRIVACY.md', 'utf8')} />);
    expect([...container.querySelectorAll('h2')].map((h) => h.textContent)).toEqual([
      'What it handles',
      'Where it is kept',
      'Where it goes',
      'What you control',
    ]);
  });
});
