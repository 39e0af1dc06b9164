/**
 * Reading an untrusted JSON file safely, keeping where every value sits in the text.
 *
 * A scenario comes from anyone: a trainer's editor, an e-mail, a shared link. Before the schema
 * sees it, this module refuses what could hurt the program or confuse a trainer: files over
 * 1 MiB, nesting deep enough to overflow a recursive reader, `__proto__`-style keys, numbers that
 * do not survive a round trip, duplicate keys (JSON readers silently keep the last), and HTML
 * markup in a scenario's texts, which are plain text. It is strict JSON: no comments, no trailing
 * commas.
 */
import { createScanner, getLocation, parseTree, type Node, type ParseError } from 'jsonc-parser';
import type { JsonPath, ProblemDraft } from './problem';

/** Largest file accepted, in UTF-8 bytes. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Deepest nesting of objects and lists accepted; a scenario needs about eight. */
export const MAX_DEPTH = 64;
/** Keys that could reach an object's prototype in some reader; refused everywhere. */
export const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

// jsonc-parser's token kinds and error codes are `const enum`s, which isolated modules cannot read.
const TOKEN_OPEN_BRACE = 1;
const TOKEN_CLOSE_BRACE = 2;
const TOKEN_OPEN_BRACKET = 3;
const TOKEN_CLOSE_BRACKET = 4;
const TOKEN_STRING = 10;
const TOKEN_EOF = 17;

const PARSE_ERROR_CODES: Record<number, string> = {
	1: 'json-invalid-symbol',
	2: 'json-invalid-number',
	3: 'json-property-name-expected',
	4: 'json-value-expected',
	5: 'json-colon-expected',
	6: 'json-comma-expected',
	7: 'json-close-brace-expected',
	8: 'json-close-bracket-expected',
	9: 'json-end-expected',
	10: 'json-comment',
	11: 'json-comment',
	12: 'json-unterminated-string',
	13: 'json-invalid-number',
	14: 'json-invalid-escape',
	15: 'json-invalid-escape',
	16: 'json-control-character'
};

/**
 * Syntax errors that leave the parser in step with the text. After the first syntax error only
 * these are reported: anything else is most likely an echo of the first.
 */
const SELF_CONTAINED = new Set([
	'json-trailing-comma',
	'json-comment',
	'json-invalid-escape',
	'json-control-character',
	'json-comma-expected'
]);

/** `<b>`, `</p>`, `<img src=x onerror=...>`, `<!-- -->`; not "<10%" or "a < b". */
const HTML_TAG = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>|<!--|<!doctype/i;
const HTML_ENTITY = /&(?:[a-z][a-z0-9]{1,31}|#[0-9]{1,7}|#x[0-9a-f]{1,6});/i;

/** How much of a found value a message quotes. */
const QUOTE_LIMIT = 60;

export interface ReadOptions {
	/**
	 * Refuse HTML tags (and warn on entities) in strings: true for scenario files, whose texts a
	 * trainer writes as prose. An attempt file's strings are names and ids: `Team <B>` is a name
	 * the app accepts at entry and shows as text, so it must come back in a file (default true).
	 */
	markup?: boolean;
}

export interface JsonDocument {
	/** The text as read (a leading byte order mark blanked to a space, keeping offsets). */
	text: string;
	/** The syntax tree, when the text is JSON. */
	root: Node | undefined;
	/** The value as written, when the text is JSON; refused keys are left out. */
	value: unknown;
	/** True when the value can be trusted as written (no refusal of any kind). */
	clean: boolean;
	problems: ProblemDraft[];
	/** Paths whose value was refused and left out, so later checks need not report them again. */
	refused: JsonPath[];
}

/** Shortens a found value for a message. */
export function quote(value: string): string {
	return value.length > QUOTE_LIMIT ? `${value.slice(0, QUOTE_LIMIT - 1)}…` : value;
}

/** Size of a text in UTF-8 bytes, without encoding it. */
export function utf8Length(text: string): number {
	let bytes = 0;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code < 0x80) bytes += 1;
		else if (code < 0x800) bytes += 2;
		else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
			const next = text.charCodeAt(i + 1);
			if (next >= 0xdc00 && next <= 0xdfff) {
				bytes += 4;
				i++;
			} else bytes += 3;
		} else bytes += 3;
	}
	return bytes;
}

