/**
 * The scenario format, version 2 (docs/authoring.md; version 1 files are lifted by format.ts), as
 * a Zod 4 schema. Version 2 only adds to version 1: conditions (`if`), several decisions per
 * stage, events that end the deal or are headed off by method (`defence`), variants drawn from a
 * seed, attitude bands and wise withdrawals. Every version-1 field keeps its meaning.
 *
 * Every object is strict: an unknown or misspelt field ("peolpe") is refused with its name.
 * The engine's types are inferred from these schemas, never written twice. Semantic rules that
 * need the whole file (references, duplicates, reachability) live in `scenario-rules.ts`.
 *
 * The trainee's actions (`action-schema.ts`) and the formats' names (`format-names.ts`) live apart,
 * so that the play page does not download this schema, and are re-exported here.
 */
import { z } from 'zod';
import { MAX_SEED } from '../random';
import { MAX_NAME_LENGTH } from '../names';
import {
	ATTITUDES,
	CONTACTS,
	DIFFICULTIES,
	FITS,
	INTEL_KINDS,
	POSITIONS,
	RULES_VERSION,
	SCORE_CATEGORIES,
	STAGES,
	STRATEGIES
} from '../methodology';
import {
	actionsSchema,
	activitySchema,
	attitudeSchema,
	contactSchema,
	departmentSchema,
	idSchema,
	levelSchema,
	outcomeSchema,
	roleSchema,
	stageSchema,
	strategySchema,
	MODES
} from './action-schema';
import { ATTEMPT_FORMAT, LOCALES, SCENARIO_FORMAT, SCENARIO_FORMAT_1 } from './format-names';

export * from './action-schema';
export * from './format-names';

/** Longest text a scenario may hold in one field: enough for a long brief, not for abuse. */
export const MAX_TEXT = 4000;

// One text schema, described per field: each `.trim().min().max()` makes and checks a new schema,
// which for two dozen fields was a noticeable part of building this module in the browser.
const nonEmptyText = z.string().trim().min(1, { message: 'must not be empty' }).max(MAX_TEXT);
const text = (description: string) => nonEmptyText.meta({ description });

const attitudeStep = z
	.int()
	.min(-2)
	.max(2)
	.meta({ description: 'Attitude steps: -2..2 (opponent ← neutral → supporter).' });

export const effectSchema = z.strictObject({
	person: idSchema.meta({ description: 'The person affected (a people[].id).' }),
	attitude: attitudeStep
});

// ---------------------------------------------------------------- conditions (format 2)

/**
 * A fact about the deal so far, for `if` on events, decisions, options, briefs and withdrawals.
 * Exactly one kind per object; `all`, `any` and `not` combine them.
 */
export type Condition =
	| { intel: string }
	| { decision: string; option?: string }
	| { person: string; attitude: (typeof ATTITUDES)[number][] }
	| { person: string; contact: (typeof CONTACTS)[number] }
	| { strategy: (typeof STRATEGIES)[number] }
	| { stage: (typeof STAGES)[number] }
	| { variant: string }
	| { all: Condition[] }
	| { any: Condition[] }
	| { not: Condition };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
	z.union([
		z.strictObject({
			intel: idSchema.meta({ description: 'True once this intel item has been learned.' })
		}),
		z.strictObject({
			decision: idSchema.meta({ description: 'True once this decision has been answered…' }),
			option: idSchema.optional().meta({ description: '…with this option.' })
		}),
		z.strictObject({
			person: idSchema,
			attitude: z
				.array(attitudeSchema)
				.min(1)
				.max(3)
				.meta({ description: 'True while the person’s true attitude is one of these.' })
		}),
		z.strictObject({
			person: idSchema,
			contact: contactSchema.meta({ description: 'True while our contact is at least this.' })
		}),
		z.strictObject({ strategy: strategySchema.meta({ description: 'The strategy in force.' }) }),
		z.strictObject({ stage: stageSchema.meta({ description: 'This stage has been reached.' }) }),
		z.strictObject({
			variant: idSchema.meta({ description: 'The deal’s variant drawn from its seed.' })
		}),
		z.strictObject({ all: z.array(conditionSchema).min(1).max(10) }),
		z.strictObject({ any: z.array(conditionSchema).min(1).max(10) }),
		z.strictObject({ not: conditionSchema })
	])
);

