/**
 * A problem found in a scenario or attempt file: what a trainer reads in the editor, on the
 * command line and in the import dialog. `code` and `params` are the source of truth; `message`
 * is the English text rendered from messages/validation/en.json (render it in another language
 * with `problemMessage` from problem-messages.ts).
 */

export type Severity = 'error' | 'warning';

/** A JSON path: object keys and array indices, from the top of the file. */
export type JsonPath = (string | number)[];

export type ProblemParams = Record<string, string | number>;

export interface Problem {
	severity: Severity;
	/** Kebab-case code; its text is `validation_<code with underscores>` in messages/validation. */
	code: string;
	path: JsonPath;
	/** The path as a trainer reads it: `people[3].role`; empty for the whole file. */
	pathText: string;
	/** 1-based line of the spot in the file. */
	line: number;
	/** 1-based column (UTF-16 code units, as editors count them). */
	column: number;
	/** 0-based offset of the spot in the text (UTF-16 code units), for an editor's marks. */
	offset: number;
	/** Length of the spot: the value, the field name or the bad token (at least 0). */
	length: number;
	params: ProblemParams;
	/** The English message. */
	message: string;
}

/** A problem before it has a place in the file and a message. */
export interface ProblemDraft {
	severity: Severity;
	code: string;
	path: JsonPath;
	params?: ProblemParams;
	/**
	 * Where to point: at the value (default) or, for a field, at its name (unknown or forbidden
	 * field names, duplicate keys).
	 */
	at?: 'value' | 'key';
	/** An exact offset in the text, when the path cannot say it (JSON syntax errors). */
	offset?: number;
	/** The length at `offset` (default 1). */
	length?: number;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/**
 * A path as a trainer reads it: `pathToText(['people', 3, 'role'])` → `people[3].role`;
 * keys that are not plain names are quoted: `responds["a b"]`.
 */
export function pathToText(path: readonly (string | number)[]): string {
	let text = '';
	for (const segment of path) {
		if (typeof segment === 'number') text += `[${segment}]`;
		else if (IDENTIFIER.test(segment)) text += text === '' ? segment : `.${segment}`;
		else text += `[${JSON.stringify(segment)}]`;
	}
	return text;
}

/** By position in the file, so that a trainer can fix the problems from top to bottom. */
export function compareProblems(a: Problem, b: Problem): number {
	return a.line - b.line || a.column - b.column;
}
