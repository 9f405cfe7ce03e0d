import * as z from 'zod/mini';
import { en } from 'zod/locales';

/**
 * `zod/mini` ships without default messages (that is part of why it is small); this turns on the same
 * English messages classic zod uses, once per process. Every module that defines request schemas imports
 * it for this side effect, so a validation answer never says just "Invalid input".
 */
z.config(en());
