/**
 * A Zod schema's verdict on a value, without Zod's copy: `inPlaceCheck(schema)(value)` is true
 * only when `schema.safeParse(value)` succeeds with an output equal to `value` itself (the same
 * fields in the same order, the same primitives, plain objects and arrays), so that `value` can
 * be used in its place. False means "ask Zod": the value may be wrong, or Zod may change it (a
 * name it cleans, fields it reorders); the caller then parses it with the schema as before, which
 * also gives the problem's path and message. The rules stay in the schema: leaves (strings,
 * numbers, enums, names…) are run through Zod's own parser and checks one by one, and only the
 * containers Zod copies — objects, arrays, tuples, nullable, optional and defaulted fields,
 * discriminated unions — and lazy schemas are walked here; any other schema is parsed by Zod and
 * its output compared with the value.
 *
 * For a backup's check (backup-service.ts): 100,000 attempts and their action lists, whose
 * copies the collector had to move on top of the parsed file. schema-in-place.spec.ts compares
 * the verdicts with Zod's on the rows of every table and on rows broken anywhere. Written
 * against Zod 4's internals (`_zod.def`, `_zod.run`): a Zod upgrade that changes them shows
 * in that spec.
 *
 * Values are taken as JSON.parse makes them: an object or array of another prototype is always
 * "ask Zod".
 */
import type { z } from 'zod';

/** True: Zod accepts the value and returns an equal one (see above). */
export type InPlaceCheck = (value: unknown) => boolean;

// Zod 4's internals (zod/v4/core), as far as they are read here.
interface Payload {
	value: unknown;
	issues: unknown[];
}
interface Internals {
	def: {
		type: string;
		checks?: CheckInternals[];
		shape?: Record<string, Schema>;
		catchall?: Schema;
		element?: Schema;
		items?: Schema[];
		rest?: Schema | null;
		innerType?: Schema;
		options?: Schema[];
		discriminator?: string;
		unionFallback?: boolean;
	};
	run(payload: Payload, ctx: { async: false }): Payload | Promise<Payload>;
	/** A lazy schema's inner schema, built at the first read. */
	innerType?: Schema;
	optin?: string;
	optout?: string;
	traits?: Set<string>;
	propValues?: Record<string, Set<unknown>>;
}
interface Schema {
	_zod: Internals;
}
interface CheckInternals {
	_zod: {
		def: { when?: (payload: Payload) => boolean };
		check(payload: Payload): unknown;
	};
}

const compiled = new WeakMap<Schema, InPlaceCheck>();

/** The in-place check of `schema` (made once per schema). */
export function inPlaceCheck(schema: z.ZodType): InPlaceCheck {
	return compile(schema as unknown as Schema);
}

function compile(schema: Schema): InPlaceCheck {
	let check = compiled.get(schema);
	if (!check) {
		// Through a forwarder first, so that a schema reached again inside itself finds it.
		let inner: InPlaceCheck = () => false;
		compiled.set(schema, (value) => inner(value));
		inner = container(schema) ?? byZod(schema);
		compiled.set(schema, inner);
		check = inner;
	}
	return check;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return (
		typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype
	);
}

function isPlainArray(value: unknown): value is unknown[] {
	return Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype;
}

/** A container Zod would copy, walked here; undefined for any other schema. */
function container(schema: Schema): InPlaceCheck | undefined {
	const { def, traits } = schema._zod;
	// A schema that is a check of its own (a string format, an int) runs it first: Zod's.
	if (traits?.has('$ZodCheck')) return undefined;
	const checks = def.checks ?? [];
	const own = containerShape(schema);
	if (!own) return undefined;
	if (checks.length === 0) return own;
	return (value) => own(value) && checksPass(checks, value);
}

function containerShape(schema: Schema): InPlaceCheck | undefined {
	const { def } = schema._zod;
	switch (def.type) {
		case 'object':
			return objectCheck(def.shape!, def.catchall);
		case 'array': {
			const element = compile(def.element!);
			return (value) => {
				if (!isPlainArray(value)) return false;
				for (let i = 0; i < value.length; i++) {
					const item = value[i];
					// A hole or an undefined element: Zod's copy would hold an explicit one.
					if (item === undefined || !element(item)) return false;
				}
				return true;
			};
		}
		case 'tuple': {
			const items = def.items!;
			// Optional items and a rest make the length rules Zod's own: left to it.
			if (def.rest || items.some((item) => item._zod.optin === 'optional')) return undefined;
			const checks = items.map(compile);
			return (value) => {
				if (!isPlainArray(value) || value.length !== checks.length) return false;
				for (let i = 0; i < checks.length; i++)
					if (value[i] === undefined || !checks[i](value[i])) return false;
				return true;
			};
		}
		case 'lazy':
			// Zod's lazy schema (records.ts builds its schemas so) parses as its inner one.
			return compile(schema._zod.innerType!);
		case 'nullable': {
			const inner = compile(def.innerType!);
			return (value) => value === null || inner(value);
		}
		case 'default': {
			// A value in place of the default: Zod checks it with the inner schema and keeps it.
			const inner = compile(def.innerType!);
			return (value) => value !== undefined && inner(value);
		}
		case 'optional': {
			// An absent field is the object's to judge (objectCheck); an undefined value is Zod's.
			const inner = compile(def.innerType!);
			return (value) => value !== undefined && inner(value);
		}
		case 'union': {
			const key = def.discriminator;
			if (key === undefined || def.unionFallback) return undefined;
			const byValue = new Map<unknown, InPlaceCheck>();
			for (const option of def.options!) {
				const values = option._zod.propValues?.[key];
				if (!values) return undefined;
				for (const value of values) if (!byValue.has(value)) byValue.set(value, compile(option));
			}
			return (value) => {
				if (!isPlainObject(value)) return false;
				const tag = value[key];
				if (tag === undefined) return false;
				const option = byValue.get(tag);
				return option !== undefined && option(value);
			};
		}
		default:
			return undefined;
	}
}

