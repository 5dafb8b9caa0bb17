/** What went wrong with something the user just did, where they did it (nothing when all is well). */
export function Problem({ text }: { text: string }) {
  if (text === '') return null;
  return (
    <p class="message error" role="alert">
      {text}
    </p>
  );
}
