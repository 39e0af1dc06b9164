import { describe, expect, it } from 'vitest';
import {
	ATTEMPT_FAMILY,
	readableVersions,
	readFormat,
	SCENARIO_FAMILY,
	type FormatFamily
} from './format';

describe('readFormat', () => {
	it('reads the current scenario format as it is', () => {
		const value = { format: 'sales-sim/scenario@2', id: 'x' };
		expect(readFormat(value, SCENARIO_FAMILY)).toEqual({ ok: true, value, version: 2 });
		expect(readableVersions(SCENARIO_FAMILY)).toEqual([1, 2]);
	});

	it('reads a format-1 scenario as format 2, every field unchanged, its format too', () => {
		// The format says where format 2 differs: how a format-1 file marks a wise withdrawal.
		const value = { format: 'sales-sim/scenario@1', id: 'x', stages: { evaluation: {} } };
		expect(readFormat(value, SCENARIO_FAMILY)).toEqual({ ok: true, value, version: 1 });
	});

	it('reads a format-1 attempt as format 2: seed 0, rules 1, assessment unless it says', () => {
		const value = { format: 'sales-sim/attempt@1', player: 'Li Na' };
		expect(readFormat(value, ATTEMPT_FAMILY)).toEqual({
			ok: true,
			value: { ...value, format: 'sales-sim/attempt@2', seed: 0, rules: 1, mode: 'assessment' },
			version: 1
		});
		const practice = readFormat({ ...value, mode: 'practice' }, ATTEMPT_FAMILY);
		expect(practice.ok && practice.value.mode).toBe('practice');
	});

	it.each([
		['sales-sim/scenario@3', 'format-future'],
		['sales-sim/scenario@0', 'format-unknown'],
		['sales-sim/attempt@1', 'format-wrong-kind'],
		['scenario', 'format-unknown']
	])('refuses %s with %s', (format, code) => {
		const result = readFormat({ format }, SCENARIO_FAMILY);
		expect(result.ok ? undefined : result.problem.code).toBe(code);
	});

	// The migration table is the one place a format 2 would plug in: this family pretends it has.
	const future: FormatFamily = {
		name: 'sales-sim/scenario',
		kind: 'scenario',
		current: 2,
		migrations: {
			1: (value) => ({ ...value, format: 'sales-sim/scenario@2', level: value.difficulty })
		}
	};

	it('lifts an older file through the migrations to the current version', () => {
		const result = readFormat({ format: 'sales-sim/scenario@1', difficulty: 'intro' }, future);
		expect(result).toEqual({
			ok: true,
			version: 1,
			value: { format: 'sales-sim/scenario@2', difficulty: 'intro', level: 'intro' }
		});
		expect(readableVersions(future)).toEqual([1, 2]);
	});

	it('names every version it reads in the message about a newer one', () => {
		const result = readFormat({ format: 'sales-sim/scenario@3' }, future);
		expect(result.ok ? undefined : result.problem.params).toEqual({
			found: 'sales-sim/scenario@3',
			supported: '"sales-sim/scenario@2" or "sales-sim/scenario@1"'
		});
	});
});