// ---------------------------------------------------------------- the scenario

export const personSchema = z.strictObject({
	id: idSchema,
	name: text('The person’s name.'),
	title: text('Position in the org chart; shows the level.'),
	department: departmentSchema,
	level: levelSchema,
	role: roleSchema.meta({ description: 'Truth: hidden from the trainee until the debrief.' }),
	attitude: attitudeSchema.meta({ description: 'Truth at the start: hidden from the trainee.' }),
	contact: contactSchema.meta({ description: 'Our contact at the start: visible.' }),
	influence: z.int().min(1).max(5).meta({ description: 'Weight in the buying decision, 1..5.' }),
	attitudeBand: z.tuple([attitudeSchema, attitudeSchema]).optional().meta({
		description:
			'Format 2: the start attitude is drawn from the seed within this band (inclusive), so each attempt differs.'
	}),
	known: z
		.boolean()
		.default(true)
		.meta({ description: 'On the trainee’s chart from the start (default true).' }),
	profile: text('What the trainee can read about this person.'),
	responds: z
		.partialRecord(activitySchema, z.int().min(-2).max(2))
		.optional()
		.meta({ description: 'This person’s own reaction to an activity type, -2..2.' })
});
export type Person = z.output<typeof personSchema>;

export const intelSchema = z.strictObject({
	id: idSchema,
	kind: z.enum(INTEL_KINDS),
	text: text('The fact, as the trainee learns it.'),
	stage: stageSchema.meta({ description: 'The earliest stage in which it can be learned.' }),
	from: z.array(idSchema).min(1).meta({ description: 'People who can reveal it (ids).' }),
	by: z.array(activitySchema).min(1).meta({ description: 'Activity types that can reveal it.' }),
	reveals: idSchema
		.optional()
		.meta({ description: 'Learning it puts this hidden person (known: false) on the chart.' })
});
export type Intel = z.output<typeof intelSchema>;

/** How a threat is headed off by method: a fitting activity in the stage with the right person. */
export const defenceSchema = z
	.strictObject({
		role: roleSchema
			.optional()
			.meta({ description: 'Someone holding this buying role (in the variant drawn).' }),
		person: idSchema.optional().meta({ description: 'Or this person.' }),
		fit: z
			.enum(['good', 'fair'])
			.default('fair')
			.meta({ description: 'The least fit of the activity for the stage (gifts never count).' }),
		activities: z
			.array(activitySchema)
			.min(1)
			.optional()
			.meta({ description: 'Only these activity types count (default: any that fits).' })
	})
	.meta({
		description:
			'Headed off when, in this stage before the event fires, the trainee did a fitting activity with such a person.'
	});
export type Defence = z.output<typeof defenceSchema>;

export const eventSchema = z.strictObject({
	when: z.enum(['start', 'end']),
	if: conditionSchema
		.optional()
		.meta({ description: 'Format 2: the event happens only if this holds.' }),
	text: text('What happens, as the trainee reads it.'),
	headedOff: text('Format 2: what the trainee reads when the threat was headed off.').optional(),
	unless: z
		.strictObject({ activity: activitySchema, person: idSchema.optional() })
		.optional()
		.meta({
			description: 'Skipped if the trainee did this activity (with this person) in the stage.'
		}),
	defence: z
		.union([defenceSchema, z.array(defenceSchema).min(1).max(5)])
		.optional()
		.meta({ description: 'Format 2: headed off by method (any one of these suffices).' }),
	effects: z.array(effectSchema).max(20).default([]),
	ends: z
		.literal('lost')
		.optional()
		.meta({ description: 'Format 2: when the event happens, the deal is lost.' })
});
export type StageEvent = z.output<typeof eventSchema>;

export const optionSchema = z.strictObject({
	id: idSchema,
	if: conditionSchema
		.optional()
		.meta({ description: 'Format 2: the option is offered only if this holds.' }),
	text: text('The option as the trainee reads it.'),
	score: z.number().min(0).max(1).meta({ description: 'Credit for choosing it, 0..1.' }),
	feedback: text('Shown in the debrief: why this choice is right or weak.'),
	ends: outcomeSchema
		.optional()
		.meta({ description: 'Choosing it ends the deal with this outcome.' }),
	effects: z.array(effectSchema).max(20).default([])
});
export type DecisionOption = z.output<typeof optionSchema>;

