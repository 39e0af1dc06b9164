import { describe, expect, it } from 'vitest';
import { optionParam, readTryStart } from './try-from';

const read = (query: string) => readTryStart(new URLSearchParams(query));

describe('readTryStart: where a try-out starts, from its address', () => {
	it.each([
		['', undefined],
		['stage=discover-needs', undefined],
		['check=1&stage=evaluation', { kind: 'check', check: 1, stage: 'evaluation' }],
		['check=0', { kind: 'check', check: 0, stage: 'discover-needs' }],
		['stage=system-design', { kind: 'facts', stage: 'system-design', facts: {} }],
		[
			`stage=evaluation&variant=grant-locked&strategy=farming&intel=a&intel=b&option=${optionParam('specs', 'withdraw')}`,
			{
				kind: 'facts',
				stage: 'evaluation',
				facts: {
					variant: 'grant-locked',
					strategy: 'farming',
					intel: ['a', 'b'],
					options: { specs: 'withdraw' }
				}
			}
		],
		// Unknown or empty values are left out, never guessed.
		['stage=nowhere&strategy=bribery&intel=&option=half&option=a/b/c&check=-1', undefined],
		['check=x&stage=commitment', { kind: 'facts', stage: 'commitment', facts: {} }]
	])('%s', (query, expected) => {
		expect(read(query)).toEqual(expected);
	});
});
