import type { ComponentChildren } from 'preact';

// Just enough Markdown for the project's own documents (PRIVACY.md): headings, paragraphs, lists,
// **bold** and `code`. It builds elements, never HTML strings, so nothing in the text can run.

function inline(text: string): ComponentChildren[] {
  return text.split(/(\*\*[^*]+\*\*|`[^`]+`)/g).map((part, i) => {
    if (part.startsWith('**') && part.endsWith('**'))
      return <strong key={i}>{part.slice(2, -2)}</strong>;
    if (part.startsWith('`') && part.endsWith('`')) return <code key={i}>{part.slice(1, -1)}</code>;
    return part;
  });
}

export function Markdown({ source }: { source: string }) {
  const blocks = source.trim().split(/\n{2,}/);
  return (
    <>
      {blocks.map((block, i) => {
        const heading = /^(#{1,3}) (.*)$/.exec(block);
        if (heading) {
          const Tag = (['h1', 'h2', 'h3'] as const)[heading[1]!.length - 1]!;
          return <Tag key={i}>{inline(heading[2]!)}</Tag>;
        }
        if (block.startsWith('- ')) {
          return (
            <ul key={i}>
              {block.split(/\n- /).map((item, j) => (
                <li key={j}>{inline(item.replace(/^- /, '').replace(/\n\s*/g, ' '))}</li>
              ))}
            </ul>
          );
        }
        return <p key={i}>{inline(block.replace(/\n/g, ' '))}</p>;
      })}
    </>
  );
}
