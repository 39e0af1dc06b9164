/**
 * The message maps (message-maps.ts) are what scripts/gen-message-maps.ts writes from the
 * catalogues, and each holds messages: a key added to a catalogue reaches its map with
 * `npm run i18n`, and a map that lost its messages would show bare keys.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAPS, OUT, render } from '../../../scripts/gen-message-maps';
import * as maps from './message-maps';
import { textOf } from './message-map';

describe('message maps', () => {
	it('are up to date with the catalogues (npm run i18n writes them)', () => {
		expect(readFileSync(OUT, 'utf8')).toBe(render());
	});

	it.each(MAPS.map((map) => map.name))('%s holds messages of its prefixes', (name) => {
		const map = (maps as Record<string, Readonly<Record<string, unknown>>>)[name];
		const { prefixes } = MAPS.find((entry) => entry.name === name)!;
		const keys = Object.keys(map);
		expect(keys.length).toBeGreaterThan(0);
		expect(keys.filter((key) => !prefixes.some((prefix) => key.startsWith(prefix)))).toEqual([]);
		for (const key of keys) expect(typeof map[key]).toBe('function');
	});

	it('gives a message in either language, and the key when the map has none', () => {
		expect(textOf(maps.LABELS, 'stage_system_design', {}, 'en')).toBe('System design');
		expect(textOf(maps.LABELS, 'stage_system_design', {}, 'zh-CN')).toBe('系统设计');
		expect(textOf(maps.LABELS, 'stage_no_such_stage', {}, 'en')).toBe('stage_no_such_stage');
		// Only the map's own keys: not what an object inherits.
		expect(textOf(maps.LABELS, 'constructor', {}, 'en')).toBe('constructor');
	});
});
