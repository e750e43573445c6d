// A tab's option fields, drawn from the catalog's description of the operation as the configured model takes it
// (src/core/catalog `describeOperation`, sent by the host in `init` and `config`): the kind of control, its values or
// range, default, label and help. A field the model does not take is not shown and not sent; a field that only means
// something with another one set (`requires`) appears with it. A new option in the catalog appears here by itself.

import { accepts, checkSize, type EffectiveField, type FieldValue, type OperationView } from '../core/catalog';
import { clear, field as labelled, h } from './dom';
import * as l10n from '@vscode/l10n';
import { wordsOf } from './l10n';
import type { OptionValues } from './types';

/** Element ids the tests and the styles know (`image-format`); any other key gets its own (`image-output-compression`). */
const ID_SUFFIX: Record<string, string> = {
  response_format: 'format',
  output_format: 'format',
  output_compression: 'compression',
  partial_images: 'partials',
  input_fidelity: 'fidelity',
  timestamp_granularities: 'gran',
};

export function fieldElementId(prefix: string, key: string): string {
  return `${prefix}-${ID_SUFFIX[key] ?? key.replace(/_/g, '-')}`;
}

export interface FormSpec {
  /** The tab's id prefix (`image`, `edit`, `speech`, `audio`). */
  prefix: string;
  view: OperationView;
  /** The tab's values, changed in place as the user edits them. */
  values: OptionValues;
  /** Saves the values; `redraw`: a choice that may show or hide other fields. */
  changed(redraw: boolean): void;
  /** Labels for some values of a field, by key. */
  valueLabels?: Record<string, Record<string, string>>;
  /** A tab's own rules between fields (a transparent background needs PNG): fewer values to offer, a note to show. */
  offered?(key: string, values: OptionValues): string[] | undefined;
  note?(key: string, values: OptionValues): string | undefined;
  /**
   * A control of the tab's own for a field the host sends (`hostOnly`), drawn only where the model takes the field:
   * the Audio tab's known speakers, whose clips the host reads. Undefined: nothing to draw for that field.
   */
  hostField?(field: EffectiveField): HTMLElement | undefined;
}

/**
 * The fields a form shows: taken by the model, set by the page (not the host), and with their companion set; their
 * label and description in the display language (the catalog's English is in the bundle: scripts/l10n-export.js).
 */
export function shownFields(view: OperationView, values: OptionValues): EffectiveField[] {
  return view.fields.filter((f) => f.supported && !f.hostOnly && requirementMet(f, values))
    .map((f) => ({ ...f, label: l10n.t(f.label), description: l10n.t(f.description) }));
}

function requirementMet(field: EffectiveField, values: OptionValues): boolean {
  if (!field.requires) return true;
  const value = values[field.requires.key] ?? field.default;
  return field.requires.values.includes(value as string | boolean);
}

/** Keeps what the model takes of `values` and fills the rest from `defaults` (the settings) or the catalog. */
export function fillValues(view: OperationView, values: OptionValues, defaults: OptionValues = {}): void {
  const known = new Map(view.fields.map((f) => [f.key, f]));
  for (const key of Object.keys(values)) {
    const f = known.get(key);
    if (!f || !f.supported || f.hostOnly) delete values[key];
  }
  for (const f of view.fields) {
    if (!f.supported || f.hostOnly) continue;
    const current = values[f.key];
    if (current !== undefined && (current === '' || accepts(f, current))) continue;
    const fallback = defaults[f.key] !== undefined && accepts(f, defaults[f.key]) ? defaults[f.key] : f.default;
    if (fallback === undefined) delete values[f.key];
    else values[f.key] = Array.isArray(fallback) ? [...(fallback as readonly string[])] : fallback;
  }
}

/** What is sent: the shown fields' values, text left empty and empty lists left out (the service decides). */
export function formValues(view: OperationView, values: OptionValues): OptionValues {
  const out: OptionValues = {};
  for (const f of shownFields(view, values)) {
    const v = values[f.key];
    if (v === undefined || v === '' || (Array.isArray(v) && !v.length)) continue;
    out[f.key] = v;
  }
  return out;
}

