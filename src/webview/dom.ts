// A few DOM helpers. Text always goes in through textContent or attributes, never through innerHTML, so nothing a
// service or a file name returns can become markup.

import * as l10n from '@vscode/l10n';

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | undefined | null | ((e: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'function') {
      el.addEventListener(key.replace(/^on/, '').toLowerCase(), value);
    } else if (key === 'class') {
      el.className = String(value);
    } else if (value === true) {
      el.setAttribute(key, '');
    } else {
      el.setAttribute(key, String(value));
    }
  }
  append(el, ...children);
  return el;
}

export function append(el: Element, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** A codicon from VS Code's own icon font. */
export function icon(name: string, label?: string): HTMLSpanElement {
  const span = h('span', { class: `codicon codicon-${name}` });
  if (label) {
    span.setAttribute('role', 'img');
    span.setAttribute('aria-label', label);
  } else {
    span.setAttribute('aria-hidden', 'true');
  }
  return span;
}

export function button(
  label: string,
  onClick: () => void,
  options: { icon?: string; primary?: boolean; title?: string; iconOnly?: boolean; id?: string } = {},
): HTMLButtonElement {
  const b = h('button', {
    type: 'button',
    class: `${options.primary ? 'primary' : 'secondary'}${options.iconOnly ? ' icon-only' : ''}`,
    title: options.title ?? (options.iconOnly ? label : undefined),
    'aria-label': options.iconOnly ? label : undefined,
    id: options.id,
  });
  if (options.icon) b.append(icon(options.icon));
  if (!options.iconOnly) b.append(h('span', {}, label));
  b.addEventListener('click', onClick);
  return b;
}

let uid = 0;
export function fieldId(prefix: string): string {
  uid += 1;
  return `${prefix}-${uid}`;
}

/** A labelled control in the options grid. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLDivElement {
  if (!control.id) control.id = fieldId('f');
  const hintEl = hint ? h('div', { class: 'hint', id: `${control.id}-hint` }, hint) : undefined;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hintEl);
}

export function select<T extends string>(values: readonly T[], current: T | undefined, onChange: (v: T) => void,
  labels?: Partial<Record<T, string>>): HTMLSelectElement {
  const s = h('select');
  for (const v of values) s.append(h('option', { value: v, selected: v === current }, labels?.[v] ?? v));
  if (current === undefined || !values.includes(current)) s.selectedIndex = 0;
  s.addEventListener('change', () => onChange(s.value as T));
  return s;
}

export function formatSeconds(seconds: number): string {
  const s = Math.max(0, seconds);
  const m = Math.floor(s / 60);
  const rest = s - m * 60;
  return `${m}:${rest.toFixed(2).padStart(5, '0')}`;
}

/** A file size with its unit, in the display language. */
export function formatBytes(n: number): string {
  if (n < 1024) return l10n.t('{0} B', n);
  if (n < 1024 * 1024) return l10n.t('{0} KB', (n / 1024).toFixed(1));
  return l10n.t('{0} MB', (n / 1024 / 1024).toFixed(1));
}

/** Turns a file the host sent as bytes into a blob: URL (the CSP allows blob: for images and media). */
export function objectUrl(bytes: Uint8Array, mime: string): string {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return URL.createObjectURL(new Blob([copy.buffer], { type: mime }));
}

export function b64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