export const decisionSchema = z.strictObject({
	id: idSchema,
	if: conditionSchema
		.optional()
		.meta({ description: 'Format 2: the decision is asked only if this holds in the stage.' }),
	prompt: text('The question the trainee must answer before leaving the stage.'),
	options: z.array(optionSchema).min(2).max(8)
});
export type Decision = z.output<typeof decisionSchema>;

export const stagePlanSchema = z.strictObject({
	brief: text('Narrative shown when the stage opens.'),
	briefs: z
		.array(
			z.strictObject({
				if: conditionSchema,
				text: text('The brief shown instead when the condition holds as the stage opens.')
			})
		)
		.max(10)
		.optional()
		.meta({ description: 'Format 2: alternative briefs; the first whose condition holds wins.' }),
	events: z.array(eventSchema).max(20).default([]),
	decision: decisionSchema.optional(),
	decisions: z
		.array(decisionSchema)
		.max(5)
		.default([])
		.meta({ description: 'Format 2: more decisions, each with its own condition.' })
});
export type StagePlan = z.output<typeof stagePlanSchema>;

export const competitorSchema = z.strictObject({
	id: idSchema,
	name: text('The competitor’s name.'),
	edge: text('What the competitor is strong at.')
});

const stagesShape = Object.fromEntries(STAGES.map((stage) => [stage, stagePlanSchema])) as Record<
	(typeof STAGES)[number],
	typeof stagePlanSchema
>;

export const weightsSchema = z.partialRecord(z.enum(SCORE_CATEGORIES), z.number().min(0).max(100));

export const methodologyOverridesSchema = z
	.strictObject({
		costs: z
			.partialRecord(
				activitySchema,
				z.strictObject({
					money: z.number().min(0).max(1e9).optional(),
					weeks: z.int().min(0).max(52).optional()
				})
			)
			.optional(),
		fit: z.partialRecord(activitySchema, z.partialRecord(stageSchema, z.enum(FITS))).optional(),
		keyRoles: z.partialRecord(stageSchema, z.array(roleSchema).min(1)).optional(),
		funnel: z.partialRecord(stageSchema, z.number().min(0).max(1)).optional(),
		purchase: z
			.strictObject({
				threshold: z.number().min(-1).max(2).optional().meta({
					description:
						'Format 2: the support the purchase needs (default 0.5): higher for a customer who is hard to win.'
				})
			})
			.optional()
	})
	.meta({ description: 'Overrides of the methodology defaults.' });
export type MethodologyOverrides = z.output<typeof methodologyOverridesSchema>;

export const variantSchema = z.strictObject({
	id: idSchema,
	weight: z.number().min(0).max(1000).default(1).meta({ description: 'Relative chance.' }),
	people: z
		.record(
			idSchema,
			z.strictObject({
				role: roleSchema.optional(),
				attitude: attitudeSchema.optional(),
				influence: z.int().min(1).max(5).optional(),
				known: z.boolean().optional(),
				title: text('The person’s title in this variant.').optional(),
				profile: text('What the trainee reads about this person in this variant.').optional()
			})
		)
		.default({})
		.meta({ description: 'What differs for these people in this variant.' })
});
export type Variant = z.output<typeof variantSchema>;

export const withdrawalSchema = z.strictObject({
	stage: stageSchema.meta({ description: 'Withdrawing in this stage or a later one…' }),
	if: conditionSchema.optional().meta({ description: '…while this holds is the lesson.' }),
	credit: z.number().min(0).max(1).default(1).meta({ description: 'Outcome credit, 0..1.' }),
	feedback: text('Shown in the debrief: why withdrawing here was wise.')
});
export type Withdrawal = z.output<typeof withdrawalSchema>;

export const checkSchema = z.strictObject({
	name: text('What this check proves.'),
	seed: z
		.int()
		.min(0)
		.max(MAX_SEED)
		.default(0)
		.meta({ description: 'Format 2: the seed the actions are played on (the variant drawn).' }),
	actions: actionsSchema,
	expect: z
		.strictObject({
			outcome: outcomeSchema.optional(),
			minScore: z.number().min(0).max(100).optional(),
			maxScore: z.number().min(0).max(100).optional()
		})
		.meta({ description: 'What the replay of the actions must give.' })
});
export type ScenarioCheck = z.output<typeof checkSchema>;

