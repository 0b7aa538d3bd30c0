// The API's field errors of a submission, by the form's own field names: a proposal's fields arrive
// nested (`/enterprise/name`, `/changes/website`), the submitter's at the top (`/submitter_email`).
import { ApiError, type FieldError } from '../api/client';
import { errorsByField, type FieldErrors } from '../forms/Field';
import type { I18n } from '../i18n';

const NESTED = /^\/(body\/)?(enterprise|changes)(?=\/)/;

export function submissionErrors(errors: FieldError[], i18n: I18n): FieldErrors {
  return errorsByField(errors.map((e) => ({ ...e, pointer: e.pointer.replace(NESTED, '') })), i18n);
}

/** The line above the submit button: wait (429), fix the fields (422), or try again. */
export function problemOf(error: unknown, i18n: I18n): { api: ApiError; problem: string } {
  const api = error instanceof ApiError ? error : new ApiError(0, String(error));
  const { t } = i18n;
  const problem = api.status === 429 ? t('form.tryAgainIn', { count: api.retryAfter ?? 60 })
    : api.errors.length ? t('form.fixFields') : api.status === 404 ? t('participate.gone') : t('form.error');
  return { api, problem };
}
