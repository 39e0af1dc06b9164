/**
 * A scenario and its translation (`translationOf`, docs/authoring.md) side by side, as the studio's
 * Translation tab shows them: every text of the deal in both languages, the texts one side changed
 * since its last version while the other did not, and every difference of structure (people,
 * stages, events, decisions, options, numbers), which a translation must not have.
 */
import microdiff from 'microdiff';
import type { Scenario } from '$lib/engine/scenario/schema';
import { comparable, placeOf, type PlacePart } from './scenario-diff';

/** The fields a trainee reads: they differ between languages, everything else must not. */
const TEXT_KEYS = new Set([
	'title',
	'summary',
	'name',
	'profile',
	'text',
	'headedOff',
	'feedback',
	'prompt',
	'brief',
	'edge',
	'industry',
	'background',
	'product',
	'why'
]);
/** Fields that name the file itself, or label it for its readers: free to differ. */
const OWN_KEYS = new Set(['$schema', 'id', 'version', 'locale', 'translationOf', 'tags']);

type Json = Record<string, unknown>;

export interface PairRow {
	path: string[];
	place: PlacePart[];
	original?: string;
	translation?: string;
	/**
	 * `original-changed`: the original's newest version changed this text and the translation
	 * kept its own; `translation-changed`: the other way round; `missing`: one side has no text.
	 */
	flag?: 'original-changed' | 'translation-changed' | 'missing';
}

export interface PairMismatch {
	path: string[];
	place: PlacePart[];
	kind: 'only-original' | 'only-translation' | 'different';
	original?: unknown;
	translation?: unknown;
}

export interface TranslationPair {
	rows: PairRow[];
	mismatches: PairMismatch[];
	/** How many rows carry a flag. */
	flagged: number;
}

function flat(scenario: Scenario | undefined): Json | undefined {
	return scenario ? (comparable(scenario, new Map()) as Json) : undefined;
}

function at(value: unknown, path: string[]): unknown {
	let here = value;
	for (const key of path) {
		if (typeof here !== 'object' || here === null) return undefined;
		here = (here as Json)[key];
	}
	return here;
}

/** Every text leaf's path, in the file's order. */
function textPaths(value: unknown, path: string[] = [], out: string[][] = []): string[][] {
	if (typeof value !== 'object' || value === null) return out;
	for (const [key, child] of Object.entries(value as Json)) {
		if (path.length === 0 && OWN_KEYS.has(key)) continue;
		const here = [...path, key];
		if (typeof child === 'string' && TEXT_KEYS.has(key) && !child.startsWith('\u0000list:'))
			out.push(here);
		else textPaths(child, here, out);
	}
	return out;
}

const textAt = (value: unknown, path: string[]): string | undefined => {
	const found = at(value, path);
	return typeof found === 'string' ? found : undefined;
};

/**
 * `pairTranslation(original, translation, { original: previousOriginal, translation: previousTranslation })`:
 * the previous versions, when known, let it flag texts changed on one side only.
 */
export function pairTranslation(
	original: Scenario,
	translation: Scenario,
	previous: { original?: Scenario; translation?: Scenario } = {}
): TranslationPair {
	const a = flat(original)!;
	const b = flat(translation)!;
	const beforeA = flat(previous.original);
	const beforeB = flat(previous.translation);
	const names = new Map<string, string>();
	for (const person of [...translation.people, ...original.people])
		names.set(person.id, person.name);

	const seen = new Set<string>();
	const rows: PairRow[] = [];
	for (const path of [...textPaths(a), ...textPaths(b)]) {
		const key = JSON.stringify(path);
		if (seen.has(key)) continue;
		seen.add(key);
		const row: PairRow = {
			path,
			place: placeOf(path, names),
			original: textAt(a, path),
			translation: textAt(b, path)
		};
		if (row.original === undefined || row.translation === undefined) row.flag = 'missing';
		else if (beforeA && beforeB) {
			const changedA = textAt(beforeA, path) !== row.original;
			const changedB = textAt(beforeB, path) !== row.translation;
			if (changedA && !changedB) row.flag = 'original-changed';
			else if (changedB && !changedA) row.flag = 'translation-changed';
		}
		rows.push(row);
	}

	const mismatches: PairMismatch[] = [];
	for (const change of microdiff(a, b)) {
		const path = change.path.map(String);
		if (OWN_KEYS.has(path[0])) continue;
		// Texts differ by design; a text present on one side only is a row flagged `missing`.
		if (TEXT_KEYS.has(path[path.length - 1])) continue;
		const place = placeOf(path, names);
		if (change.type === 'CHANGE')
			mismatches.push({
				path,
				place,
				kind: 'different',
				original: change.oldValue,
				translation: change.value
			});
		else if (change.type === 'REMOVE')
			mismatches.push({ path, place, kind: 'only-original', original: change.oldValue });
		else mismatches.push({ path, place, kind: 'only-translation', translation: change.value });
	}
	return { rows, mismatches, flagged: rows.filter((row) => row.flag).length };
}
