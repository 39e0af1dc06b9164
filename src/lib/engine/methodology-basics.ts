/**
 * The part of the methodology (methodology.ts) that pages outside a deal show: the procurement
 * stages with the people to work with in each, the buying roles and departments, how a deal ends,
 * the difficulties and the medals. Apart so that the home page downloads these few facts, not
 * every rule and number of the deal (issue 20). They live here only; methodology.ts re-exports
 * them, and the engine imports them from there.
 */

/** The six procurement stages (采购流程的六个阶段), in order. */
export const STAGES = [
	'discover-needs',
	'internal-deliberation',
	'system-design',
	'evaluation',
	'commitment',
	'implementation'
] as const;
export type StageId = (typeof STAGES)[number];

/** Buying roles (采购角色). */
export const ROLES = ['initiator', 'decision-maker', 'designer', 'evaluator', 'user'] as const;
export type RoleId = (typeof ROLES)[number];

/** The customer's departments (客户组织结构). */
export const DEPARTMENTS = ['leadership', 'technical', 'user', 'finance', 'procurement'] as const;
export type DepartmentId = (typeof DEPARTMENTS)[number];

/** How a deal ends. */
export const OUTCOMES = ['won', 'lost', 'withdrawn'] as const;
export type OutcomeId = (typeof OUTCOMES)[number];

export const DIFFICULTIES = ['intro', 'standard', 'expert'] as const;
export type DifficultyId = (typeof DIFFICULTIES)[number];

/**
 * Who the seller should mostly work with in each stage: the default methodology's `keyRoles`
 * (a scenario may override them, `resolveMethodology`).
 */
export const KEY_ROLES: Record<StageId, readonly RoleId[]> = {
	'discover-needs': ['initiator', 'user'],
	'internal-deliberation': ['decision-maker'],
	'system-design': ['designer'],
	evaluation: ['evaluator', 'decision-maker'],
	commitment: ['decision-maker'],
	implementation: ['user']
};

/** Departments whose people matter too in a stage: the default methodology's `keyDepartments`. */
export const KEY_DEPARTMENTS: Record<StageId, readonly DepartmentId[]> = {
	'discover-needs': [],
	'internal-deliberation': [],
	'system-design': [],
	evaluation: [],
	commitment: ['finance', 'procurement'],
	implementation: []
};

/** Medals of a total score, best first: the least total each needs. */
export const MEDALS = [
	{ medal: 'gold', min: 90 },
	{ medal: 'silver', min: 75 },
	{ medal: 'bronze', min: 50 }
] as const;
export type Medal = (typeof MEDALS)[number]['medal'];

/** The medal a total earns: `medalOf(75)` → `'silver'`, `medalOf(49.9)` → undefined. */
export function medalOf(total: number): Medal | undefined {
	return MEDALS.find((tier) => total >= tier.min)?.medal;
}
