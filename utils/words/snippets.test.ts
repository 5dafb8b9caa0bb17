import { describe, expect, it } from 'vitest';
import { GENERATE_URL, generateSnippet, KEY_VARIABLE, type SnippetLanguage } from './snippets';

const LANGUAGES: SnippetLanguage[] = ['curl', 'javascript', 'python'];

describe('generateSnippet', () => {
  it.each(LANGUAGES)(
    '%s: posts the model URI to the custom-model generate endpoint',
    (language) => {
      const text = generateSnippet(language, 'model/brand/version/2');
      expect(text).toContain(GENERATE_URL);
      expect(text).toContain('model/brand/version/2');
      expect(text).toContain('custom_model_uri');
      expect(text).toContain(KEY_VARIABLE);
    },
  );

  it('gives a curl command', () => {
    expect(generateSnippet('curl', 'model/brand/version/2')).toBe(
      [
        `curl -X POST ${GENERATE_URL} \\`,
        `  -H "Api-Key: $IDEOGRAM_API_KEY" \\`,
        `  --form-string prompt='A product photo on a marble table, soft daylight' \\`,
        `  --form-string custom_model_uri='model/brand/version/2'`,
      ].join('\n'),
    );
  });

  it.each([
    ['a quote', "model/it's/version/1", `'model/it'\\''s/version/1'`],
    ['a command', 'model/$(rm -rf ~)/version/1', `'model/$(rm -rf ~)/version/1'`],
  ])('quotes a URI with %s so the shell runs nothing', (_, uri, quoted) => {
    expect(generateSnippet('curl', uri)).toContain(`custom_model_uri=${quoted}`);
  });

  it.each(['@/etc/passwd', '<~/.ssh/id_rsa'])(
    'sends a value starting with %s as text: curl reads no file for any form field',
    (uri) => {
      const text = generateSnippet('curl', uri);
      expect(text).toContain(`--form-string custom_model_uri='${uri}'`);
      expect(text).not.toMatch(/(^|\s)(-F|--form)\s/);
    },
  );

  it.each([
    ['javascript', 'form.append(\'custom_model_uri\', "model/a\\"b/version/1");'],
    ['python', '"custom_model_uri": (None, "model/a\\"b/version/1"),'],
  ] as const)('escapes quotes in %s string literals', (language, line) => {
    expect(generateSnippet(language, 'model/a"b/version/1')).toContain(line);
  });
});
