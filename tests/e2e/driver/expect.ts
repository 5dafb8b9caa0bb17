import { expect } from '@playwright/test';
import type { Locator } from './page';

// Assertions on what a page shows, the same in both browsers: each waits (up to 10 s) for the
// page to reach the state, as a person would look again a moment later.

interface Wait {
  timeout?: number;
}

export async function visible(locator: Locator, { timeout }: Wait = {}): Promise<void> {
  await expect
    .poll(() => locator.isVisible(), { message: `${locator} should be visible`, timeout })
    .toBe(true);
}

export async function hidden(locator: Locator, { timeout }: Wait = {}): Promise<void> {
  await expect
    .poll(() => locator.isVisible(), { message: `${locator} should be hidden`, timeout })
    .toBe(false);
}

/** The first match's text contains `text` (or matches the RegExp). */
export async function hasText(
  locator: Locator,
  text: string | RegExp,
  { timeout }: Wait = {},
): Promise<void> {
  const message = `${locator} should show ${String(text)}`;
  const read = async () => (await locator.innerText())?.replace(/\s+/g, ' ') ?? '';
  if (text instanceof RegExp) await expect.poll(read, { message, timeout }).toMatch(text);
  else await expect.poll(read, { message, timeout }).toContain(text);
}

export async function lacksText(locator: Locator, text: string | RegExp): Promise<void> {
  const read = async () => (await locator.innerText())?.replace(/\s+/g, ' ') ?? '';
  const message = `${locator} should not show ${String(text)}`;
  if (text instanceof RegExp) await expect.poll(read, { message }).not.toMatch(text);
  else await expect.poll(read, { message }).not.toContain(text);
}

export async function hasValue(locator: Locator, value: string): Promise<void> {
  await expect
    .poll(() => locator.inputValue(), { message: `${locator} should hold ${value}` })
    .toBe(value);
}

export async function hasCount(locator: Locator, count: number): Promise<void> {
  await expect
    .poll(() => locator.count(), { message: `${locator} should match ${count}` })
    .toBe(count);
}

export async function hasAttribute(
  locator: Locator,
  name: string,
  value: string | RegExp,
): Promise<void> {
  const read = async () => (await locator.getAttribute(name)) ?? '';
  const message = `${locator} should have ${name}=${String(value)}`;
  if (value instanceof RegExp) await expect.poll(read, { message }).toMatch(value);
  else await expect.poll(read, { message }).toBe(value);
}

export async function focused(locator: Locator): Promise<void> {
  await expect
    .poll(() => locator.isFocused(), { message: `${locator} should have the focus` })
    .toBe(true);
}

export async function disabled(locator: Locator): Promise<void> {
  await expect
    .poll(() => locator.isEnabled(), { message: `${locator} should be disabled` })
    .toBe(false);
}

export async function enabled(locator: Locator): Promise<void> {
  await expect
    .poll(() => locator.isEnabled(), { message: `${locator} should be enabled` })
    .toBe(true);
}
