/**
 * Small edits of a scenario file's text that keep the trainer's formatting (jsonc-parser edits
 * the one value and leaves every other character as written), and a lenient reading of the
 * header for lists of drafts that may not be valid yet.
 */
import {
	applyEdits,
	findNodeAtLocation,
	format,
	modify,
	parse,
	parseTree,
	type ParseError
} from 'jsonc-parser';
import type { JsonPath } from '$lib/engine/scenario/problem';

export interface ScenarioHeader {
	id?: string;
	version?: number;
	title?: string;
	locale?: string;
}

/**
 * The id, version, title and language as far as they can be read:
 * `readHeader('{"id": "a", "version": 2')` → `{ id: 'a', version: 2 }`.
 */
export function readHeader(text: string): ScenarioHeader {
	const errors: ParseError[] = [];
	let value: unknown;
	try {
		value = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
	} catch {
		return {};
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
	const record = value as Record<string, unknown>;
	const header: ScenarioHeader = {};
	if (typeof record.id === 'string') header.id = record.id;
	if (typeof record.version === 'number' && Number.isInteger(record.version))
		header.version = record.version;
	if (typeof record.title === 'string') header.title = record.title;
	if (typeof record.locale === 'string') header.locale = record.locale;
	return header;
}

function setTop(text: string, key: string, value: unknown): string {
	const edits = modify(text, [key], value, {
		formattingOptions: { insertSpaces: false, tabSize: 1, eol: '\n' }
	});
	return applyEdits(text, edits);
}

/** The text with its top-level `version` set: `setVersion('{"version": 1}', 2)` → `{"version": 2}`. */
export function setVersion(text: string, version: number): string {
	return setTop(text, 'version', version);
}

/** The text with its top-level `id` set, the rest as written. */
export function setId(text: string, id: string): string {
	return setTop(text, 'id', id);
}

/** The text with its top-level `title` set, the rest as written. */
export function setTitle(text: string, title: string): string {
	return setTop(text, 'title', title);
}

/**
 * The first id from `base` that nobody uses: `uniqueId('deal-copy', new Set(['deal-copy']))` →
 * `deal-copy-2`. Ids are at most 64 characters, so a long base is shortened first.
 */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
	for (let n = 1; ; n++) {
		const suffix = n === 1 ? '' : `-${n}`;
		const candidate = `${base.slice(0, 64 - suffix.length).replace(/-+$/, '')}${suffix}`;
		if (!taken.has(candidate)) return candidate;
	}
}

const COPY_SUFFIX: Record<string, string> = { en: ' (copy)', 'zh-CN': '（副本）' };

/**
 * A copy of a scenario as a new scenario: a free id ending in `-copy`, version 1, and the title
 * marked as a copy in the scenario's language.
 */
export function duplicateText(text: string, taken: ReadonlySet<string>): string {
	const header = readHeader(text);
	const id = uniqueId(`${header.id ?? 'scenario'}-copy`, taken);
	let next = setVersion(setId(text, id), 1);
	if (header.title !== undefined)
		next = setTitle(next, `${header.title}${COPY_SUFFIX[header.locale ?? 'en'] ?? COPY_SUFFIX.en}`);
	return next;
}

/** A file name for a scenario: `fileName('city-hospital-his', 2)` → `city-hospital-his-v2.json`. */
export function fileName(id: string | undefined, version: number | undefined): string {
	const safe = (id ?? 'scenario').replace(/[^a-z0-9-]/gi, '-').slice(0, 64) || 'scenario';
	return version === undefined ? `${safe}.json` : `${safe}-v${version}.json`;
}

/**
 * Where a value is written: `pathSpan('{"a": [1, 2]}', ['a', 1])` → `{ offset: 10, length: 1 }`.
 * A path that is not there gives the nearest enclosing value that is (the whole text at worst).
 */
export function pathSpan(text: string, path: JsonPath): { offset: number; length: number } {
	const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
	if (!root) return { offset: 0, length: 0 };
	for (let n = path.length; n >= 0; n--) {
		const node = findNodeAtLocation(root, path.slice(0, n));
		if (node) {
			// A property's value: select from its key, so the trainer sees the name too.
			const owner = node.parent?.type === 'property' ? node.parent : node;
			return { offset: owner.offset, length: owner.length };
		}
	}
	return { offset: 0, length: 0 };
}

/** The file's own indentation: a tab, or as many spaces as its first indented line. */
function indentOf(text: string): { insertSpaces: boolean; tabSize: number; eol: string } {
	const found = /\n([ \t]+)\S/.exec(text)?.[1] ?? '\t';
	const eol = text.includes('\r\n') ? '\r\n' : '\n';
	return found.startsWith('\t')
		? { insertSpaces: false, tabSize: 4, eol }
		: { insertSpaces: true, tabSize: found.length, eol };
}

/**
 * Applies jsonc-parser's edits for one change without reformatting anything around it (its own
 * formatting would re-indent the parent); what is new (a field, an item, an object) alone is laid
 * out in the file's indentation.
 */
function change(text: string, path: JsonPath, value: unknown, arrayInsertion = false): string {
	const edits = modify(text, path, value, { isArrayInsertion: arrayInsertion });
	const next = applyEdits(text, edits);
	if (edits.length !== 1) return next;
	const [edit] = edits;
	// A removed item or field: the line break before what followed it is laid out again (removing
	// the last item of a list would otherwise pull its closing bracket onto the item before).
	if (value === undefined) {
		const range = { offset: Math.max(0, edit.offset - 1), length: 2 };
		return applyEdits(next, format(next, range, indentOf(text)));
	}
	// A value replaced in place keeps its line; only something new (a field, an item) is laid out.
	if (edit.length > 0 && (typeof value !== 'object' || value === null)) return next;
	// From just before the inserted text (so the comma before it is laid out too) to its end.
	const range = { offset: Math.max(0, edit.offset - 1), length: edit.content.length + 1 };
	return applyEdits(next, format(next, range, indentOf(text)));
}

/**
 * The text with one value set (or, with `undefined`, removed), every other character as written:
 * `setPath('{"a": {"b": 1}}', ['a', 'b'], 2)` → `{"a": {"b": 2}}`.
 */
export function setPath(text: string, path: JsonPath, value: unknown): string {
	return change(text, path, value);
}

/**
 * The text with `value` added at the end of the array at `path` (created when missing):
 * `appendAt('{"a": [1]}', ['a'], 2)` → `{"a": [1, 2]}`.
 */
export function appendAt(text: string, path: JsonPath, value: unknown): string {
	const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
	const found = root ? findNodeAtLocation(root, path) : undefined;
	if (!found || found.type !== 'array') return change(text, path, [value]);
	return change(text, [...path, found.children?.length ?? 0], value, true);
}

/** How many items the array at `path` holds (0 when there is none): `arrayLength('{"a": [1]}', ['a'])` → 1. */
export function arrayLength(text: string, path: JsonPath): number {
	const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
	const found = root ? findNodeAtLocation(root, path) : undefined;
	return found?.type === 'array' ? (found.children?.length ?? 0) : 0;
}
