/**
 * Practice for the shortest stave (issue 19): the published scenario that weighs the skill most
 * in its score, among those the trainee has played least.
 */
import { SKILL_DEFINITIONS, type ScenarioWeights, type SkillId } from './skills';

export interface PracticeCandidate {
	id: string;
	version: number;
	weights: ScenarioWeights;
}

/** The share of a scenario's score a skill carries, 0..1. */
export function emphasis(weights: ScenarioWeights, skill: SkillId): number {
	const total = Object.values(weights).reduce((a, b) => a + b, 0);
	return total > 0 ? weights[SKILL_DEFINITIONS[skill].category] / total : 0;
}

/**
 * The scenario to practise a skill on: the largest share of the score on that skill (a scenario
 * that does not judge it is never chosen), then the one played least by the trainee, then by id
 * and the newest version — the same inputs always choose the same scenario.
 */
export function choosePractice(
	skill: SkillId,
	candidates: readonly PracticeCandidate[],
	played: ReadonlyMap<string, number> = new Map()
): PracticeCandidate | undefined {
	const ranked = candidates
		.filter((candidate) => emphasis(candidate.weights, skill) > 0)
		.map((candidate) => ({
			candidate,
			share: Math.round(emphasis(candidate.weights, skill) * 1000),
			plays: played.get(candidate.id) ?? 0
		}))
		.sort(
			(a, b) =>
				b.share - a.share ||
				a.plays - b.plays ||
				(a.candidate.id < b.candidate.id ? -1 : a.candidate.id > b.candidate.id ? 1 : 0) ||
				b.candidate.version - a.candidate.version
		);
	return ranked[0]?.candidate;
}
