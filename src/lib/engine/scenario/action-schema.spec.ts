import { beforeEach, describe, expect, it, vi } from 'vitest';
import { builtSchema } from '../built-schema';

// Each case evaluates the module afresh, as a page's first load does.
let module: typeof import('./action-schema');
beforeEach(async () => {
	vi.resetModules();
	module = await import('./action-schema');
});

/** Whether Zod built the schema a lazy one stands for (a Zod internal, see records.spec.ts). */
function built(schema: { _zod: { def: object } }): boolean {
	return (schema._zod.def as { _cachedInner?: unknown })._cachedInner !== undefined;
}

describe('the action schema', () => {
	it('is not built when the module loads, nor by the scenario format that holds it', async () => {
		await import('./schema');
		expect(built(module.actionSchema)).toBe(false);
		expect(built(module.actionsSchema)).toBe(false);
	});

	it('names every action type in ACTION_TYPES, in the order of its options', () => {
		const types = builtSchema(module.actionSchema).options.map((option) => option.shape.type.value);
		expect(module.ACTION_TYPES).toEqual(types);
	});

	it('parses as the schema it stands for', () => {
		expect(module.actionSchema.parse({ type: 'activity', activity: 'visit' })).toEqual({
			type: 'activity',
			activity: 'visit',
			people: []
		});
		expect(module.actionSchema.safeParse({ type: 'next' }).success).toBe(false);
		expect(module.actionsSchema.safeParse([{ type: 'advance' }]).success).toBe(true);
		expect(built(module.actionSchema)).toBe(true);
	});
});
