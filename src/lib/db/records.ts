/**
 * The shapes of the rows kept in IndexedDB, as Zod schemas with the types inferred from them.
 *
 * The schemas guard every way data comes in from outside the running app (a backup file, an
 * imported scenario); repositories build rows themselves and check them with the same schemas
 * before writing, so a bad row never reaches the disk.
 *
 * Conventions: times are milliseconds since 1970 (UTC) — numbers sort and index well and export
 * as plain JSON; an absent reference is `null`, never `undefined`, so that exported rows are plain
 * JSON too; ids made by the app are random UUIDs (see ids.ts).
 *
 * The record schemas, and the fields they share, are Zod's lazy schemas: each is built at its
 * first use (a write, a backup's check), not when the storage code loads: building them was most of the time this module took to
 * evaluate (about 10 of 17 ms in Node, on the built code), on every page that only reads (the
 * library, the scoreboard, a resumed deal: reads are not checked with them). A lazy schema parses
 * as the schema it stands for; `builtSchema` ($lib/engine/built-schema.ts) gives that schema
 * itself, to extend or to read its shape.
 */
import { z } from 'zod';
import { builtSchema } from '$lib/engine/built-schema';
import { OUTCOMES, RULES_VERSION, SCORE_CATEGORIES } from '$lib/engine/methodology';
import { MAX_NAME_LENGTH, nameKey } from '$lib/engine/names';
import { nameSchema } from '$lib/engine/name-schema';
import { MAX_SEED } from '$lib/engine/random';
import { rankKey } from '$lib/engine/results/rank-order';
import { actionSchema, idSchema, MAX_ACTIONS, MODES } from '$lib/engine/scenario/action-schema';
import { kpiDefinitionSchema } from '$lib/skills/kpi';
import { SKILLS } from '$lib/skills/skills';

// Practice shows the coach; only assessment attempts count on a scoreboard. One definition, in
// the engine's schema, where the attempt file's mode is defined.
export { MODES, type Mode } from '$lib/engine/scenario/action-schema';

/** Draft: being written; published: playable and frozen; retired: kept for old results. */
export const SCENARIO_STATUSES = ['draft', 'published', 'retired'] as const;
export type ScenarioStatus = (typeof SCENARIO_STATUSES)[number];

/** Where an attempt comes from: played on this device, or imported from another one. */
export const ATTEMPT_SOURCES = ['local', 'imported'] as const;
export type AttemptSource = (typeof ATTEMPT_SOURCES)[number];

/** Longest player or team name. */
export const MAX_NAME = MAX_NAME_LENGTH;
/** Largest scenario JSON text kept (a scenario of 50 people and 100 intel items is far below). */
export const MAX_SCENARIO_TEXT = 2_000_000;

export const timeSchema = z.lazy(() => z.int().min(0).max(8.64e15));
export const recordIdSchema = z.lazy(() => z.string().min(1).max(64));
export const hashSchema = z.lazy(() =>
	z.string().regex(/^[0-9a-f]{64}$/, { message: 'must be 64 lower-case hex digits' })
);
/** A player's, team's or competition's name: the engine's name rule (names.ts). */
export { nameSchema };

/** The key a name is looked up and compared by: the engine's name rule (names.ts). */
export { nameKey };

export const teamRecordSchema = z.lazy(() =>
	z.strictObject({
		id: recordIdSchema,
		name: nameSchema,
		nameKey: z.string(),
		createdAt: timeSchema
	})
);
export type TeamRecord = z.output<typeof teamRecordSchema>;

export const playerRecordSchema = z.lazy(() =>
	z.strictObject({
		id: recordIdSchema,
		name: nameSchema,
		nameKey: z.string(),
		teamId: recordIdSchema.nullable(),
		createdAt: timeSchema
	})
);
export type PlayerRecord = z.output<typeof playerRecordSchema>;

/** The seed a deal was drawn from; absent in rows stored before seeds existed (seed 0). */
export const seedSchema = z.lazy(() => z.int().min(0).max(MAX_SEED));
/** The scoring rules a deal is played under; absent in rows stored before versions existed (rules 1). */
export const rulesSchema = z.lazy(() => z.int().min(1).max(RULES_VERSION));

