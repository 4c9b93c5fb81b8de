// Every search error ends with "at position N" so the message alone locates the problem, and carries
// the same offset in `position` so a UI can put a caret under it.

import { SearchSyntaxError } from '../../lib/errors';

export function syntaxError(message: string, position: number): SearchSyntaxError {
  return new SearchSyntaxError(`${message} at position ${position}`, position);
}
