// The kernel's own failures (an import it can't resolve, a message it doesn't understand), with a code
// as every Kiroku error has. Errors thrown by cells keep their own class.
import { KirokuError } from '../../lib/errors';

export type KernelErrorCode = 'MODULE_NOT_FOUND' | 'BAD_REQUEST' | 'NOT_READY' | 'CONST_ASSIGNMENT';

export class KernelError extends KirokuError {
  constructor(message: string, code: KernelErrorCode) {
    super(message, code);
    this.name = 'KernelError';
  }
}
