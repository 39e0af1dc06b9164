/**
 * Reading a scenario file a trainer picked or dropped. The size is refused before the file is
 * read (a 2 GB file is never loaded), bytes that are not UTF-8 are refused as unreadable, and
 * any text is validated and handed back, so that even a broken file can be fixed in the editor.
 */
import { placeProblems } from '$lib/engine/scenario/parse-scenario';
import type { Problem } from '$lib/engine/scenario/problem';
import { MAX_FILE_BYTES } from '$lib/engine/scenario/safe-json';
import { checkScenarioText } from './validate-off-thread';

/** The part of a browser `File` this needs (a `Blob` in Node tests). */
export interface PickedFile {
	name: string;
	size: number;
	arrayBuffer(): Promise<ArrayBuffer>;
}

export type ImportedFile =
	/** Nothing to keep: too large, not text, or unreadable. */
	| { kind: 'refused'; name: string; errors: Problem[] }
	/** A text: `errors` empty means it is a valid scenario. */
	| { kind: 'text'; name: string; text: string; errors: Problem[]; warnings: Problem[] };

function fileProblem(code: string, params: Record<string, string | number> = {}): Problem[] {
	return placeProblems('', [{ severity: 'error', code, path: [], params, offset: 0, length: 0 }]);
}

/**
 * `await readScenarioFile(file)` → `{ kind: 'text', text, errors: [], warnings }` for a good file,
 * `{ kind: 'refused', errors: [file-too-large] }` for one over 1 MiB.
 */
export async function readScenarioFile(file: PickedFile): Promise<ImportedFile> {
	const { name } = file;
	if (file.size > MAX_FILE_BYTES)
		return {
			kind: 'refused',
			name,
			errors: fileProblem('file-too-large', { size: file.size, max: MAX_FILE_BYTES })
		};
	let bytes: ArrayBuffer;
	try {
		bytes = await file.arrayBuffer();
	} catch (error) {
		return {
			kind: 'refused',
			name,
			errors: fileProblem('file-unreadable', { reason: (error as Error).message || 'error' })
		};
	}
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return { kind: 'refused', name, errors: fileProblem('file-encoding') };
	}
	// Off the main thread: a 1 MiB file must not freeze the page while it is checked.
	const result = (await checkScenarioText(text)).validation;
	return result.ok
		? { kind: 'text', name, text, errors: [], warnings: result.warnings }
		: { kind: 'text', name, text, errors: result.errors, warnings: result.warnings };
}
