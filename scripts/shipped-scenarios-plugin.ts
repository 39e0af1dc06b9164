/**
 * Shipped scenarios checked at build time (issue 20, item 2). The files in scenarios/ and
 * scenarios/archive/ are the app's own: the build reads each once through the validator
 * (src/lib/engine/scenario/parse-scenario.ts, the same one the command line and the hub use) and
 * hashes it, so the browser never validates them. Two queries on a shipped file's path:
 *
 * - `?checked`: `{ scenario, hash }`, the typed scenario with the contract's defaults applied and
 *   its content hash, exactly what `parseScenario` gives for the file's text;
 * - `?summary`: the little a list needs (id, version, title, locale, difficulty, hash), so that
 *   a page listing scenarios does not download them.
 *
 * A shipped file that breaks the contract fails the build (the browser used to leave it out
 * silently). Files a trainer imports, writes or receives from a class hub are still validated
 * in the browser (src/lib/scenarios/catalogue.ts).
 */
import { readFile, stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { runnerImport, type Plugin } from 'vite';
import type { ParsedScenario } from '../src/lib/engine/scenario/parse-scenario.ts';

type Validator = typeof import('../src/lib/engine/scenario/parse-scenario.ts');

const SHIPPED_DIR = resolve('scenarios');

let validator: Promise<Validator> | undefined;

/** The engine's validator, loaded once through Vite (the engine is TypeScript). */
function loadValidator(): Promise<Validator> {
	validator ??= runnerImport<Validator>(resolve('src/lib/engine/scenario/parse-scenario.ts')).then(
		({ module }) => module
	);
	return validator;
}
const PREFIX = '\0shipped-scenario:';
const SEPARATOR = '::';

/** Whether a path is a shipped scenario file (scenarios/*.json or scenarios/archive/*.json). */
function isShipped(file: string): boolean {
	const within = relative(SHIPPED_DIR, file);
	if (within.startsWith('..') || !within.endsWith('.json')) return false;
	const parts = within.split(sep);
	return parts.length === 1 || (parts.length === 2 && parts[0] === 'archive');
}

const checked = new Map<string, { mtime: number; parsed: Promise<ParsedScenario> }>();

/** The file's validation, once per version of the file on disk. */
async function check(file: string): Promise<ParsedScenario> {
	const mtime = (await stat(file)).mtimeMs;
	const known = checked.get(file);
	if (known?.mtime === mtime) return known.parsed;
	const parsed = Promise.all([readFile(file, 'utf8'), loadValidator()]).then(([text, v]) =>
		v.parseScenario(text)
	);
	checked.set(file, { mtime, parsed });
	return parsed;
}

export function shippedScenarios(): Plugin {
	return {
		name: 'sales-sim:shipped-scenarios',
		enforce: 'pre',
		// A module id of its own (not ending in `.json`), so that no JSON plugin reads the code.
		resolveId(source, importer) {
			const [path, query] = source.split('?');
			if (query !== 'checked' && query !== 'summary') return undefined;
			const file = path.startsWith('/scenarios/')
				? resolve(`.${path}`)
				: resolve(importer ? resolve(importer, '..') : '.', path);
			return isShipped(file) ? `${PREFIX}${file}${SEPARATOR}${query}` : undefined;
		},
		async load(id) {
			if (!id.startsWith(PREFIX)) return undefined;
			const [path, query] = id.slice(PREFIX.length).split(SEPARATOR);
			this.addWatchFile(path);
			const parsed = await check(path);
			if (!parsed.ok) {
				const problems = parsed.errors
					.slice(0, 10)
					.map((p) => `  ${p.line}:${p.column} ${p.message}`)
					.join('\n');
				this.error(`Shipped scenario ${relative('.', path)} breaks the contract:\n${problems}`);
			}
			const { scenario, hash } = parsed;
			const value =
				query === 'checked'
					? { scenario, hash }
					: {
							id: scenario.id,
							version: scenario.version,
							title: scenario.title,
							locale: scenario.locale,
							difficulty: scenario.difficulty,
							hash
						};
			// JSON.parse of a string literal is the fastest way for a browser to read a large value.
			return {
				code: `export default JSON.parse(${JSON.stringify(JSON.stringify(value))});`,
				map: null
			};
		}
	};
}
