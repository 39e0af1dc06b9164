import { describe, expect, it } from 'vitest';
import { PAGE_SIZE, ProjectorBoard, type ProjectorRow } from './scoreboard-projector.svelte';

function rows(...keys: string[]): ProjectorRow[] {
	return keys.map((key, i) => ({
		key,
		rank: i + 1,
		name: key.toUpperCase(),
		detail: '',
		score: 100 - i,
		attemptId: null
	}));
}
const say = (row: ProjectorRow) => `leader ${row.name}`;

describe('ProjectorBoard', () => {
	it('marks nothing at first, then moves against the previous snapshot, and announces a new leader once', () => {
		const board = new ProjectorBoard();
		board.update('b', rows('a', 'b'), say);
		expect([...board.changes.values()].map((c) => c.kind)).toEqual(['same', 'same']);
		expect(board.announcement).toBe('');
		board.update('b', rows('b', 'c', 'a'), say);
		expect(Object.fromEntries(board.changes)).toEqual({
			b: { kind: 'up', by: 1 },
			c: { kind: 'new', by: 0 },
			a: { kind: 'down', by: 2 }
		});
		expect(board.announcement).toBe('leader B');
		// The same ranks again (an unrelated write woke the query): the marks stay.
		board.update('b', rows('b', 'c', 'a'), say);
		expect(board.changes.get('c')).toEqual({ kind: 'new', by: 0 });
		board.update('b', rows('b', 'a', 'c'), say);
		// Still 'leader B' in the region: a live region speaks when its text changes.
		expect(board.changes.get('a')).toEqual({ kind: 'up', by: 1 });
	});

	it('starts afresh on another board', () => {
		const board = new ProjectorBoard();
		board.update('one', rows('a', 'b'), say);
		board.update('two', rows('b', 'a'), say);
		expect([...board.changes.values()].map((c) => c.kind)).toEqual(['same', 'same']);
		expect(board.announcement).toBe('');
	});

	it('pages through the rows that do not fit, and wraps round', () => {
		const board = new ProjectorBoard();
		const keys = Array.from({ length: PAGE_SIZE * 2 + 3 }, (_, i) => `p${i}`);
		board.update('b', rows(...keys), say);
		expect(board.pages).toBe(3);
		expect(board.shown.map((r) => r.rank)).toEqual(
			Array.from({ length: PAGE_SIZE }, (_, i) => i + 1)
		);
		board.nextPage();
		board.nextPage();
		expect(board.shown.map((r) => r.key)).toEqual(keys.slice(PAGE_SIZE * 2));
		board.nextPage();
		expect(board.page).toBe(0);
		board.update('b', rows('x'), say);
		expect(board.pages).toBe(1);
	});
});
