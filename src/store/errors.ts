import { defineErrors } from '../platform/errors.js';

export const StoreErrors = defineErrors({
  DB_UNREACHABLE: { status: 503, message: 'database unreachable' },
  EMBEDDED_DB_FAILED: { status: 503, message: 'embedded database failed to start' },
  MIGRATION_FAILED: { status: 500, message: 'database migration failed' },
});