/**
 * Reads a JSON text into a value and its syntax tree, with every problem found on the way:
 * `readJson('{"a": 1,}')` → a `json-trailing-comma` problem at offset 7.
 */
export function readJson(input: string, options: ReadOptions = {}): JsonDocument {
	const markup = options.markup ?? true;
	const problems: ProblemDraft[] = [];
	const refused: JsonPath[] = [];
	const fail = (): JsonDocument => ({
		text,
		root: undefined,
		value: undefined,
		clean: false,
		problems,
		refused
	});
	let text = input;

	// Before anything else: a UTF-16 unit is at least one UTF-8 byte, so a long text is refused
	// without walking it.
	const size = text.length > MAX_FILE_BYTES ? text.length : utf8Length(text);
	if (size > MAX_FILE_BYTES) {
		problems.push({
			severity: 'error',
			code: 'file-too-large',
			path: [],
			offset: 0,
			params: { size, max: MAX_FILE_BYTES }
		});
		return fail();
	}
	// Editors on Windows may start a file with a byte order mark; it is not part of the JSON.
	if (text.charCodeAt(0) === 0xfeff) text = ` ${text.slice(1)}`;
	if (text.trim() === '') {
		problems.push({ severity: 'error', code: 'file-empty', path: [], offset: 0 });
		return fail();
	}

	// The parser is recursive: absurd nesting is refused by a flat scan before it runs.
	const deepAt = tooDeepAt(text);
	if (deepAt !== undefined) {
		problems.push({
			severity: 'error',
			code: 'json-too-deep',
			path: [],
			offset: deepAt,
			params: { max: MAX_DEPTH }
		});
		return fail();
	}

	const errors: ParseError[] = [];
	const root = parseTree(text, errors, {
		disallowComments: true,
		allowTrailingComma: false,
		allowEmptyContent: false
	});
	if (errors.length > 0 || root === undefined) {
		problems.push(...syntaxProblems(text, errors));
		return fail();
	}

	const value = toValue(root, [], problems, refused, text, markup);
	return {
		text,
		root,
		value,
		clean: !problems.some((problem) => problem.severity === 'error'),
		problems,
		refused
	};
}

/** Offset of the first bracket that opens level MAX_DEPTH + 1, if any. */
function tooDeepAt(text: string): number | undefined {
	const scanner = createScanner(text, true);
	let depth = 0;
	for (let token = scanner.scan(); token !== TOKEN_EOF; token = scanner.scan()) {
		if (token === TOKEN_OPEN_BRACE || token === TOKEN_OPEN_BRACKET) {
			depth++;
			if (depth > MAX_DEPTH) return scanner.getTokenOffset();
		} else if ((token === TOKEN_CLOSE_BRACE || token === TOKEN_CLOSE_BRACKET) && depth > 0) {
			depth--;
		}
	}
	return undefined;
}

