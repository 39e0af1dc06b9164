/**
 * What a new version of a scenario changes against the version it replaces, as a trainer reads
 * it before publishing: the people (who came, who left, whose role or attitude changed), the
 * texts (with the words that changed marked), the numbers, and everything else.
 *
 * microdiff finds the changes between the two values; lists of items with an `id` (people,
 * intel, options, competitors) are compared by id first, so that inserting a person does not
 * show every later person as changed.
 */
import microdiff from 'microdiff';
import { diffWords } from 'diff';
import type { Scenario } from '$lib/engine/scenario/schema';

export type DiffSection = 'people' | 'texts' | 'numbers' | 'other';

/** A part of a changed value's place: a field name, a list item's id, or a person. */
export type PlacePart =
	| { kind: 'key'; key: string }
	| { kind: 'stage'; stage: string }
	| { kind: 'person'; id: string; name: string }
	| { kind: 'item'; id: string };

/** A piece of a changed text: kept, added or removed. */
export interface TextPiece {
	text: string;
	change: 'same' | 'added' | 'removed';
}

export interface DiffEntry {
	section: DiffSection;
	change: 'added' | 'removed' | 'changed';
	place: PlacePart[];
	/** The values as a trainer reads them (lists joined, objects summarised by the caller). */
	before?: unknown;
	after?: unknown;
	/** For a changed text: the words that changed, marked. */
	pieces?: TextPiece[];
}

export interface ScenarioDiff {
	entries: DiffEntry[];
	/** Counts by section, for the headings. */
	counts: Record<DiffSection, number>;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Items of a list that all have a distinct string id. */
function byId(list: unknown[]): Json | undefined {
	if (list.length === 0 || !list.every((item) => isObject(item) && typeof item.id === 'string'))
		return undefined;
	const ids = new Set(list.map((item) => (item as Json).id));
	if (ids.size !== list.length) return undefined;
	return Object.fromEntries(list.map((item) => [(item as Json).id as string, item]));
}

/** Marks lists of plain values, which read best whole ("from: a, b → a, c"). */
const LIST = Symbol('list');
interface PlainList {
	[LIST]: true;
	items: unknown[];
}
const isPlainList = (value: unknown): value is PlainList =>
	typeof value === 'object' && value !== null && LIST in value;

/**
 * The value in the shape the diff compares: lists of items with ids become objects keyed by id;
 * lists of plain values become one comparable text (kept beside it for display).
 */
export function comparable(value: unknown, lists: Map<string, unknown[]>): unknown {
	if (Array.isArray(value)) {
		const keyed = byId(value);
		if (keyed) return comparable(keyed, lists);
		if (value.every((item) => !isObject(item) && !Array.isArray(item))) {
			const key = JSON.stringify(value);
			lists.set(key, value);
			return `\u0000list:${key}`;
		}
		return value.map((item) => comparable(item, lists));
	}
	if (isObject(value)) {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, comparable(v, lists)]));
	}
	return value;
}

function restore(value: unknown, lists: Map<string, unknown[]>): unknown {
	if (typeof value === 'string' && value.startsWith('\u0000list:')) {
		return { [LIST]: true, items: lists.get(value.slice('\u0000list:'.length)) ?? [] };
	}
	return value;
}

/**
 * `diffScenarios(v1, v2)` → the changes from v1 to v2; `diffScenarios(v1, v1).entries` → `[]`.
 * `locale` picks how texts are cut into words (Chinese has no spaces).
 */
export function diffScenarios(
	before: Scenario,
	after: Scenario,
	locale: string = after.locale
): ScenarioDiff {
	const lists = new Map<string, unknown[]>();
	const a = comparable(before, lists) as Json;
	const b = comparable(after, lists) as Json;
	const names = new Map<string, string>();
	for (const person of [...before.people, ...after.people]) names.set(person.id, person.name);
	const segmenter =
		locale.startsWith('zh') && typeof Intl.Segmenter === 'function'
			? new Intl.Segmenter(locale, { granularity: 'word' })
			: undefined;

	const entries: DiffEntry[] = [];
	for (const change of microdiff(a, b)) {
		const path = change.path.map(String);
		// The version is what a new version changes by definition; the schema link is the editor's.
		if (path[0] === 'version' || path[0] === '$schema') continue;
		const place = placeOf(path, names);
		const old = 'oldValue' in change ? restore(change.oldValue, lists) : undefined;
		const now = 'value' in change ? restore(change.value, lists) : undefined;
		const kind =
			change.type === 'CREATE' ? 'added' : change.type === 'REMOVE' ? 'removed' : 'changed';
		const entry: DiffEntry = {
			section: sectionOf(path, old ?? now),
			change: kind,
			place,
			before: shown(old),
			after: shown(now)
		};
		// A changed text reads best with its changed words marked; a changed id (an attitude, a
		// role) reads best as "neutral → supporter".
		if (
			entry.section !== 'people' &&
			entry.section !== 'other' &&
			kind === 'changed' &&
			typeof old === 'string' &&
			typeof now === 'string'
		) {
			entry.pieces = textPieces(old, now, segmenter);
		}
		entries.push(entry);
	}
	const counts: Record<DiffSection, number> = { people: 0, texts: 0, numbers: 0, other: 0 };
	for (const entry of entries) counts[entry.section]++;
	const order: DiffSection[] = ['people', 'texts', 'numbers', 'other'];
	entries.sort((x, y) => order.indexOf(x.section) - order.indexOf(y.section));
	return { entries, counts };
}

function shown(value: unknown): unknown {
	return isPlainList(value) ? value.items : value;
}

function sectionOf(path: string[], value: unknown): DiffSection {
	if (path[0] === 'people') return 'people';
	if (typeof value === 'number') return 'numbers';
	if (typeof value === 'string' && !isVocabulary(value)) return 'texts';
	return 'other';
}

/** An id-like value (`decision-maker`, `won`) rather than a text a trainee reads. */
function isVocabulary(value: string): boolean {
	return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(value);
}

export function placeOf(path: string[], names: Map<string, string>): PlacePart[] {
	return path.map((segment, i): PlacePart => {
		const parent = path[i - 1];
		if (parent === 'stages' && i === 1) return { kind: 'stage', stage: segment };
		if (parent === 'people' && i === 1)
			return { kind: 'person', id: segment, name: names.get(segment) ?? segment };
		if (/^\d+$/.test(segment)) return { kind: 'item', id: `#${Number(segment) + 1}` };
		if (parent && ['intel', 'options', 'competitors', 'checks'].includes(parent))
			return { kind: 'item', id: segment };
		return { kind: 'key', key: segment };
	});
}

/** The words of a changed text, marked: whole texts stay readable, only the change stands out. */
export function textPieces(before: string, after: string, segmenter?: Intl.Segmenter): TextPiece[] {
	const changes = diffWords(before, after, segmenter ? { intlSegmenter: segmenter } : {});
	return changes.map((part) => ({
		text: part.value,
		change: part.added ? 'added' : part.removed ? 'removed' : 'same'
	}));
}
