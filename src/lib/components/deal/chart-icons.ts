/**
 * Glyphs shown beside the chart's role, attitude and contact labels, so that a value is read from
 * its shape and its text, never from colour alone. Presentation only: the ids and their meaning
 * live in src/lib/engine/methodology.ts.
 */
import type { AttitudeId, ContactId, LevelId, RoleId } from '$lib/engine/methodology';

export const ROLE_ICONS = {
	initiator: '▶',
	'decision-maker': '★',
	designer: '✎',
	evaluator: '⚖',
	user: '☺'
} as const satisfies Record<RoleId, string>;

export const ATTITUDE_ICONS = {
	supporter: '+',
	neutral: '○',
	opponent: '−'
} as const satisfies Record<AttitudeId, string>;

export const CONTACT_ICONS = {
	close: '●●●',
	frequent: '●●○',
	distant: '●○○',
	none: '○○○'
} as const satisfies Record<ContactId, string>;

export const LEVEL_ICONS = {
	decision: '▲',
	management: '◆',
	operational: '▼'
} as const satisfies Record<LevelId, string>;
