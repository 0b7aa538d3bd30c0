import { describe, expect, it } from 'vitest';
import { i18nFor } from '../i18n';
import { errorsByField } from './Field';
import { fieldMessage } from './field-errors';

const ro = i18nFor('ro');
const uk = i18nFor('uk');

describe('field errors in the reader\'s language', () => {
  it('words the common Pydantic errors with their limits', () => {
    expect(fieldMessage({ pointer: '/name', detail: 'String should have at least 2 characters', type: 'string_too_short', ctx: { min_length: 2 } }, ro))
      .toBe('Cel puțin 2 caractere.');
    expect(fieldMessage({ pointer: '/employees_total', detail: 'Input should be ≤ 1000000', type: 'less_than_equal', ctx: { le: 1000000 } }, uk))
      .toBe('Має бути не більше 1\u00a0000\u00a0000.');
    expect(fieldMessage({ pointer: '/message', detail: 'String should have at least 1 character', type: 'string_too_short', ctx: { min_length: 1 } }, ro))
      .toBe('Câmpul este obligatoriu.');
    expect(fieldMessage({ pointer: '/buyer_email', detail: 'value is not a valid email address: An email address must have an @-sign.', type: 'value_error' }, ro))
      .toBe('Introduceți o adresă de e-mail validă, de ex. nume@example.org.');
  });

  it('words the API\'s own typed errors, such as a town the gazetteer does not know', () => {
    expect(fieldMessage({ pointer: '/town/name', detail: "No town named 'Atlantis' in the bundled towns of RO, MD and UA.", type: 'town_unknown', ctx: { name: 'Atlantis' } }, uk))
      .toBe('Ми не знаємо населеного пункту «Atlantis» у Румунії, Молдові чи Україні: перевірте написання або клацніть на мапі.');
  });

  it('keeps the API\'s message for the project\'s own rules and for untyped errors', () => {
    expect(fieldMessage({ pointer: '/employees_vulnerable', detail: 'employees_vulnerable cannot exceed employees_total.' }, ro))
      .toBe('employees_vulnerable cannot exceed employees_total.');
    expect(fieldMessage({ pointer: '/opening_hours', detail: 'not OpenStreetMap syntax', type: 'value_error' }, ro)).toBe('not OpenStreetMap syntax');
  });

  it('maps errors to their fields, worded when given the language', () => {
    const errors = [{ pointer: '/body/town/name', detail: 'Field required', type: 'missing' }];
    expect(errorsByField(errors)).toEqual({ town: 'Field required' });
    expect(errorsByField(errors, ro)).toEqual({ town: 'Câmpul este obligatoriu.' });
  });
});
