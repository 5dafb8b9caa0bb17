// Finding elements the way a person (or a screen reader) names them: by role and accessible name,
// by visible text, by label. One resolver, run inside the page, serves both browsers, so a flow
// finds the same element in Chromium and Firefox. It is sent to the page as source text, so it
// is one self-contained function.

/** A way to find elements. Strings match case-insensitively as a substring; RegExps as given. */
export type Target =
  | { role: string; name?: string | RegExp; exact?: boolean }
  | { text: string | RegExp; exact?: boolean }
  | { label: string | RegExp; exact?: boolean }
  | { css: string };

/** One step of a locator: a target inside the previous matches, a pick, or a filter. */
export type Step = Target | { nth: number } | { hasText: string | RegExp };

/** A pattern as it crosses into the page (RegExps do not serialize). */
type Wire = { source: string; flags: string } | { plain: string; exact: boolean };

export type WireStep =
  | { kind: 'role'; role: string; name?: Wire }
  | { kind: 'text'; text: Wire }
  | { kind: 'label'; label: Wire }
  | { kind: 'css'; css: string }
  | { kind: 'nth'; nth: number }
  | { kind: 'hasText'; text: Wire };

function wire(pattern: string | RegExp, exact = false): Wire {
  return pattern instanceof RegExp
    ? { source: pattern.source, flags: pattern.flags }
    : { plain: pattern, exact };
}

export function toWire(steps: Step[]): WireStep[] {
  return steps.map((step): WireStep => {
    if ('nth' in step) return { kind: 'nth', nth: step.nth };
    if ('hasText' in step) return { kind: 'hasText', text: wire(step.hasText) };
    if ('role' in step) {
      return step.name === undefined
        ? { kind: 'role', role: step.role }
        : { kind: 'role', role: step.role, name: wire(step.name, step.exact) };
    }
    if ('text' in step) return { kind: 'text', text: wire(step.text, step.exact) };
    if ('label' in step) return { kind: 'label', label: wire(step.label, step.exact) };
    return { kind: 'css', css: step.css };
  });
}

/** What to do with the matches, in the page. */
export type Ask =
  | 'one'
  | 'count'
  | 'visible'
  | 'text'
  | 'texts'
  | 'value'
  | 'focused'
  | 'enabled'
  | 'checked'
  | { attr: string };

/**
 * Runs in the page: resolves `steps` from the document and answers `ask`. With 'one' it returns
 * the single visible match, or throws saying how many there were.
 */