function syntaxProblems(text: string, errors: ParseError[]): ProblemDraft[] {
	const drafts: ProblemDraft[] = [];
	const seen = new Set<number>();
	for (const error of errors) {
		let code = PARSE_ERROR_CODES[error.error] ?? 'json-invalid-symbol';
		let offset = error.offset;
		const found = text.slice(error.offset, error.offset + Math.max(error.length, 1));
		// "{"a": 1,}": the parser wants another field; the trainer needs to hear "trailing comma".
		if (code === 'json-property-name-expected' || code === 'json-value-expected') {
			const comma = trailingCommaBefore(text, error.offset);
			if (comma !== undefined) {
				code = 'json-trailing-comma';
				offset = comma;
			}
		}
		if (code === 'json-invalid-symbol' && found.startsWith("'")) code = 'json-single-quote';
		if (code === 'json-control-character') {
			for (let i = error.offset; i < error.offset + error.length; i++) {
				if (text.charCodeAt(i) < 0x20) {
					offset = i;
					break;
				}
			}
		}
		if (seen.has(offset) || seen.has(error.offset)) continue;
		// The parser's complaint about the token after a full-width mark is an echo of that mark.
		if (echoesFullWidth(text, drafts, error.offset)) continue;
		const fullWidth = drafts.length === 0 ? fullWidthAt(text, error.offset) : undefined;
		if (fullWidth) {
			seen.add(error.offset);
			drafts.push(fullWidth);
			continue;
		}
		if (drafts.length > 0 && !SELF_CONTAINED.has(code)) continue;
		seen.add(offset);
		seen.add(error.offset);
		const params: Record<string, string> = {};
		if (code === 'json-invalid-symbol' || code === 'json-invalid-number') {
			params.found = quote(symbolAt(text, error.offset, error.length));
		}
		const length = offset === error.offset ? Math.max(error.length, 1) : 1;
		drafts.push({ severity: 'error', code, path: pathAt(text, offset), offset, length, params });
	}
	return drafts;
}

/**
 * Full-width (Chinese) punctuation that a writer with a Chinese keyboard types for JSON's own:
 * the mark, its name (a `validation_term_mark_*` term) and the ASCII character JSON needs.
 */
const FULL_WIDTH: Record<string, { mark: string; fix: string }> = {
	'，': { mark: 'mark-comma', fix: ',' },
	'、': { mark: 'mark-enumeration-comma', fix: ',' },
	'；': { mark: 'mark-semicolon', fix: ',' },
	'：': { mark: 'mark-colon', fix: ':' },
	'“': { mark: 'mark-quote', fix: '"' },
	'”': { mark: 'mark-quote', fix: '"' },
	'‘': { mark: 'mark-quote', fix: '"' },
	'’': { mark: 'mark-quote', fix: '"' },
	'｛': { mark: 'mark-brace', fix: '{' },
	'｝': { mark: 'mark-brace', fix: '}' },
	'［': { mark: 'mark-bracket', fix: '[' },
	'］': { mark: 'mark-bracket', fix: ']' },
	'【': { mark: 'mark-bracket', fix: '[' },
	'】': { mark: 'mark-bracket', fix: ']' },
	'\u3000': { mark: 'mark-space', fix: ' ' }
};

function fullWidthDraft(text: string, offset: number): ProblemDraft {
	const found = text[offset];
	const { mark, fix } = FULL_WIDTH[found];
	return {
		severity: 'error',
		code: 'json-full-width',
		path: pathAt(text, offset),
		offset,
		length: 1,
		params: { found, mark, fix }
	};
}

/**
 * A full-width mark where the parser stopped (`"a"：1`), or a text closed with a full-width
 * quote (`"a”, "b": 1`: the text runs on to the next straight quote and the parser stops after
 * it): then the mark is the mistake, not what the parser reports.
 */
function fullWidthAt(text: string, offset: number): ProblemDraft | undefined {
	if (FULL_WIDTH[text[offset]]) return fullWidthDraft(text, offset);
	// The string the parser read last before it stopped, as written.
	const scanner = createScanner(text, true);
	let last: { offset: number; length: number } | undefined;
	for (let token = scanner.scan(); token !== TOKEN_EOF; token = scanner.scan()) {
		if (scanner.getTokenOffset() > offset) break;
		if (token === TOKEN_STRING) {
			last = { offset: scanner.getTokenOffset(), length: scanner.getTokenLength() };
		}
	}
	if (!last) return undefined;
	const written = text.slice(last.offset, last.offset + last.length);
	const closed = /[”“’‘](?=\s*[,，:：}\]])/.exec(written);
	return closed ? fullWidthDraft(text, last.offset + closed.index) : undefined;
}

