/**
 * The trainee's actions as a Zod 4 schema (an attempt is its scenario, its seed and these), with
 * the ids and the methodology's terms they name. Apart from the scenario format (schema.ts, which
 * re-exports all of it) so that a page playing a deal reads its actions without downloading the
 * schema of a whole scenario file (issue 20).
 */
import { z } from 'zod';
import { builtSchema } from '../built-schema';
import {
	ACTIVITIES,
	ATTITUDES,
	CONTACTS,
	DEPARTMENTS,
	LEVELS,
	OUTCOMES,
	ROLES,
	STAGES,
	STRATEGIES
} from '../methodology';

/** How a deal is played: practice is coached and stays off the scoreboards. */
export const MODES = ['practice', 'assessment'] as const;
export type Mode = (typeof MODES)[number];

export const idSchema = z
	.string()
	.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
		message: 'must be lower-case kebab case, such as "dean-zhao"'
	})
	.min(1)
	.max(64)
	.meta({ description: 'Lower-case kebab case, 1–64 characters, unique within its list.' });

export const stageSchema = z.enum(STAGES);
export const roleSchema = z.enum(ROLES);
export const attitudeSchema = z.enum(ATTITUDES);
export const contactSchema = z.enum(CONTACTS);
export const levelSchema = z.enum(LEVELS);
export const departmentSchema = z.enum(DEPARTMENTS);
export const activitySchema = z.enum(ACTIVITIES);
export const strategySchema = z.enum(STRATEGIES);
export const outcomeSchema = z.enum(OUTCOMES);

/**
 * Every action type, in the order the trainee's actions are described: one per `actionSchema`
 * option, in its order (action-schema.spec.ts holds them to it).
 */
export const ACTION_TYPES = [
	'strategy',
	'chart',
	'activity',
	'decide',
	'forecast',
	'advance',
	'withdraw'
] as const;

/**
 * One action. A lazy schema, built at its first use ($lib/engine/built-schema.ts): the pages that
 * load this module only to read what is stored (the library, the scoreboard, a resumed deal before
 * its first input) do not build it; the play page builds it once the deal is painted, in a task of
 * its own (play-session.svelte.ts), not in the first input's.
 */
export const actionSchema = z.lazy(() =>
	z.discriminatedUnion('type', [
		z.strictObject({ type: z.literal('strategy'), strategy: strategySchema }),
		z.strictObject({
			type: z.literal('chart'),
			person: idSchema,
			role: roleSchema.optional(),
			attitude: attitudeSchema.optional(),
			level: levelSchema.optional(),
			contact: contactSchema.optional()
		}),
		z.strictObject({
			type: z.literal('activity'),
			activity: activitySchema,
			people: z.array(idSchema).max(20).default([])
		}),
		z.strictObject({ type: z.literal('decide'), decision: idSchema, option: idSchema }),
		z.strictObject({ type: z.literal('forecast'), probability: z.number().min(0).max(1) }),
		z.strictObject({ type: z.literal('advance') }),
		z.strictObject({ type: z.literal('withdraw') })
	])
);
export type Action = z.output<typeof actionSchema>;
export type ActionInput = z.input<typeof actionSchema>;
export type ActionType = Action['type'];

/** Longest action list an attempt or a check may hold. */
export const MAX_ACTIONS = 2000;
export const actionsSchema = z.lazy(() => z.array(builtSchema(actionSchema)).max(MAX_ACTIONS));