/** Sentences for the values the model would refuse (a mistyped language, a size outside the rule). */
export function formProblems(view: OperationView, values: OptionValues): string[] {
  const problems: string[] = [];
  const sent = formValues(view, values);
  for (const f of shownFields(view, values)) {
    const v = sent[f.key];
    if (v === undefined || accepts(f, v)) continue;
    const why = f.kind === 'size' && typeof v === 'string' ? checkSize(v, f) : undefined;
    problems.push(l10n.t('{0}: {1}', f.label, why ? wordsOf(why) : f.description));
  }
  return problems;
}

/** Draws the fields into `grid` (short controls), `wide` (text boxes) and an Advanced section. */
export function renderForm(spec: FormSpec, box: HTMLElement): void {
  clear(box);
  const grid = h('div', { class: 'grid' });
  const wide: HTMLElement[] = [];
  const advanced: HTMLElement[] = [];
  for (const f of shownFields(spec.view, spec.values)) {
    const control = controlFor(spec, f);
    if (!control) continue;
    if (f.advanced) advanced.push(control);
    else if (f.kind === 'string' && f.multiline) wide.push(control);
    else grid.append(control);
  }
  for (const f of spec.view.fields) {
    if (!f.supported || !f.hostOnly || !requirementMet(f, spec.values)) continue;
    const control = spec.hostField?.(f);
    if (control) wide.push(control);
  }
  box.append(grid, ...wide);
  if (advanced.length) box.append(h('details', { class: 'advanced' }, h('summary', {}, l10n.t('Advanced')), ...advanced));
}

function controlFor(spec: FormSpec, f: EffectiveField): HTMLElement | undefined {
  const id = fieldElementId(spec.prefix, f.key);
  const v = spec.values;
  const set = (value: FieldValue | undefined, redraw: boolean): void => {
    if (value === undefined) delete v[f.key];
    else v[f.key] = value;
    spec.changed(redraw);
  };
  const note = spec.note?.(f.key, v);
  const withNote = (el: HTMLElement): HTMLElement => (note ? h('div', {}, el, h('div', { class: 'hint', role: 'note' }, note)) : el);
  switch (f.kind) {
    case 'enum': {
      const values = spec.offered?.(f.key, v) ?? f.values ?? [];
      const s = h('select', { id });
      // A field without a default may be left unset: the service then decides.
      if (f.default === undefined) s.append(h('option', { value: '' }, l10n.t('(not set)')));
      for (const value of values) s.append(h('option', { value, selected: value === v[f.key] }, spec.valueLabels?.[f.key]?.[
        value] ?? value));
      s.addEventListener('change', () => set(s.value || undefined, true));
      return withNote(labelled(f.label, s, f.description));
    }
    case 'list': {
      // Nothing chosen is the service's own default (segments): show that, so a choice adds to what it gives.
      const given = Array.isArray(v[f.key]) ? (v[f.key] as string[]) : [];
      const chosen = new Set(given.length || !Array.isArray(f.apiDefault) ? given : (f.apiDefault as string[]));
      const group = h('div', { class: 'checks', role: 'group', 'aria-label': f.label });
      for (const value of f.values ?? []) {
        const cb = h('input', { type: 'checkbox', id: `${id}-${value}`, checked: chosen.has(value) });
        cb.addEventListener('change', () => {
          if (cb.checked) chosen.add(value);
          else chosen.delete(value);
          set((f.values ?? []).filter((x) => chosen.has(x)), false);
        });
        group.append(h('label', { for: cb.id, class: 'check' }, cb, ` ${spec.valueLabels?.[f.key]?.[value] ?? value}`));
      }
      return h('div', { class: 'field' }, h('span', { class: 'label' }, f.label), group, h('div', { class: 'hint' }, f.description));
    }
    case 'boolean': {
      const cb = h('input', { type: 'checkbox', id, checked: v[f.key] === true });
      cb.addEventListener('change', () => set(cb.checked, true));
      return h('div', { class: 'field' }, h('span', { class: 'label' }, f.label), h('label', { for: id, class: 'check' }, cb,
        ` ${f.description}`));
    }
    case 'integer':
    case 'number':
      return numberControl(f, id, v[f.key], (n) => set(n, false));
    case 'size':
      return sizeControl(f, id, v[f.key], (s) => set(s, false));
    case 'string': {
      const input = f.multiline ? h('textarea', { id, rows: 2 }) : h('input', { type: 'text', id, spellcheck: 'false' });
      if (f.max !== undefined) input.setAttribute('maxlength', String(f.max));
      input.value = typeof v[f.key] === 'string' ? (v[f.key] as string) : '';
      input.addEventListener('input', () => {
        input.setAttribute('aria-invalid', String(input.value !== '' && !accepts(f, input.value)));
        set(input.value, false);
      });
      return labelled(f.label, input, f.description);
    }
  }
}

