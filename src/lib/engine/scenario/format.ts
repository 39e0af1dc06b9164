/**
 * File formats and their versions: the `format` field of a scenario ("sales-sim/scenario@1") or
 * an exported attempt ("sales-sim/attempt@1").
 *
 * THE place for format migrations. When format 2 comes, raise `current` to 2 in the family, make
 * the schema describe format 2, and add `migrations[1]`: a pure function that turns a format-1
 * value into a format-2 value (including its `format` string). Old files then keep loading; the
 * content hash stays that of the file as written.
 */
import { ATTEMPT_FORMAT, SCENARIO_FORMAT } from './schema';
import { didYouMean } from './did-you-mean';
import type { ProblemDraft } from './problem';
import { quote } from './safe-json';

/** Turns the JSON value of a file of version n into the value of version n + 1. */
export type Migration = (value: Record<string, unknown>) => Record<string, unknown>;

export interface FormatFamily {
	/** The format name before `@`. */
	name: string;
	/** What the file holds, as a term of the validation messages (`validation_term_<kind>`). */
	kind: 'scenario' | 'attempt';
	/** The version the schema describes. */
	current: number;
	/** `migrations[n]` lifts version n to n + 1. */
	migrations: Readonly<Record<number, Migration>>;
}

const FORMAT_PATTERN = /^([a-z-]+\/[a-z-]+)@(\d{1,6})$/;

function familyOf(format: string): FormatFamily {
	const match = FORMAT_PATTERN.exec(format);
	if (!match) throw new Error(`Malformed format constant ${format}`);
	return {
		name: match[1],
		kind: match[1].endsWith('/attempt') ? 'attempt' : 'scenario',
		current: Number(match[2]),
		migrations: {}
	};
}

/**
 * Scenario files. Format 2 only adds fields to format 1 (conditions, variants, deal-ending
 * events...), so a format-1 file is a format-2 file with its old name: every field keeps its
 * meaning, and its paths stay those of the file as written.
 */
export const SCENARIO_FAMILY: FormatFamily = {
	...familyOf(SCENARIO_FORMAT),
	// The value is read as it is: its `format` keeps saying which rules of the file apply where
	// format 2 differs (how a format-1 file marks a wise withdrawal).
	migrations: { 1: (value) => value }
};

/**
 * Exported attempts. Format 2 adds the seed the deal was drawn from and the version of the
 * scoring rules it was played under, and makes the mode required. A format-1 attempt was played
 * before either existed: seed 0 (no variants) and rules 1; its mode defaults to assessment, as
 * format 1 said.
 */
export const ATTEMPT_FAMILY: FormatFamily = {
	...familyOf(ATTEMPT_FORMAT),
	migrations: {
		1: (value) => ({
			...value,
			format: ATTEMPT_FORMAT,
			seed: 0,
			rules: 1,
			mode: Object.hasOwn(value, 'mode') ? value.mode : 'assessment'
		})
	}
};

const FAMILIES = [SCENARIO_FAMILY, ATTEMPT_FAMILY];

/** The versions a family reads: the current one and every one with a migration chain to it. */
export function readableVersions(family: FormatFamily): number[] {
	const versions = [family.current];
	for (let version = family.current - 1; version >= 1 && family.migrations[version]; version--) {
		versions.unshift(version);
	}
	return versions;
}

function supportedText(family: FormatFamily): string {
	return readableVersions(family)
		.map((version) => `"${family.name}@${version}"`)
		.reverse()
		.join(' or ');
}

export type FormatResult =
	| { ok: true; value: Record<string, unknown>; version: number }
	| { ok: false; problem: ProblemDraft };

/**
 * Checks a file's `format` and brings its value to the current version:
 * `readFormat({ format: 'sales-sim/scenario@2' }, SCENARIO_FAMILY)` → a `format-future` problem
 * that names "sales-sim/scenario@1" as the format this build reads.
 */
export function readFormat(value: unknown, family: FormatFamily): FormatResult {
	const supported = supportedText(family);
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return {
			ok: false,
			problem: {
				severity: 'error',
				code: 'not-object',
				path: [],
				params: { what: family.kind, received: jsonType(value) }
			}
		};
	}
	const object = value as Record<string, unknown>;
	if (!Object.hasOwn(object, 'format')) {
		return {
			ok: false,
			problem: {
				severity: 'error',
				code: 'format-missing',
				path: ['format'],
				params: { expected: `${family.name}@${family.current}` }
			}
		};
	}
	const format = object.format;
	const found = typeof format === 'string' ? format : JSON.stringify(format);
	const match = typeof format === 'string' ? FORMAT_PATTERN.exec(format) : null;
	const problem = (code: string, params: Record<string, string>): FormatResult => ({
		ok: false,
		problem: {
			severity: 'error',
			code,
			path: ['format'],
			params: { found: quote(found), ...params }
		}
	});

	if (match && match[1] !== family.name) {
		const other = FAMILIES.find((candidate) => candidate.name === match[1]);
		if (other) return problem('format-wrong-kind', { what: other.kind, supported });
	}
	if (!match || match[1] !== family.name) {
		const suggestion = didYouMean(
			found,
			readableVersions(family).map((v) => `${family.name}@${v}`)
		);
		return problem('format-unknown', suggestion ? { supported, suggestion } : { supported });
	}
	const version = Number(match[2]);
	if (version > family.current) return problem('format-future', { supported });
	if (!readableVersions(family).includes(version)) return problem('format-unknown', { supported });

	let current = object;
	for (let step = version; step < family.current; step++)
		current = family.migrations[step](current);
	return { ok: true, value: current, version };
}

/** The JSON type of a value, as a term of the validation messages. */
export function jsonType(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	if (typeof value === 'string') return 'string';
	if (typeof value === 'boolean') return 'boolean';
	if (value === undefined) return 'nothing';
	return 'object';
}
