import { describe, expect, it } from 'vitest';
import { loadOpenApi } from '../../tests/openapi/generate';
import { readCaption } from './captions';
import { captionedCount, readiness } from './datasets';

// The structured caption of Ideogram 4.0: the published example of its schema (V4JsonPrompt).
const V4_EXAMPLE = (
  loadOpenApi('2026-10-07').components.schemas.V4JsonPrompt as { example: Record<string, unknown> }
).example;

describe('readCaption', () => {
  it('reads plain text as it is', () => {
    expect(readCaption('  A red fox at dusk, film grain  ')).toEqual({
      text: 'A red fox at dusk, film grain',
      json: null,
    });
    // Braces inside text do not make it JSON.
    expect(readCaption('A sign saying {open}').json).toBeNull();
  });

  it('reads a structured caption as its description first, then its parts, with the JSON kept', () => {
    const caption = JSON.stringify({
      high_level_description: 'A neon sign above a night market',
      compositional_deconstruction: {
        background: 'wet street, crowds',
        elements: [
          { type: 'text', text: 'OPEN', desc: 'pink neon letters' },
          { type: 'obj', desc: 'paper lanterns', bbox: [0, 0, 100, 100] },
          { type: 'text', text: 'Since 1987' },
        ],
      },
      style_description: { art_style: 'photograph', lighting: 'neon glow' },
    });
    const read = readCaption(caption);
    expect(read.text).toBe(
      'A neon sign above a night market. Background: wet street, crowds. Elements: “OPEN” (pink neon letters); paper lanterns; “Since 1987”. Style: photograph, neon glow.',
    );
    expect(JSON.parse(read.json!)).toEqual(JSON.parse(caption));
    expect(read.json).toContain('\n  "high_level_description"');
  });

  it('reads the schema’s own example, and says a structured caption without words is one', () => {
    const read = readCaption(JSON.stringify(V4_EXAMPLE));
    expect(read.text.startsWith('high_level_description.')).toBe(true);
    expect(read.json).not.toBeNull();
    expect(readCaption('{"tags": ["a"]}').text).toBe('A structured caption.');
  });

  it('shows broken JSON as the text it is, never a crash', () => {
    expect(readCaption('{"high_level_description": "cut sh')).toEqual({
      text: '{"high_level_description": "cut sh',
      json: null,
    });
    expect(readCaption('{"high_level_description": 5, "style_description": []}').text).toBe(
      'A structured caption.',
    );
  });
});

describe('captioned counts', () => {
  it('says how many files are captioned beside the readiness', () => {
    const files = [{ caption: 'a' }, { caption: ' ' }, {}, { caption: '{"x":1}' }];
    expect(captionedCount(files)).toBe(2);
    const some = (n: number, of: number) =>
      Array.from({ length: of }, (_, i) => (i < n ? { caption: `c${i}` } : {}));
    expect(readiness(24, some(20, 24)).text).toBe('24 images · 20 captioned · ready to train');
    expect(readiness(24, some(24, 24)).text).toBe('24 images · all captioned · ready to train');
    expect(readiness(9, some(0, 9)).text).toBe('9 images · 6 more needed to train');
    expect(readiness(9, some(2, 9)).text).toBe('9 images · 2 captioned · 6 more needed to train');
    expect(readiness(24).text).toBe('24 images · ready to train');
    expect(readiness(0, []).text).toBe('0 images · 15 more needed to train');
    // Only some files read (a dataset still counting): no caption count, rather than a wrong one.
    expect(readiness(24, some(3, 10)).text).toBe('24 images · ready to train');
  });
});
