import { type Ask, describeSteps, locateInPage, type Step, type Target, toWire } from './locate';

// A page of the extension as a flow drives it, the same in both browsers: find by role, label or
// text (./locate.ts), act as a person would (real clicks and keys), read what is shown. Each
// browser supplies a Backend; everything above it is shared.

/** An element found in the page, to act on with real input. */
export interface ElementAct {
  click(options?: { button?: 'left' | 'right' }): Promise<void>;
  hover(): Promise<void>;
  evaluate<R, A>(fn: (el: Element, arg: A) => R | Promise<R>, arg: A): Promise<R>;
}

/** What a browser driver provides for one page. */
export interface Backend {
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Runs a script's source in the page (as a test tool, past the page's CSP). */
  inject(source: string): Promise<void>;
  /** The one element `locateInPage` finds, as a handle to act on. */
  element(input: Parameters<typeof locateInPage>[0]): Promise<ElementAct>;
  /** Presses a key or a chord ("Enter", "Control+v", "Shift+Tab"). */
  press(key: string): Promise<void>;
  /** Types text into the focused field as one insertion (like a paste). */
  insertText(text: string): Promise<void>;
  screenshot(path: string): Promise<void>;
  viewport(width: number, height: number): Promise<void>;
  colorScheme(scheme: 'light' | 'dark'): Promise<void>;
  reload(): Promise<void>;
  close(): Promise<void>;
  isClosed(): boolean;
}

const WAIT_MS = 10_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Tries `attempt` until it succeeds or `ms` pass (elements appear when a page renders). */
async function retry<T>(attempt: () => Promise<T>, ms = WAIT_MS): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > end) throw error;
      await sleep(100);
    }
  }
}

export class Locator {
  constructor(
    protected readonly backend: Backend,
    readonly steps: Step[],
  ) {}

  protected at(step: Step): Locator {
    return new Locator(this.backend, [...this.steps, step]);
  }

  /** Elements with this role (and accessible name), inside this one. */
  role(role: string, name?: string | RegExp, options: { exact?: boolean } = {}): Locator {
    return this.at(name === undefined ? { role } : { role, name, exact: options.exact ?? false });
  }

  /** The innermost elements showing this text. */
  text(text: string | RegExp, options: { exact?: boolean } = {}): Locator {
    return this.at({ text, exact: options.exact ?? false });
  }

  /** The field labelled so. */
  label(label: string | RegExp, options: { exact?: boolean } = {}): Locator {
    return this.at({ label, exact: options.exact ?? false });
  }

  css(css: string): Locator {
    return this.at({ css });
  }

  get(target: Target): Locator {
    return this.at(target);
  }

  nth(n: number): Locator {
    return this.at({ nth: n });
  }

  first(): Locator {
    return this.nth(0);
  }

  last(): Locator {
    return this.nth(-1);
  }

  filter({ hasText }: { hasText: string | RegExp }): Locator {
    return this.at({ hasText });
  }

  toString(): string {
    return describeSteps(this.steps);
  }

  private input(ask: Ask) {
    return { steps: toWire(this.steps), ask, describe: this.toString() };
  }

  protected ask<T>(ask: Ask): Promise<T> {
    return this.backend.evaluate(locateInPage, this.input(ask)) as Promise<T>;
  }

  /** The one element this locator finds (waiting for it to appear), to act on. */
  private one(): Promise<ElementAct> {
    return retry(() => this.backend.element(this.input('one')));
  }

  async click(options: { button?: 'left' | 'right' } = {}): Promise<void> {
    const el = await this.one();
    // A disabled control cannot be clicked (one marked aria-disabled can: it says why).
    await retry(async () => {
      const enabled = await el.evaluate((e) => !(e as HTMLButtonElement).disabled, null);
      if (!enabled && options.button !== 'right') throw new Error(`${this} is disabled.`);
    });
    await el.evaluate((e) => e.scrollIntoView({ block: 'nearest' }), null);
    await el.click(options);
  }

  async hover(): Promise<void> {
    await (await this.one()).hover();
  }

  async focus(): Promise<void> {
    await (await this.one()).evaluate((e) => (e as HTMLElement).focus(), null);
  }

  /** Replaces a field's text as a person would: select all of it, then type (or delete). */
  async fill(text: string): Promise<void> {
    const el = await this.one();
    await el.evaluate((e) => {
      const field = e as HTMLInputElement;
      field.focus();
      field.select();
    }, null);
    if (text === '') await this.backend.press('Delete');
    else await this.backend.insertText(text);
  }

  /** Focuses the element, then presses a key. */
  async press(key: string): Promise<void> {
    await this.focus();
    await this.backend.press(key);
  }

  async selectOption(value: string): Promise<void> {
    await (
      await this.one()
    ).evaluate((e, v) => {
      const select = e as HTMLSelectElement;
      select.value = v;
      select.dispatchEvent(new Event('input', { bubbles: true }));
      select.dispatchEvent(new Event('change', { bubbles: true }));
    }, value);
  }

  /** Scrolls a scrollable element to its end (or start). */
  async scroll(to: 'end' | 'start'): Promise<void> {
    await (
      await this.one()
    ).evaluate((e, where) => {
      e.scrollTop = where === 'end' ? e.scrollHeight : 0;
      e.dispatchEvent(new Event('scroll'));
    }, to);
  }

  /** Runs `fn` on the one element found. */
  withElement<R, A>(fn: (el: Element, arg: A) => R | Promise<R>, arg: A): Promise<R> {
    return this.one().then((el) => el.evaluate(fn, arg));
  }

  count(): Promise<number> {
    return this.ask('count');
  }

  isVisible(): Promise<boolean> {
    return this.ask('visible');
  }

  /** The rendered text of the first match (null: none). */
  innerText(): Promise<string | null> {
    return this.ask('text');
  }

  /** The rendered texts of every visible match. */
  allTexts(): Promise<string[]> {
    return this.ask('texts');
  }

  inputValue(): Promise<string | null> {
    return this.ask('value');
  }

  getAttribute(name: string): Promise<string | null> {
    return this.ask({ attr: name });
  }

  isFocused(): Promise<boolean> {
    return this.ask('focused');
  }

  isEnabled(): Promise<boolean> {
    return this.ask('enabled');
  }

  isChecked(): Promise<boolean> {
    return this.ask('checked');
  }
}

/** An extension page (or any page) open in a tab. */
export class ExtPage extends Locator {
  constructor(backend: Backend) {
    super(backend, []);
  }

  /** Runs `fn` in the page (an extension page can use the extension's APIs). */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    return this.backend.evaluate(fn, arg as A);
  }

  /** Runs a script's source in the page (a test tool such as axe-core). */
  inject(source: string): Promise<void> {
    return this.backend.inject(source);
  }

  /** Presses a key where the focus is. */
  override press(key: string): Promise<void> {
    return this.backend.press(key);
  }

  screenshot(path: string): Promise<void> {
    return this.backend.screenshot(path);
  }

  viewport(width: number, height: number): Promise<void> {
    return this.backend.viewport(width, height);
  }

  colorScheme(scheme: 'light' | 'dark'): Promise<void> {
    return this.backend.colorScheme(scheme);
  }

  reload(): Promise<void> {
    return this.backend.reload();
  }

  close(): Promise<void> {
    return this.backend.close();
  }

  isClosed(): boolean {
    return this.backend.isClosed();
  }

  wait(ms: number): Promise<void> {
    return sleep(ms);
  }
}