export function locateInPage(input: { steps: WireStep[]; ask: Ask; describe: string }): unknown {
  const { steps, ask, describe } = input;
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
  const test = (w: Wire, value: string): boolean => {
    if ('source' in w) return new RegExp(w.source, w.flags).test(value);
    const text = norm(value).toLowerCase();
    const want = norm(w.plain).toLowerCase();
    return w.exact ? text === want : text.includes(want);
  };
  const IMPLICIT: Record<string, string> = {
    BUTTON: 'button',
    A: 'link',
    TEXTAREA: 'textbox',
    SELECT: 'combobox',
    UL: 'list',
    OL: 'list',
    LI: 'listitem',
    ARTICLE: 'article',
    H1: 'heading',
    H2: 'heading',
    H3: 'heading',
    H4: 'heading',
    H5: 'heading',
    H6: 'heading',
    IMG: 'img',
    FIELDSET: 'group',
    DIALOG: 'dialog',
    NAV: 'navigation',
    ASIDE: 'complementary',
    MAIN: 'main',
    OPTION: 'option',
    PROGRESS: 'progressbar',
  };
  const INPUTS: Record<string, string> = {
    button: 'button',
    submit: 'button',
    reset: 'button',
    checkbox: 'checkbox',
    radio: 'radio',
    search: 'searchbox',
    number: 'spinbutton',
    range: 'slider',
    text: 'textbox',
    email: 'textbox',
    tel: 'textbox',
    url: 'textbox',
    password: 'textbox',
    file: 'button',
  };
  const roleOf = (el: Element): string | null => {
    const explicit = el.getAttribute('role');
    if (explicit) return explicit.split(/\s+/)[0]!;
    if (el.tagName === 'INPUT') return INPUTS[(el as HTMLInputElement).type] ?? 'textbox';
    if (el.tagName === 'A' && !el.hasAttribute('href')) return null;
    if (
      el.tagName === 'SECTION' &&
      (el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby'))
    ) {
      return 'region';
    }
    return IMPLICIT[el.tagName] ?? null;
  };
  // What a person sees of an element: its rendered text (innerText follows the layout).
  const textOf = (el: Element): string =>
    el instanceof HTMLElement ? el.innerText : (el.textContent ?? '');
  const byIds = (ids: string) =>
    ids
      .split(/\s+/)
      .map((id) => document.getElementById(id))
      .filter((e): e is HTMLElement => e !== null)
      .map((e) => norm(e.textContent ?? ''))
      .join(' ');
  const nameOf = (el: Element): string => {
    const labelledBy = el.getAttribute('aria-labelledby');
    if (labelledBy) return norm(byIds(labelledBy));
    const label = el.getAttribute('aria-label');
    if (label) return norm(label);
    if (
      el instanceof HTMLInputElement ||
      el instanceof HTMLTextAreaElement ||
      el instanceof HTMLSelectElement
    ) {
      const labels = [...(el.labels ?? [])].map((l) => norm(l.textContent ?? '')).join(' ');
      if (labels) return labels;
      if (el instanceof HTMLInputElement && ['button', 'submit', 'reset'].includes(el.type))
        return el.value;
      return norm(el.getAttribute('placeholder') ?? el.getAttribute('title') ?? '');
    }
    if (el instanceof HTMLImageElement) return norm(el.alt);
    const role = roleOf(el);
    const fromContent = [
      'button',
      'link',
      'tab',
      'heading',
      'listitem',
      'menuitem',
      'option',
      'checkbox',
      'radio',
      'cell',
      'switch',
    ];
    if (role && fromContent.includes(role))
      return norm(textOf(el)) || norm(el.getAttribute('title') ?? '');
    return norm(el.getAttribute('title') ?? '');
  };
  const visible = (el: Element): boolean => {
    if (!(el instanceof HTMLElement) && !(el instanceof SVGElement)) return false;
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) return false;
    for (let e: Element | null = el; e; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.display === 'none' || style.visibility === 'hidden') return false;
    }
    return true;
  };
  const descendants = (scopes: (Element | Document)[]) => {
    const out = new Set<Element>();
    for (const scope of scopes) for (const el of scope.querySelectorAll('*')) out.add(el);
    return [...out];
  };
  let current: (Element | Document)[] = [document];
  for (const step of steps) {
    const scopes = current;
    if (step.kind === 'nth') {
      const els = current.filter((e): e is Element => e instanceof Element);
      current = step.nth < 0 ? els.slice(step.nth).slice(0, 1) : els.slice(step.nth, step.nth + 1);
    } else if (step.kind === 'hasText') {
      current = current.filter((e) => test(step.text, e.textContent ?? ''));
    } else if (step.kind === 'css') {
      current = [...new Set(scopes.flatMap((s) => [...s.querySelectorAll(step.css)]))];
    } else if (step.kind === 'role') {
      current = descendants(scopes).filter(
        (el) =>
          roleOf(el) === step.role && (step.name === undefined || test(step.name, nameOf(el))),
      );
    } else if (step.kind === 'text') {
      const matching = descendants(scopes).filter(
        (el) =>
          !['SCRIPT', 'STYLE', 'TITLE', 'HEAD'].includes(el.tagName) &&
          test(step.text, norm(textOf(el))),
      );
      // The innermost elements that match, as a person would point at them.
      current = matching.filter(
        (el) => !matching.some((other) => other !== el && el.contains(other)),
      );
    } else {
      const found = new Set<Element>();
      for (const el of descendants(scopes)) {
        if (
          el instanceof HTMLLabelElement &&
          test(step.label, norm(el.textContent ?? '')) &&
          el.control
        ) {
          found.add(el.control);
        } else if (
          (el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby')) &&
          test(step.label, nameOf(el))
        ) {
          found.add(el);
        }
      }
      current = [...found];
    }
  }
  const elements = current.filter((e): e is Element => e instanceof Element);
  const shown = elements.filter(visible);
  if (ask === 'count') return elements.length;
  if (ask === 'one') {
    const pick = shown.length > 0 ? shown : elements;
    if (pick.length === 1) return pick[0];
    throw new Error(
      pick.length === 0
        ? `No element matches ${describe}.`
        : `${pick.length} elements match ${describe}: ${pick
            .slice(0, 5)
            .map((e) => `<${e.tagName.toLowerCase()}> "${norm(e.textContent ?? '').slice(0, 40)}"`)
            .join(', ')}.`,
    );
  }
  if (ask === 'texts')
    return shown.map((e) => norm((e as HTMLElement).innerText ?? e.textContent ?? ''));
  const first = shown[0] ?? elements[0];
  if (ask === 'visible') return shown.length > 0;
  if (!first) return null;
  if (ask === 'text') return (first as HTMLElement).innerText ?? first.textContent;
  if (ask === 'value') return (first as HTMLInputElement).value ?? null;
  if (ask === 'focused') return document.activeElement === first;
  if (ask === 'enabled') {
    return !(first as HTMLButtonElement).disabled && first.getAttribute('aria-disabled') !== 'true';
  }
  if (ask === 'checked')
    return (first as HTMLInputElement).checked ?? first.getAttribute('aria-checked') === 'true';
  return first.getAttribute(ask.attr);
}

/** How a chain of steps reads in an error message. */
export function describeSteps(steps: Step[]): string {
  return steps
    .map((step) => {
      if ('nth' in step) return `#${step.nth}`;
      if ('hasText' in step) return `with text ${String(step.hasText)}`;
      if ('role' in step)
        return step.name === undefined ? step.role : `${step.role} "${String(step.name)}"`;
      if ('text' in step) return `text "${String(step.text)}"`;
      if ('label' in step) return `field "${String(step.label)}"`;
      return step.css;
    })
    .join(' › ');
}
