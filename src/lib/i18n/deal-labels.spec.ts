/** dealLabel (deal-labels.ts) gives what termLabel (labels.ts) gives, for every id of its kinds. */
import { describe, expect, it } from 'vitest';
import { DEPARTMENTS, DIFFICULTIES, OUTCOMES, ROLES, STAGES } from '../engine/methodology';
import { dealLabel, type DealLabelKind } from './deal-labels';
import { termLabel } from './labels';

const kinds: [DealLabelKind, readonly string[]][] = [
	['stage', STAGES],
	['role', ROLES],
	['department', DEPARTMENTS],
	['difficulty', DIFFICULTIES],
	['outcome', OUTCOMES]
];

describe('dealLabel', () => {
	it.each(kinds)('labels every %s as termLabel does, in both languages', (kind, ids) => {
		for (const id of ids)
			for (const locale of ['en', 'zh-CN'] as const) {
				const label = dealLabel(kind, id, locale);
				expect(label, `${kind} ${id}`).not.toBe(id);
				expect(label).toBe(termLabel(kind, id, locale));
			}
	});

	it('gives the id itself for an unknown one', () => {
		expect(dealLabel('stage', 'no-such-stage', 'en')).toBe('no-such-stage');
	});
});
