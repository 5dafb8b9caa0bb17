import { signal } from '@preact/signals';
import type { ComponentType } from 'preact';

// A part of a page that is not on its first paint (a model's page, the filters, a row's menu),
// in a module of its own: the page paints without it and loads it just after (`preload`), so a
// click finds it there. Until it has loaded it renders nothing. (The popup's `import()` is bare:
// wxt.config.ts leaves out Vite's preload helper, which it does not need.)

export function lazyView<P extends object>(
  load: () => Promise<ComponentType<P>>,
): ComponentType<P> & { preload: () => Promise<void> } {
  const loaded = signal<ComponentType<P> | null>(null);
  let loading: Promise<void> | null = null;
  const preload = () =>
    (loading ??= load().then(
      (component) => {
        loaded.value = component;
      },
      () => {
        // The extension's own file did not load (an update replaced it): asked again next time.
        loading = null;
      },
    ));
  function Lazy(props: P) {
    const Component = loaded.value;
    if (!Component) {
      void preload();
      return null;
    }
    return <Component {...props} />;
  }
  return Object.assign(Lazy, { preload });
}
