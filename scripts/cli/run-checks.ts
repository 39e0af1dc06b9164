/** Running each scenario's own `checks` for `npm run scenarios -- check`. */
import { runChecks, type CheckResult } from '../../src/lib/engine/deal/checks';
import type { Scenario } from '../../src/lib/engine/scenario/schema';
import { refusalText } from '../../src/lib/i18n/engine-text';

/** One line per check; returns the lines and whether every check passed. */
export function describeChecks(scenario: Scenario): {
	lines: string[];
	passed: boolean;
	results: CheckResult[];
} {
	const results = runChecks(scenario);
	const lines = results.map((result) => {
		const head = `${result.passed ? 'pass' : 'FAIL'}  check "${result.name}": ${result.outcome ?? 'unfinished'}, score ${result.score}`;
		const why = result.failures.map((failure) => {
			switch (failure.code) {
				case 'outcome':
					return `expected outcome ${failure.expected}, got ${failure.actual}`;
				case 'min-score':
					return `expected a score of at least ${failure.expected}, got ${failure.actual}`;
				case 'max-score':
					return `expected a score of at most ${failure.expected}, got ${failure.actual}`;
				case 'refused':
					return result.refused
						.map((r) => `actions[${r.index}] refused: ${refusalText(r.refusal, scenario, 'en')}`)
						.join('; ');
			}
		});
		return why.length > 0 ? `${head}\n        ${why.join('\n        ')}` : head;
	});
	return { lines, passed: results.every((r) => r.passed), results };
}