/**
 * Whether the syntax error at `offset` is an echo of a full-width mark reported before it on the
 * same line or just before it (the parser then trips over the next token), or of a stray quote.
 */
function echoesFullWidth(text: string, drafts: readonly ProblemDraft[], offset: number): boolean {
	const previous = drafts[drafts.length - 1];
	if (previous?.code !== 'json-full-width' || previous.offset === undefined) return false;
	// A stray quote opens or ends a text in the wrong place: what follows is all its echo.
	if (previous.params?.mark === 'mark-quote') return true;
	const between = text.slice(previous.offset + 1, offset);
	return offset <= previous.offset || !/[\n\r]/.test(between) || between.trim() === '';
}

/** The comma before a closing `}` or `]` at `offset`, if only whitespace separates them. */
function trailingCommaBefore(text: string, offset: number): number | undefined {
	const close = text[offset];
	if (close !== '}' && close !== ']') return undefined;
	let i = offset - 1;
	while (i >= 0 && /\s/.test(text[i])) i--;
	return text[i] === ',' ? i : undefined;
}

/** The bad token as written, up to the next delimiter. */
function symbolAt(text: string, offset: number, length: number): string {
	const token = text.slice(offset, offset + Math.max(length, 1));
	const match = /^[^\s,:{}[\]]*/.exec(text.slice(offset, offset + QUOTE_LIMIT + 1));
	return match && match[0].length > token.length ? match[0] : token;
}

/** The JSON path the parser was in at `offset` (a syntax error has no value to point at). */
function pathAt(text: string, offset: number): JsonPath {
	const path = [...getLocation(text, offset).path];
	// Between a key's quote and its colon the parser reports an empty key; it names nothing.
	while (path.length > 0 && path[path.length - 1] === '') path.pop();
	return path;
}

function toValue(
	node: Node,
	path: JsonPath,
	problems: ProblemDraft[],
	refused: JsonPath[],
	text: string,
	markup: boolean
): unknown {
	switch (node.type) {
		case 'object': {
			const object: Record<string, unknown> = {};
			const seen = new Set<string>();
			for (const property of node.children ?? []) {
				const [keyNode, valueNode] = property.children ?? [];
				if (!keyNode || !valueNode) continue;
				const key = String(keyNode.value);
				const at = [...path, key];
				if (FORBIDDEN_KEYS.includes(key)) {
					problems.push({
						severity: 'error',
						code: 'forbidden-key',
						path: at,
						offset: keyNode.offset,
						length: keyNode.length,
						params: { key }
					});
					refused.push(at);
					continue;
				}
				if (seen.has(key)) {
					problems.push({
						severity: 'error',
						code: 'duplicate-key',
						path: at,
						offset: keyNode.offset,
						length: keyNode.length,
						params: { key: quote(key) }
					});
				}
				seen.add(key);
				const value = toValue(valueNode, at, problems, refused, text, markup);
				// Never `__proto__` here (refused above), so plain assignment cannot reach a prototype.
				if (value !== undefined) object[key] = value;
				else delete object[key];
			}
			return object;
		}
		case 'array':
			return (node.children ?? []).map((child, index) => {
				const value = toValue(child, [...path, index], problems, refused, text, markup);
				return value === undefined ? null : value;
			});
		case 'number': {
			const value = node.value as number;
			const written = quote(text.slice(node.offset, node.offset + node.length));
			if (!Number.isFinite(value)) {
				problems.push(numberProblem('number-not-finite', path, node, written));
				refused.push(path);
				return undefined;
			}
			if (Math.abs(value) > Number.MAX_SAFE_INTEGER) {
				problems.push(numberProblem('number-unsafe', path, node, written));
				refused.push(path);
				return undefined;
			}
			return value;
		}
		case 'string': {
			const value = node.value as string;
			if (!markup) return value;
			const tag = HTML_TAG.exec(value);
			if (tag) {
				problems.push({
					severity: 'error',
					code: 'html-markup',
					path,
					offset: node.offset,
					length: node.length,
					params: { found: quote(tag[0]) }
				});
			} else {
				const entity = HTML_ENTITY.exec(value);
				if (entity) {
					problems.push({
						severity: 'warning',
						code: 'html-entity',
						path,
						offset: node.offset,
						length: node.length,
						params: { found: entity[0] }
					});
				}
			}
			return value;
		}
		case 'boolean':
			return node.value as boolean;
		default:
			return null;
	}
}

