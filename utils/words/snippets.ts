// Ready-to-paste generate requests that use a custom model. The API key is always a placeholder
// (an environment variable): the real key never goes into a snippet.

export const GENERATE_URL = 'https://api.ideogram.ai/v2/image/generate/ideogram-3-custom-model';
/** Ideogram 4.0 models generate here, with a JSON body (a resolution, never an aspect ratio). */
export const GENERATE_V4_URL = 'https://api.ideogram.ai/v2/image/generate/ideogram-4-custom-model';
export const KEY_VARIABLE = 'IDEOGRAM_API_KEY';
const PROMPT = 'A product photo on a marble table, soft daylight';

export type SnippetLanguage = 'curl' | 'javascript' | 'python';

export const SNIPPET_LABELS: Record<SnippetLanguage, string> = {
  curl: 'Copy as curl',
  javascript: 'Copy as JavaScript (fetch)',
  python: 'Copy as Python (requests)',
};

/** A string in single quotes for a POSIX shell: nothing inside is expanded. */
const shell = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
/** A string literal valid in JavaScript and in Python. */
const literal = (text: string) => JSON.stringify(text);

/** A generate request for an Ideogram 4.0 model: JSON only. */
function generateV4Snippet(language: SnippetLanguage, uri: string): string {
  const body = JSON.stringify({ prompt: PROMPT, custom_model_uri: uri });
  switch (language) {
    case 'curl':
      return [
        `curl -X POST ${GENERATE_V4_URL} \\`,
        `  -H "Api-Key: $${KEY_VARIABLE}" \\`,
        '  -H "Content-Type: application/json" \\',
        `  -d ${shell(body)}`,
      ].join('\n');
    case 'javascript':
      return [
        `const response = await fetch(${literal(GENERATE_V4_URL)}, {`,
        "  method: 'POST',",
        `  headers: { 'Api-Key': process.env.${KEY_VARIABLE}, 'Content-Type': 'application/json' },`,
        `  body: JSON.stringify({ prompt: ${literal(PROMPT)}, custom_model_uri: ${literal(uri)} }),`,
        '});',
        'console.log(await response.json());',
      ].join('\n');
    case 'python':
      return [
        'import os',
        'import requests',
        '',
        'response = requests.post(',
        `    ${literal(GENERATE_V4_URL)},`,
        `    headers={"Api-Key": os.environ[${literal(KEY_VARIABLE)}]},`,
        `    json={"prompt": ${literal(PROMPT)}, "custom_model_uri": ${literal(uri)}},`,
        ')',
        'print(response.json())',
      ].join('\n');
  }
}

/**
 * A generate request using the model with this URI: the 3.0 custom-model endpoint (multipart),
 * or the 4.0 one (JSON) for a model Model Watch knows it trained on Ideogram 4.0.
 */
export function generateSnippet(
  language: SnippetLanguage,
  uri: string,
  base: 'v3' | 'v4' | null = null,
): string {
  if (base === 'v4') return generateV4Snippet(language, uri);
  switch (language) {
    case 'curl':
      return [
        `curl -X POST ${GENERATE_URL} \\`,
        `  -H "Api-Key: $${KEY_VARIABLE}" \\`,
        // `-F` would read a local file for a value starting with `@` or `<`: never for these.
        `  --form-string prompt=${shell(PROMPT)} \\`,
        `  --form-string custom_model_uri=${shell(uri)}`,
      ].join('\n');
    case 'javascript':
      return [
        'const form = new FormData();',
        `form.append('prompt', ${literal(PROMPT)});`,
        `form.append('custom_model_uri', ${literal(uri)});`,
        `const response = await fetch(${literal(GENERATE_URL)}, {`,
        "  method: 'POST',",
        `  headers: { 'Api-Key': process.env.${KEY_VARIABLE} },`,
        '  body: form,',
        '});',
        'console.log(await response.json());',
      ].join('\n');
    case 'python':
      return [
        'import os',
        'import requests',
        '',
        'response = requests.post(',
        `    ${literal(GENERATE_URL)},`,
        `    headers={"Api-Key": os.environ[${literal(KEY_VARIABLE)}]},`,
        '    files={',
        `        "prompt": (None, ${literal(PROMPT)}),`,
        `        "custom_model_uri": (None, ${literal(uri)}),`,
        '    },',
        ')',
        'print(response.json())',
      ].join('\n');
  }
}
