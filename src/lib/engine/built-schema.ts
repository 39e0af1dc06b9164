/**
 * Schemas built at their first use: a module that defines many Zod schemas spends most of its
 * evaluation building them, on every page that loads it, whether or not it checks anything then
 * (docs/performance.md). Such a module defines them as Zod's lazy schemas (`z.lazy(() => …)`),
 * which parse as the schema they stand for, built at the first parse; `builtSchema` gives that
 * schema itself, to extend it, read its shape, or build it ahead in a task of its own.
 */
import type { z } from 'zod';

/**
 * The schema a lazy one stands for, built at the first call and the same one after (Zod's
 * `unwrap()` would build another each time).
 */
export function builtSchema<T extends z.ZodType>(schema: z.ZodLazy<T>): T {
	return schema._zod.innerType;
}
