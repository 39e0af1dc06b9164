/** The competition form's fields, checked into what storage takes, or the problems to show. */
import { nameProblem } from '$lib/engine/names';
import type { NewCompetition } from '$lib/db';
import { parseSeed } from '$lib/engine/random';
import { parseLocalDateTime } from '$lib/scoreboard/board-query';

export const MAX_SCENARIOS = 50;

export interface CompetitionFields {
	name: string;
	/** Chosen scenario versions as `id@version`. */
	scenarios: string[];
	/** datetime-local values; empty: open. */
	from: string;
	to: string;
	/** The deal number every player gets; empty: draw one. */
	seed: string;
}

export type FieldProblem =
	| 'name-empty'
	| 'name-long'
	| 'scenarios-none'
	| 'scenarios-many'
	| 'from-incomplete'
	| 'to-incomplete'
	| 'window'
	| 'seed';

export type FormResult =
	{ ok: true; competition: NewCompetition } | { ok: false; problems: FieldProblem[] };

/**
 * @example checkCompetition({ name: 'Cup', scenarios: ['a@1'], from: '', to: '', seed: '7' })
 * // { ok: true, competition: { name: 'Cup', scenarios: [{ id: 'a', version: 1 }], from: null, to: null, seed: 7 } }
 * An empty deal number leaves `seed` out: storage draws one.
 */
export function checkCompetition(fields: CompetitionFields): FormResult {
	const problems: FieldProblem[] = [];
	const name = fields.name.trim();
	const nameIssue = nameProblem(name);
	if (nameIssue) problems.push(`name-${nameIssue}`);
	const scenarios = [...new Set(fields.scenarios)].flatMap((key) => {
		const at = key.lastIndexOf('@');
		const version = Number(key.slice(at + 1));
		return at > 0 && Number.isInteger(version) && version >= 1
			? [{ id: key.slice(0, at), version }]
			: [];
	});
	if (scenarios.length === 0) problems.push('scenarios-none');
	else if (scenarios.length > MAX_SCENARIOS) problems.push('scenarios-many');
	const from = fields.from ? parseLocalDateTime(fields.from) : null;
	const to = fields.to ? parseLocalDateTime(fields.to) : null;
	if (fields.from && from === null) problems.push('from-incomplete');
	if (fields.to && to === null) problems.push('to-incomplete');
	if (from !== null && to !== null && to <= from) problems.push('window');
	const seed = fields.seed.trim() ? parseSeed(fields.seed) : undefined;
	if (fields.seed.trim() && seed === undefined) problems.push('seed');
	if (problems.length > 0) return { ok: false, problems };
	return {
		ok: true,
		competition: { name, scenarios, from, to, ...(seed === undefined ? {} : { seed }) }
	};
}