export const attemptResultSchema = z.lazy(() =>
	z.strictObject({
		outcome: z.enum(OUTCOMES),
		score: z.number().min(0).max(100),
		categories: z.partialRecord(z.enum(SCORE_CATEGORIES), z.number())
	})
);
export type AttemptResult = z.output<typeof attemptResultSchema>;

/**
 * One finished attempt, without its action list. The actions live in their own table
 * (`attemptActions`) so that scoreboard queries over many thousands of attempts read small rows;
 * `attempts.get(id)` joins them back.
 */
export const attemptRecordSchema = z.lazy(() =>
	z.strictObject({
		id: recordIdSchema,
		scenarioId: idSchema,
		scenarioVersion: z.int().min(1),
		scenarioHash: hashSchema,
		playerId: recordIdSchema,
		/** The player's name when the attempt was played (kept current by a rename). */
		playerName: nameSchema,
		teamId: recordIdSchema.nullable(),
		teamName: nameSchema.nullable(),
		mode: z.enum(MODES),
		seed: seedSchema.optional(),
		rules: rulesSchema.optional(),
		startedAt: timeSchema,
		finishedAt: timeSchema,
		result: builtSchema(attemptResultSchema),
		weeksUsed: z.int().min(0),
		/** True once the result was recomputed by replaying the actions and matched. */
		verified: z.boolean(),
		source: z.enum(ATTEMPT_SOURCES),
		/**
		 * When this device stored it: the finish of a play here, the import time of one from another
		 * device or a backup. Breaks ties on the boards, since no file's author can write it.
		 */
		arrivedAt: timeSchema,
		/** Content fingerprint for duplicate detection (fingerprint.ts); unique in the table. */
		fingerprint: hashSchema,
		/**
		 * The ranking as an index key, `[score, -weeksUsed, -arrivedAt, finishedAt]` (boardKey()):
		 * larger is better, so a scoreboard finds each player's best attempt by walking an index
		 * backwards; the finish time rides along for a window's filter. Derived: always recomputed on
		 * write, never trusted from a file.
		 */
		boardKey: z.tuple([z.number(), z.number(), z.number(), z.number()])
	})
);
export type AttemptRecord = z.output<typeof attemptRecordSchema>;

/**
 * The ranking key of an attempt: the engine's `rankKey` (src/lib/engine/results/rank-order.ts:
 * higher score, then fewer weeks used, then which arrived on this device first) with the finish
 * time after it. The finish time never decides between two keys that differ before it; a
 * window's filter reads it from the key.
 *
 * @example boardKey({ result: { score: 80 }, weeksUsed: 12, arrivedAt: 7, finishedAt: 5 }) // [80, -12, -7, 5]
 */
export function boardKey(
	attempt: Pick<AttemptRecord, 'weeksUsed' | 'finishedAt' | 'arrivedAt'> & {
		result: { score: number };
	}
): [number, number, number, number] {
	return [
		...rankKey({
			score: attempt.result.score,
			weeksUsed: attempt.weeksUsed,
			arrivedAt: attempt.arrivedAt
		}),
		attempt.finishedAt
	];
}

export const actionListSchema = z.lazy(() => z.array(builtSchema(actionSchema)).max(MAX_ACTIONS));

export const attemptActionsRecordSchema = z.lazy(() =>
	z.strictObject({
		/** The attempt's id. */
		id: recordIdSchema,
		actions: builtSchema(actionListSchema)
	})
);
export type AttemptActionsRecord = z.output<typeof attemptActionsRecordSchema>;

/** An attempt with its actions, as `attempts.get` returns it. */
export type Attempt = AttemptRecord & Pick<AttemptActionsRecord, 'actions'>;

/** A JSON value: what the deal machine's persisted snapshot must be to be stored. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export const dealRecordSchema = z.lazy(() =>
	z.strictObject({
		id: recordIdSchema,
		scenarioId: idSchema,
		scenarioVersion: z.int().min(1),
		scenarioHash: hashSchema,
		playerId: recordIdSchema,
		mode: z.enum(MODES),
		seed: seedSchema.optional(),
		rules: rulesSchema.optional(),
		startedAt: timeSchema,
		updatedAt: timeSchema,
		actions: builtSchema(actionListSchema),
		/** The deal machine's persisted snapshot, as JSON; opaque to storage. */
		snapshot: z.json(),
		/** Which shape of snapshot this is, so the play page can tell when to rebuild it. */
		snapshotVersion: z.int().min(0)
	})
);
export type DealRecord = z.output<typeof dealRecordSchema>;

