import { KirokuError } from '../lib/errors';

/** Export, import and clear failures: a file that is not a workspace archive, a full disk. */
export class WorkspaceError extends KirokuError {
  constructor(message: string, code: 'BAD_ARCHIVE' | 'TOO_LARGE' | 'QUOTA_EXCEEDED' | 'BLOCKED' = 'BAD_ARCHIVE') {
    super(message, code);
    this.name = 'WorkspaceError';
  }
}
