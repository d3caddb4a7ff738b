import { ROLES, type Role, type User } from '../../api/types.js';
import { isBlank, isEmail, requireFields, type FieldErrors } from '../form/validate.js';

export const MIN_PASSWORD = 10;

export interface UserDraft {
  email: string;
  name: string;
  role: Role | '';
  client_ids: string[];
  team_ids: string[];
  /** Required on create; on edit, blank keeps the current password. */
  password: string;
}

export const userDraft = (row: User | null): UserDraft => ({
  email: row?.email ?? '',
  name: row?.name ?? '',
  role: row?.role ?? '',
  client_ids: row?.client_ids ?? [],
  team_ids: row?.team_ids ?? [],
  password: '',
});

export function validateUser(d: UserDraft, isNew: boolean): FieldErrors {
  const errors: FieldErrors = {};
  requireFields(d, ['email', 'name', 'role'], errors);
  if (!errors['email'] && !isEmail(d.email)) errors['email'] = 'Not an email address';
  if (d.role !== '' && !ROLES.includes(d.role)) errors['role'] = 'Choose a role';
  if (d.role === 'admin' && d.team_ids.length) errors['team_ids'] = 'An admin sees every team: leave all unticked';
  if (isNew && isBlank(d.password)) errors['password'] = 'Required';
  else if (!isBlank(d.password) && d.password.length < MIN_PASSWORD) errors['password'] = `At least ${MIN_PASSWORD} characters`;
  return errors;
}

export function userBody(d: UserDraft): Record<string, unknown> {
  const body: Record<string, unknown> = {
    email: d.email.trim(),
    name: d.name.trim(),
    role: d.role,
    client_ids: d.client_ids,
    team_ids: d.team_ids,
  };
  if (!isBlank(d.password)) body['password'] = d.password;
  return body;
}
