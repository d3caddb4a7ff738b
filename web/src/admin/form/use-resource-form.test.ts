import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../api/api-error.js';
import { issuesToErrors } from './use-resource-form.js';

void test('API issues land on the field they name, nested paths also on their top field', () => {
  const err = new ApiError('VALIDATION_FAILED', 400, 'name: Required', {
    issues: [
      { path: 'name', message: 'Required' },
      { path: 'skills.1.level', message: 'Number must be at most 10' },
    ],
  });
  const { errors, formErrors } = issuesToErrors(err, ['name', 'skills']);
  assert.equal(errors['name'], 'Required');
  assert.equal(errors['skills.1.level'], 'Number must be at most 10');
  assert.equal(errors['skills'], 'Number must be at most 10');
  assert.deepEqual(formErrors, []);
});

void test('issues for unknown fields and errors without issues are shown form-wide', () => {
  const unknown = new ApiError('VALIDATION_FAILED', 400, 'bad', { issues: [{ path: 'tenant', message: 'Not allowed' }] });
  assert.deepEqual(issuesToErrors(unknown, ['name']).formErrors, ['tenant: Not allowed']);
  const conflict = new ApiError('CONFLICT', 409, 'A client with code ACME already exists');
  assert.deepEqual(issuesToErrors(conflict, ['code']), { errors: {}, formErrors: ['A client with code ACME already exists'] });
});