/**
 * A strict or stripping object: every field in the shape's order (Zod's output order), none the
 * shape lacks, an absent one only where Zod leaves it absent (`.optional()`).
 */
function objectCheck(shape: Record<string, Schema>, catchall: Schema | undefined): InPlaceCheck {
	if (catchall !== undefined && catchall._zod.def.type !== 'never') return () => false;
	const keys = Object.keys(shape);
	// A field named like one of Object.prototype's would be read through the prototype by Zod.
	if (keys.some((key) => key in Object.prototype)) return () => false;
	const checks = keys.map((key) => compile(shape[key]));
	const mayBeAbsent = keys.map((key) => {
		const field = shape[key]._zod;
		return (
			field.def.type === 'optional' &&
			field.optin === 'optional' &&
			field.optout === 'optional' &&
			(field.def.checks ?? []).length === 0
		);
	});
	const count = keys.length;
	return (value) => {
		if (!isPlainObject(value)) return false;
		let j = 0;
		for (const key in value) {
			while (j < count && keys[j] !== key) {
				if (!mayBeAbsent[j]) return false;
				j++;
			}
			// A field the shape lacks, or one out of the shape's order.
			if (j === count) return false;
			const field = value[key];
			if (field === undefined || !checks[j](field)) return false;
			j++;
		}
		for (; j < count; j++) if (!mayBeAbsent[j]) return false;
		return true;
	};
}

/**
 * The container's own checks (`.max()`, `.refine()`…), run as Zod runs them after its parse, on
 * the value itself: they must pass and leave it as it is.
 */
function checksPass(checks: readonly CheckInternals[], value: unknown): boolean {
	const payload: Payload = { value, issues: [] };
	for (const check of checks) {
		const { when } = check._zod.def;
		if (when && !when(payload)) continue;
		if (check._zod.check(payload) instanceof Promise) return false;
		if (payload.issues.length > 0) return false;
	}
	return payload.value === value;
}

/** Any other schema: Zod's own parse, its output compared with the value. */
function byZod(schema: Schema): InPlaceCheck {
	const zod = schema._zod;
	const check: InPlaceCheck = (value) => {
		const result = zod.run({ value, issues: [] }, { async: false });
		if (result instanceof Promise) return false;
		return result.issues.length === 0 && sameValue(result.value, value);
	};
	return pureLeaf(schema) ? remembered(check) : check;
}

/** Verdicts a leaf remembers, at most: a backup repeats its ids, names, modes… */
const REMEMBERED = 4096;

/**
 * `check`, its verdict on a string, number or boolean remembered (up to REMEMBERED values): for
 * a leaf whose verdict depends on the value alone (`pureLeaf`), the same value has the same
 * verdict, and a backup's rows repeat most of theirs (ids, names, modes, scenarios) thousands
 * of times, each a Zod run and its payload otherwise. -0 is not remembered (a Map takes it for 0).
 */
function remembered(check: InPlaceCheck): InPlaceCheck {
	const verdicts = new Map<unknown, boolean>();
	return (value) => {
		const type = typeof value;
		if ((type !== 'string' && type !== 'number' && type !== 'boolean') || Object.is(value, -0))
			return check(value);
		let verdict = verdicts.get(value);
		if (verdict === undefined) {
			verdict = check(value);
			if (verdicts.size < REMEMBERED) verdicts.set(value, verdict);
		}
		return verdict;
	};
}

/** Zod's leaf types whose parse of a primitive depends on the value alone. */
const PURE_TYPES = new Set(['string', 'number', 'boolean', 'enum', 'literal', 'null']);
/** Zod's own checks of such leaves: none reads anything but the value (a refine may). */
const PURE_CHECKS = new Set([
	'less_than',
	'greater_than',
	'multiple_of',
	'number_format',
	'max_length',
	'min_length',
	'length_equals',
	'string_format',
	'overwrite'
]);

/** A string, number, boolean, enum or literal schema with only Zod's built-in checks. */
function pureLeaf(schema: Schema): boolean {
	const { def } = schema._zod;
	if (!PURE_TYPES.has(def.type)) return false;
	return (def.checks ?? []).every((check) =>
		PURE_CHECKS.has((check._zod.def as { check?: string }).check ?? '')
	);
}

/** The same data: primitives by Object.is, plain objects with their fields in the same order. */
function sameValue(a: unknown, b: unknown): boolean {
	if (Object.is(a, b)) return true;
	if (isPlainArray(a)) {
		if (!isPlainArray(b) || a.length !== b.length) return false;
		for (let i = 0; i < a.length; i++) {
			if (!(i in a) || !(i in b) || !sameValue(a[i], b[i])) return false;
		}
		return true;
	}
	if (!isPlainObject(a) || !isPlainObject(b)) return false;
	const keys = Object.keys(a);
	const other = Object.keys(b);
	if (keys.length !== other.length) return false;
	for (let i = 0; i < keys.length; i++)
		if (keys[i] !== other[i] || !sameValue(a[keys[i]], b[keys[i]])) return false;
	return true;
}
