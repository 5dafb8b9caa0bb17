import { describe, expect, it } from 'vitest';
import { hideInValue, keyHider, maskedKey } from './redact';

const KEY = 'ideo-live-4Jk2mP9qR7sT1vW3';
const OTHER = 'ideo-live-Zx8Cv6Bn4Mq2Lk0J';

describe('keyHider', () => {
  const hide = keyHider([KEY, OTHER]);
  it.each([
    ['a refusal echoing the key', `bad key ${KEY}`, `bad key ····${KEY.slice(-4)}`],
    ['the key twice', `${KEY}/${KEY}`, `${maskedKey(KEY)}/${maskedKey(KEY)}`],
    ['another saved key', `owner ${OTHER}`, `owner ····${OTHER.slice(-4)}`],
    ['both keys glued together', `${KEY}${OTHER}`, `${maskedKey(KEY)}${maskedKey(OTHER)}`],
    ['text without a key', 'Brand v2', 'Brand v2'],
    ['a part of a key only', KEY.slice(0, 12), KEY.slice(0, 12)],
  ])('%s', (_, text, hidden) => {
    expect(hide(text)).toBe(hidden);
    expect(hide(text)).not.toContain(KEY);
    expect(hide(text)).not.toContain(OTHER);
  });

  it('hides the longer key first when one key holds another', () => {
    const short = KEY.slice(0, 16);
    expect(keyHider([short, KEY])(`x ${KEY} y`)).toBe(`x ${maskedKey(KEY)} y`);
  });

  it('leaves text alone for keys too short to be Ideogram keys', () => {
    expect(keyHider(['abc', ''])('abc abc')).toBe('abc abc');
  });
});

describe('hideInValue', () => {
  it('hides keys in every string of a parsed answer, at any depth, keeping the rest', () => {
    const value = {
      models: [{ name: `Model ${KEY}`, steps: 3, ok: true, nothing: null }],
      detail: [KEY],
    };
    expect(hideInValue(value, keyHider([KEY]))).toEqual({
      models: [{ name: `Model ${maskedKey(KEY)}`, steps: 3, ok: true, nothing: null }],
      detail: [maskedKey(KEY)],
    });
  });
});
