/**
 * The name rule (names.ts) as a Zod schema, for storage, backups and the class hub: a name is
 * cleaned (`cleanName`) and then 1..MAX_NAME_LENGTH characters. Apart from names.ts so that the
 * pages that check a typed name with `nameProblem` do not download Zod. Built at its first use
 * ($lib/engine/built-schema.ts): the storage code loads this module.
 */
import { z } from 'zod';
import { cleanName, MAX_NAME_LENGTH } from './names';

export const nameSchema = z.lazy(() =>
	z.string().transform(cleanName).pipe(z.string().min(1).max(MAX_NAME_LENGTH))
);
