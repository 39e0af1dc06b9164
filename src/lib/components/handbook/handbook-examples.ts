/**
 * The worked examples the handbook teaches with. They illustrate the method; they are not rules:
 * the rules (rates, fit, key roles) come from the methodology module and are applied to these
 * figures on the page, so an example always agrees with the engine.
 */
import type {
	AttitudeId,
	ContactId,
	DepartmentId,
	LevelId,
	RoleId,
	StageId
} from '$lib/engine/methodology';

/** The course's funnel (§9): what one seller's territory could buy, down to what was closed. */
export const FUNNEL_EXAMPLE = [
	{ id: 'territory', amount: 1_000_000 },
	{ id: 'found', amount: 800_000 },
	{ id: 'contacted', amount: 750_000 },
	{ id: 'chance', amount: 500_000 },
	{ id: 'closed', amount: 300_000 }
] as const;
export type FunnelLevelId = (typeof FUNNEL_EXAMPLE)[number]['id'];

/**
 * A team's open opportunities by the stage each has reached, for the forecast example. Deals in
 * implementation are already won, so, as in the course, five levels are forecast.
 */
export const FORECAST_EXAMPLE: readonly { stage: StageId; amount: number }[] = [
	{ stage: 'discover-needs', amount: 4_000_000 },
	{ stage: 'internal-deliberation', amount: 3_000_000 },
	{ stage: 'system-design', amount: 2_500_000 },
	{ stage: 'evaluation', amount: 2_000_000 },
	{ stage: 'commitment', amount: 1_500_000 }
];

export interface ChartExampleRow {
	/** Key of the person's name and title in the handbook catalogue. */
	id: 'wang' | 'li' | 'zhang' | 'sun' | 'zhao' | 'chen';
	level: LevelId;
	department: DepartmentId;
	role: RoleId;
	attitude: AttitudeId;
	contact: ContactId;
}

/** A hospital buying a laboratory information system, as one seller charted it. */
export const CHART_EXAMPLE: readonly ChartExampleRow[] = [
	{
		id: 'wang',
		level: 'decision',
		department: 'leadership',
		role: 'decision-maker',
		attitude: 'neutral',
		contact: 'distant'
	},
	{
		id: 'li',
		level: 'management',
		department: 'user',
		role: 'initiator',
		attitude: 'supporter',
		contact: 'frequent'
	},
	{
		id: 'zhang',
		level: 'management',
		department: 'technical',
		role: 'designer',
		attitude: 'neutral',
		contact: 'none'
	},
	{
		id: 'sun',
		level: 'management',
		department: 'finance',
		role: 'evaluator',
		attitude: 'neutral',
		contact: 'none'
	},
	{
		id: 'zhao',
		level: 'operational',
		department: 'procurement',
		role: 'evaluator',
		attitude: 'opponent',
		contact: 'distant'
	},
	{
		id: 'chen',
		level: 'operational',
		department: 'user',
		role: 'user',
		attitude: 'supporter',
		contact: 'close'
	}
];

/**
 * The barrel picture of §7: how long each stave (element of the sales process) is in one
 * imagined team, 0..1. The shortest one, sales opportunities here, sets the water line.
 */
export const BARREL_EXAMPLE = [
	{ id: 'customers', length: 0.9 },
	{ id: 'opportunities', length: 0.5 },
	{ id: 'activities', length: 0.78 },
	{ id: 'results', length: 0.68 }
] as const;
export type BarrelStaveId = (typeof BARREL_EXAMPLE)[number]['id'];
