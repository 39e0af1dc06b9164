/**
 * The message maps (maps/*.ts) are what scripts/gen-message-maps.ts writes from the
 * catalogues, and each holds messages: a key added to a catalogue reaches its map with
 * `npm run i18n`, and a map that lost its messages would show bare keys.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fileOf, MAPS, OUT, render } from '../../../scripts/gen-message-maps';
import { textOf } from './message-map';
import { LABELS } from './maps/labels';

// Every map's module, as the pages import them (one each).
const maps: Record<string, unknown> = Object.assign(
	{},
	...Object.values(import.meta.glob('./maps/*.ts', { eager: true }))
);

describe('message maps', () => {
	it('are up to date with the catalogues (npm run i18n writes them), one module each', () => {
		const files = render();
		expect(Object.keys(files).sort()).toEqual(readdirSync(OUT).sort());
		for (const [file, text] of Object.entries(files))
			expect(readFileSync(`${OUT}/${file}`, 'utf8'), file).toBe(text);
		expect(Object.keys(files).sort()).toEqual(MAPS.map((map) => fileOf(map.name)).sort());
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
		expect(textOf(LABELS, 'stage_system_design', {}, 'en')).toBe('System design');
		expect(textOf(LABELS, 'stage_system_design', {}, 'zh-CN')).toBe('系统设计');
		expect(textOf(LABELS, 'stage_no_such_stage', {}, 'en')).toBe('stage_no_such_stage');
		// Only the map's own keys: not what an object inherits.
		expect(textOf(LABELS, 'constructor', {}, 'en')).toBe('constructor');
	});
});
