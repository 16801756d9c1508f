import type { GroupSpec } from '../command-spec.js';
import { LIBRARY_GROUP } from './library.js';
import { TOKEN_GROUP } from './token.js';

/** Every command group, in help order. */
export const GROUPS: readonly GroupSpec[] = [LIBRARY_GROUP, TOKEN_GROUP];