/** Longest change note kept with a published version, in characters. */
export const MAX_CHANGE_NOTE = 500;

export const scenarioRecordSchema = z.lazy(() =>
	z.strictObject({
		id: idSchema,
		version: z.int().min(1),
		/** SHA-256 of the canonical JSON (docs/authoring.md, "The exported attempt file"). */
		hash: hashSchema,
		/** The scenario file exactly as the trainer wrote or imported it. */
		json: z.string().min(2).max(MAX_SCENARIO_TEXT),
		status: z.enum(SCENARIO_STATUSES),
		/** What changed in this version and why, as the trainer wrote it when publishing. */
		note: z.string().trim().min(1).max(MAX_CHANGE_NOTE).optional(),
		createdAt: timeSchema,
		updatedAt: timeSchema
	})
);
export type ScenarioRecord = z.output<typeof scenarioRecordSchema>;

export const scenarioRefSchema = z.lazy(() =>
	z.strictObject({ id: idSchema, version: z.int().min(1) })
);
export type ScenarioRef = z.output<typeof scenarioRefSchema>;

export const competitionRecordSchema = z.lazy(() =>
	z
		.strictObject({
			id: recordIdSchema,
			name: nameSchema,
			scenarios: z.array(builtSchema(scenarioRefSchema)).min(1).max(50),
			/** Start of the window, inclusive; null: open. */
			from: timeSchema.nullable(),
			/** End of the window, exclusive; null: open. */
			to: timeSchema.nullable(),
			/**
			 * The seed every player of the competition plays on, so that teams play the same deal; only
			 * results on it count. Competitions made before seeds existed have none and count every seed.
			 */
			seed: seedSchema.optional()
		})
		.refine((c) => c.from === null || c.to === null || c.from < c.to, {
			message: 'the window must end after it starts',
			path: ['to']
		})
);
export type CompetitionRecord = z.output<typeof competitionRecordSchema>;

export const settingRecordSchema = z.lazy(() =>
	z.strictObject({
		key: z.string().min(1).max(100),
		value: z.json()
	})
);
export type SettingRecord = z.output<typeof settingRecordSchema>;

/**
 * A KPI target a trainer defined for the class or a team (issue 19; $lib/skills/kpi.ts): a
 * metric, a comparator and a threshold 0..1.
 */
export const kpiTargetRecordSchema = z.lazy(() =>
	builtSchema(kpiDefinitionSchema).extend({
		id: recordIdSchema,
		createdAt: timeSchema
	})
);
export type KpiTargetRecord = z.output<typeof kpiTargetRecordSchema>;

/** Who practice is assigned to: one trainee, or every member of a team. */
export const ASSIGNEE_KINDS = ['player', 'team'] as const;

/**
 * Practice a trainer assigned (issue 19): a scenario version to play by a due date, chosen for a
 * skill (the trainee's or team's shortest stave, usually). `by` is the name the trainer signs
 * with, null when none was given.
 */
export const practiceRecordSchema = z.lazy(() =>
	z.strictObject({
		id: recordIdSchema,
		assigneeKind: z.enum(ASSIGNEE_KINDS),
		/** The player's or the team's id. */
		assigneeId: recordIdSchema,
		scenarioId: idSchema,
		scenarioVersion: z.int().min(1),
		skill: z.enum(SKILLS).nullable(),
		/** Due by the end of this time (ms since 1970). */
		due: timeSchema,
		assignedAt: timeSchema,
		by: nameSchema.nullable()
	})
);
export type PracticeRecord = z.output<typeof practiceRecordSchema>;

/** Every table, with the schema its rows must satisfy. */
export const RECORD_SCHEMAS = {
	players: playerRecordSchema,
	teams: teamRecordSchema,
	attempts: attemptRecordSchema,
	attemptActions: attemptActionsRecordSchema,
	deals: dealRecordSchema,
	scenarios: scenarioRecordSchema,
	competitions: competitionRecordSchema,
	settings: settingRecordSchema,
	kpiTargets: kpiTargetRecordSchema,
	practice: practiceRecordSchema
} as const;
export type TableName = keyof typeof RECORD_SCHEMAS;
export const TABLE_NAMES = Object.keys(RECORD_SCHEMAS) as TableName[];