function numberProblem(code: string, path: JsonPath, node: Node, found: string): ProblemDraft {
	return {
		severity: 'error',
		code,
		path,
		offset: node.offset,
		length: node.length,
		params: { found, max: Number.MAX_SAFE_INTEGER }
	};
}

/**
 * Finds line and column of JSON paths in a text: the value at the path or, when the path does
 * not exist (a missing field), the nearest enclosing value that does.
 */
export class JsonLocator {
	readonly #lineStarts: number[];

	constructor(
		readonly text: string,
		readonly root: Node | undefined
	) {
		this.#lineStarts = [0];
		for (let i = 0; i < text.length; i++) {
			const char = text.charCodeAt(i);
			if (char === 10) this.#lineStarts.push(i + 1);
			else if (char === 13 && text.charCodeAt(i + 1) !== 10) this.#lineStarts.push(i + 1);
		}
	}

	/** Offset of the value at `path`, or of its field name when `at` is `'key'`. */
	offsetOf(path: JsonPath, at: 'value' | 'key' = 'value'): number {
		return this.spanOf(path, at).offset;
	}

	/**
	 * Where the value at `path` (or its field name) sits, as an offset and a length for an editor
	 * to underline; for a missing field, the first character of the object that lacks it.
	 */
	spanOf(path: JsonPath, at: 'value' | 'key' = 'value'): { offset: number; length: number } {
		if (!this.root) return { offset: 0, length: Math.min(1, this.text.length) };
		let node = this.root;
		for (let i = 0; i < path.length; i++) {
			const child = this.#child(node, path[i]);
			if (!child) return { offset: node.offset, length: 1 };
			node = child;
		}
		const property = node.parent;
		const key = property?.type === 'property' ? property.children?.[0] : undefined;
		if (at === 'key' && path.length > 0 && key) return { offset: key.offset, length: key.length };
		return { offset: node.offset, length: node.length };
	}

	// An index of each object's fields, built when first needed: a file with thousands of
	// problems in one object must not search the object once per problem.
	readonly #fields = new WeakMap<Node, Map<string, Node>>();

	#child(node: Node, segment: string | number): Node | undefined {
		if (typeof segment === 'number') {
			return node.type === 'array' ? node.children?.[segment] : undefined;
		}
		if (node.type !== 'object') return undefined;
		let fields = this.#fields.get(node);
		if (!fields) {
			fields = new Map();
			for (const property of node.children ?? []) {
				const [key, value] = property.children ?? [];
				// The first of duplicate keys, as a reader going down the file meets it.
				if (key && value && !fields.has(String(key.value))) fields.set(String(key.value), value);
			}
			this.#fields.set(node, fields);
		}
		return fields.get(segment);
	}

	/** 1-based line and column of an offset. */
	position(offset: number): { line: number; column: number } {
		let low = 0;
		let high = this.#lineStarts.length - 1;
		while (low < high) {
			const mid = (low + high + 1) >> 1;
			if (this.#lineStarts[mid] <= offset) low = mid;
			else high = mid - 1;
		}
		return { line: low + 1, column: offset - this.#lineStarts[low] + 1 };
	}
}
