import { describe, expect, it } from 'vitest';
import { messageOf } from './error-message';

describe('messageOf', () => {
	it.each([
		[new Error('disk full'), 'disk full'],
		[new TypeError('not a function'), 'not a function'],
		['gone', 'gone'],
		[42, '42'],
		[undefined, 'undefined'],
		[null, 'null']
	])('says %s as %j', (thrown, text) => {
		expect(messageOf(thrown)).toBe(text);
	});
});
