/**
 * Each page downloads only the messages it uses (issue 20). Code names a message as
 * `m.some_key()`, with `m` imported from Paraglide's `messages.js`, which re-exports every
 * message module of every area. The bundler splits chunks by which pages can reach a module, not
 * by which use it, so through that one import every message used anywhere landed in one chunk
 * that every page loaded. This build step rewrites the import in each module into imports of the
 * message modules it names (`src/lib/paraglide/messages/<key>.js`), bound to a local `m` that
 * holds just those: a page reaches only its own messages, and messages shared by pages land in
 * chunks of their own. It relies on every access to `m` naming its key, which the ESLint rule
 * against computed access to the messages object (eslint.config.js) makes sure of; a module
 * that passes `m` on whole is left alone. Build only: the dev server and Vitest read the
 * messages as written.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

const MESSAGES_DIR = resolve('src/lib/paraglide/messages');
/** `import { m } from '…/paraglide/messages.js';` as the app's modules write it. */
const IMPORT = /import\s*\{\s*m\s*\}\s*from\s*(['"])([^'"]*paraglide\/messages\.js)\1;?/;
/** `m.key`, not `other.m.key`. */
const USE = /(?<![\w$.])m\.([A-Za-z_$][\w$]*)/g;
/** `m` used whole: followed by something other than `.key` (an argument, a spread, a return). */
const WHOLE = /(?<![\w$.'"`])m(?![\w$.:'"`])\s*(?:[,)\]};]|$)/m;

/**
 * Each message key's module: `app_name` → `app_name.js`. Paraglide names a module after its key
 * but escapes keys that are not plain lower-case identifiers (`language_zh_CN` is in
 * `language_zh_cn2.js`, `export { language_zh_cn2 as "language_zh_CN" }`).
 */
function messageModules(): Map<string, string> {
	const modules = new Map<string, string>();
	for (const file of readdirSync(MESSAGES_DIR)) {
		if (!file.endsWith('.js') || file.startsWith('_')) continue;
		const text = readFileSync(`${MESSAGES_DIR}/${file}`, 'utf8');
		for (const [, key] of text.matchAll(/export\s*\{\s*[\w$]+\s+as\s+"([^"]+)"\s*\}/g))
			modules.set(key, file);
		for (const [, key] of text.matchAll(/export\s+const\s+([\w$]+)\s*=/g)) modules.set(key, file);
	}
	return modules;
}

export function messagesByUse(): Plugin {
	let modules: Map<string, string> | undefined;
	return {
		name: 'sales-sim:messages-by-use',
		apply: 'build',
		enforce: 'post',
		transform(code, id) {
			if (id.includes('/node_modules/') || id.startsWith(MESSAGES_DIR)) return undefined;
			const found = IMPORT.exec(code);
			if (!found) return undefined;
			const rest = code.slice(0, found.index) + code.slice(found.index + found[0].length);
			if (WHOLE.test(rest)) return undefined;
			// Read once Paraglide has compiled the catalogues (at the start of the build).
			modules ??= messageModules();
			const known = modules;
			// Only message keys: `m.id` may be another `m` (a callback's parameter) in a nested scope.
			const keys = [...new Set([...rest.matchAll(USE)].map((match) => match[1]))].filter((key) =>
				known.has(key)
			);
			const base = found[2].replace(/messages\.js$/, 'messages');
			// One line, where the import was: the module's other lines keep their numbers.
			const imports = keys
				.map((key, i) => `import { "${key}" as __message_${i} } from '${base}/${known.get(key)}';`)
				.join(' ');
			const local = `const m = { ${keys.map((key, i) => `${key}: __message_${i}`).join(', ')} };`;
			return {
				code: code.slice(0, found.index) + imports + ' ' + local + rest.slice(found.index),
				map: null
			};
		}
	};
}