function numberControl(f: EffectiveField, id: string, current: FieldValue | undefined, set: (n: number | undefined)
  => void): HTMLElement | undefined {
  // One possible value (dall-e-3 makes one image): nothing to choose.
  if (f.min !== undefined && f.min === f.max) return undefined;
  const value = typeof current === 'number' ? current : Number(f.default ?? f.min ?? 0);
  if (f.kind === 'number' && f.min !== undefined && f.max !== undefined) {
    const range = h('input', { type: 'range', id, min: f.min, max: f.max, step: (f.max - f.min) / 100, value: String(value) });
    const out = h('output', { for: id }, value.toFixed(2));
    range.addEventListener('input', () => {
      out.textContent = Number(range.value).toFixed(2);
      set(Number(range.value));
    });
    return h('div', { class: 'field' }, h('label', { for: id }, f.label), h('div', { class: 'row' }, range, out), h('div', {
      class: 'hint' }, f.description));
  }
  const input = h('input', { type: 'number', id, min: f.min, max: f.max, step: f.kind === 'integer' ? 1 : 'any', value: String(value) });
  input.addEventListener('input', () => {
    const n = f.kind === 'integer' ? Math.round(Number(input.value)) : Number(input.value);
    if (input.value === '' || !Number.isFinite(n)) return set(undefined);
    set(Math.min(f.max ?? Infinity, Math.max(f.min ?? -Infinity, n)));
  });
  const hint = f.min !== undefined && f.max !== undefined ? l10n.t('{0}–{1}. {2}', f.min, f.max, f.description) : f.description;
  return labelled(f.label, input, hint);
}

function sizeControl(f: EffectiveField, id: string, current: FieldValue | undefined, set: (s: string) => void): HTMLElement {
  const value = typeof current === 'string' ? current : String(f.default ?? 'auto');
  const sizes = f.values ?? [];
  const s = h('select', { id });
  for (const size of sizes) s.append(h('option', { value: size, selected: size === value }, size));
  if (!f.sizeRule) {
    s.addEventListener('change', () => set(s.value));
    return labelled(f.label, s, f.description);
  }
  // Any size within the model's rule: the usual ones to choose, or a custom WxH checked as one types.
  const custom = !sizes.includes(value);
  s.append(h('option', { value: '', selected: custom }, l10n.t('Custom…')));
  const input = h('input', { type: 'text', id: `${id}-custom`, value: custom ? value : '', spellcheck: 'false', autocomplete: 'off',
    placeholder: l10n.t('WIDTHxHEIGHT'), 'aria-label': l10n.t('Custom size') });
  input.hidden = !custom;
  const problem = h('div', { class: 'hint', role: 'status', 'aria-live': 'polite' });
  const check = (): void => {
    const why = input.value.trim() ? checkSize(input.value.trim(), f) : undefined;
    input.setAttribute('aria-invalid', String(!!why));
    problem.textContent = why ? wordsOf(why) : '';
  };
  s.addEventListener('change', () => {
    input.hidden = s.value !== '';
    if (s.value) {
      problem.textContent = '';
      return set(s.value);
    }
    input.focus();
    if (input.value.trim()) set(input.value.trim());
  });
  input.addEventListener('input', () => {
    check();
    set(input.value.trim());
  });
  check();
  const el = labelled(f.label, s, f.description);
  el.append(input, problem);
  return el;
}
