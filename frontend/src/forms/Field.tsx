// A labelled form field whose error (from the API's problem+json `errors[].pointer`) is announced
// and tied to the input with aria-describedby / aria-invalid.
import type { ComponentChildren } from 'preact';
import type { FieldError } from '../api/client';
import type { I18n } from '../i18n';
import { fieldMessage } from './field-errors';

export type FieldErrors = Record<string, string>;

/**
 * `/buyer_email` → `buyer_email`; a nested pointer keeps its first segment (`/town/name` → `town`).
 * With `i18n`, the common errors are worded in the reader's language (forms/field-errors.ts).
 */
export function errorsByField(errors: FieldError[], i18n?: I18n): FieldErrors {
  const out: FieldErrors = {};
  for (const e of errors) {
    const name = e.pointer.replace(/^\/(body\/)?/, '').split('/')[0] ?? '';
    if (name && !out[name]) out[name] = i18n ? fieldMessage(e, i18n) : e.detail;
  }
  return out;
}

interface Props {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string;
  required?: boolean;
  children: (attrs: { id: string; 'aria-invalid'?: 'true'; 'aria-describedby'?: string; required?: boolean }) => ComponentChildren;
}

export function Field({ id, label, error, hint, required, children }: Props) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`field${error ? ' field--invalid' : ''}`}>
      <label for={id}>{label}{required && <span aria-hidden="true"> *</span>}</label>
      {hint && <p id={`${id}-hint`} class="hint">{hint}</p>}
      {children({ id, ...(error ? { 'aria-invalid': 'true' as const } : {}), ...(described ? { 'aria-describedby': described } : {}), ...(required ? { required: true } : {}) })}
      {error && <p id={`${id}-error`} class="field__error">{error}</p>}
    </div>
  );
}
