/**
 * Why each mutant the deal's specs do not kill may stay (scripts/mutation-survivors.ts matches
 * them, docs/mutation.md lists them). An explanation names the file, the function the mutant is
 * in, and the code it changes (and, where that is not enough to tell two mutants apart, the
 * mutator, the replacement or the lines).
 */

export const KINDS = {
	equivalent: 'the mutated code gives the same result for every deal (why, in each row).',
	unreachable:
		'no deal reaches it: the validator refuses the scenario that would, or an earlier check has already returned.',
	cache:
		'a memo of a value computed from the deal: without it the value is computed again, the same.',
	order:
		'the order of an object’s keys or of a list that is read as a set: nothing reads the order.'
} as const;

export interface Explanation {
	file: string;
	within: string;
	/** Text the mutated code contains. */
	original?: string;
	mutator?: string;
	/** Text the replacement contains. */
	replacement?: string;
	lines?: number[];
	kind: keyof typeof KINDS;
	why: string;
}

export const EXPLAINED: Explanation[] = [];