export const scenarioSchema = z
	.strictObject({
		$schema: z.string().max(500).optional().meta({ description: 'JSON Schema for editors.' }),
		// Format 2 only adds fields to format 1: one schema reads both (format.ts lifts the name).
		format: z.enum([SCENARIO_FORMAT_1, SCENARIO_FORMAT]),
		id: idSchema,
		version: z.int().min(1).max(1_000_000),
		locale: z.enum(LOCALES),
		title: text('The scenario’s title.'),
		summary: text('One paragraph for the scenario card.'),
		difficulty: z.enum(DIFFICULTIES),
		tags: z.array(z.string().min(1).max(40)).max(20).optional(),
		customer: z.strictObject({
			name: text('The customer’s name.'),
			industry: text('The customer’s industry.'),
			ourShare: z
				.number()
				.min(0)
				.max(1)
				.meta({ description: 'Our share of their purchases in our category, 0..1.' }),
			background: text('What the trainee knows about the customer at the start.')
		}),
		deal: z.strictObject({
			product: text('What is being sold.'),
			value: z.number().positive().max(1e13),
			currency: z
				.string()
				.regex(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code such as "CNY"' }),
			ourPosition: z.enum(POSITIONS),
			competitors: z.array(competitorSchema).min(1).max(10)
		}),
		resources: z.strictObject({
			weeks: z.int().min(1).max(520),
			budget: z.number().min(0).max(1e12)
		}),
		strategy: z.strictObject({
			best: strategySchema,
			acceptable: z.array(strategySchema).default([]),
			why: text('Shown in the debrief: why this strategy fits this customer.')
		}),
		people: z.array(personSchema).min(1).max(50),
		intel: z.array(intelSchema).max(100).default([]),
		stages: z.strictObject(stagesShape),
		variants: z
			.array(variantSchema)
			.max(20)
			.default([])
			.meta({ description: 'Format 2: deals drawn from a seed, so each attempt differs.' }),
		withdrawals: z
			.array(withdrawalSchema)
			.max(10)
			.default([])
			.meta({ description: 'Format 2: when withdrawing is the wise move.' }),
		translationOf: z
			.strictObject({ id: idSchema, locale: z.enum(LOCALES) })
			.optional()
			.meta({ description: 'Format 2: the scenario this one translates.' }),
		scoring: z.strictObject({ weights: weightsSchema }).optional(),
		methodology: methodologyOverridesSchema.optional(),
		checks: z.array(checkSchema).max(50).optional()
	})
	.meta({
		title: 'sales-sim scenario',
		description: 'A key-account deal scenario for sales-sim (format sales-sim/scenario@2).'
	});

/** A scenario after validation, with the contract's defaults applied. */
export type Scenario = z.output<typeof scenarioSchema>;
/** A scenario file as a trainer writes it. */
export type ScenarioInput = z.input<typeof scenarioSchema>;

export const attemptSchema = z.strictObject({
	format: z.literal(ATTEMPT_FORMAT),
	scenario: z.strictObject({
		id: idSchema,
		version: z.int().min(1),
		hash: z.string().regex(/^[0-9a-f]{64}$/, { message: 'must be 64 lower-case hex digits' })
	}),
	player: z.string().trim().min(1).max(MAX_NAME_LENGTH),
	team: z.string().trim().max(MAX_NAME_LENGTH).optional(),
	mode: z.enum(MODES),
	seed: z.int().min(0).max(MAX_SEED).meta({ description: 'The seed the deal was drawn from.' }),
	rules: z
		.int()
		.min(1)
		.max(RULES_VERSION)
		.meta({ description: 'The version of the scoring rules the attempt was played under.' }),
	startedAt: z.iso.datetime({ offset: true }),
	finishedAt: z.iso.datetime({ offset: true }),
	actions: actionsSchema,
	result: z.strictObject({
		outcome: outcomeSchema,
		score: z.number().min(0).max(100),
		categories: z.partialRecord(z.enum(SCORE_CATEGORIES), z.number()).optional()
	})
});
export type ExportedAttempt = z.output<typeof attemptSchema>;
