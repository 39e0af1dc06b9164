/**
 * `npm run i18n` (after Paraglide's compile): writes src/lib/i18n/maps/*.ts, the typed maps
 * from message key to message function that code picking a message by a computed key reads
 * (a methodology id's label, an engine code's sentence, a handbook paragraph), one module each.
 *
 * Why maps: Paraglide compiles every message to its own function, and a bundler keeps only the
 * ones the code names. A lookup by a computed key on the whole `m` namespace (`m[key]`) names
 * them all, so every page carried every message of every area in both languages. Each map here
 * names only the messages of its prefixes, so a page carries only the maps it uses. The lint
 * rule in eslint.config.js forbids the computed lookup on `m`. One module per map: the bundler
 * places a message by the pages that can reach its module, so maps in one module would bring
 * every map's messages (the handbook's paragraphs) to any page that uses one (term labels).
 *
 * `--check` compares instead of writing (message-maps.spec.ts runs it): exit 1 when out of date.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The folder of the maps' modules: `<OUT>/<file>.ts` for each map. */
export const OUT = 'src/lib/i18n/maps';

/** One map: its exported name, what it is for, and the key prefixes it holds. */
export const MAPS: { name: string; doc: string; prefixes: string[] }[] = [
	{
		name: 'LABELS',
		doc: 'Labels of methodology terms and other ids (labels.ts, `termLabel`): `stage_discover_needs`.',
		prefixes: [
			'stage_',
			'role_',
			'attitude_',
			'contact_',
			'level_',
			'department_',
			'activity_',
			'strategy_',
			'group_',
			'outcome_',
			'difficulty_',
			'position_',
			'fit_',
			'category_',
			'locale_',
			'intel_kind_'
		]
	},
	{
		name: 'DEAL_LABELS',
		doc: 'Labels of the terms the home page and the key-people picture name (deal-labels.ts, `dealLabel`), apart from LABELS so that those pages do not carry every term.',
		prefixes: ['stage_', 'role_', 'department_', 'difficulty_', 'outcome_']
	},
	{
		name: 'REFUSALS',
		doc: 'Why the engine refused an action (engine-text.ts).',
		prefixes: ['refusal_']
	},
	{ name: 'FLAGS', doc: 'Red flags (engine-text.ts).', prefixes: ['flag_'] },
	{ name: 'FACTORS', doc: 'Outcome factors of the score (engine-text.ts).', prefixes: ['factor_'] },
	{ name: 'RULES', doc: 'Scoring rules (engine-text.ts).', prefixes: ['rule_'] },
	{
		name: 'SEEN',
		doc: 'What a trainee has seen, in a rule (engine-text.ts).',
		prefixes: ['seen_']
	},
	{
		name: 'RESULT_REASONS',
		doc: 'Why a result was refused (src/lib/results/verdict-text.ts).',
		prefixes: ['results_reason_']
	},
	{
		name: 'TERM_DEFINITIONS',
		doc: "A term's short definition (src/lib/components/term/term-text.ts).",
		prefixes: ['term_']
	},
	{
		name: 'GUIDE',
		doc: "The first-play guide's steps and its chart sample (FirstPlayGuide.svelte).",
		prefixes: ['guide_', 'hb_chart_ex_']
	},
	{
		name: 'SECTION_TITLES',
		doc: "Handbook chapters' titles and summaries, linked from the debrief (handbook-links.ts).",
		prefixes: ['hb_section_']
	},
	{
		name: 'HANDBOOK',
		doc: "The handbook's paragraphs picked by a methodology id (handbook-text.ts, `handbookText`).",
		prefixes: ['hb_']
	}
];

function catalogues(dir = 'messages'): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return catalogues(path);
		return name === 'en.json' ? [path] : [];
	});
}

/** A map's module file name: `TERM_DEFINITIONS` → `term-definitions.ts`. */
export function fileOf(name: string): string {
	return `${name.toLowerCase().replaceAll('_', '-')}.ts`;
}

/** Every map's module, by file name. */
export function render(): Record<string, string> {
	const keys = new Set<string>();
	for (const file of catalogues())
		for (const key of Object.keys(JSON.parse(readFileSync(file, 'utf8')))) keys.add(key);
	const sorted = [...keys].sort();
	const files: Record<string, string> = {};
	for (const { name, doc, prefixes } of MAPS) {
		const members = sorted.filter((key) => prefixes.some((prefix) => key.startsWith(prefix)));
		const lines = [
			'// Written by scripts/gen-message-maps.ts (npm run i18n) from messages/**/en.json; do not edit.',
			"// Relative imports: the command line runs this under tsx, without SvelteKit's $lib alias.",
			"import { m } from '../../paraglide/messages.js';",
			"import { messageMap } from '../message-map';",
			'',
			`/** ${doc} */`,
			`export const ${name} = /* @__PURE__ */ messageMap({`
		];
		// No trailing comma: the project's Prettier style (the file is checked as written).
		members.forEach((key, i) =>
			lines.push(`\t${key}: m.${key}${i < members.length - 1 ? ',' : ''}`)
		);
		lines.push('});', '');
		files[fileOf(name)] = lines.join('\n');
	}
	return files;
}

if (process.argv[1]?.endsWith('gen-message-maps.ts')) {
	const files = render();
	if (process.argv.includes('--check')) {
		const stale = Object.entries(files).filter(
			([file, text]) =>
				!existsSync(join(OUT, file)) || readFileSync(join(OUT, file), 'utf8') !== text
		);
		if (stale.length > 0) {
			console.error(
				`${OUT} is out of date (${stale.map(([f]) => f).join(', ')}): run npm run i18n.`
			);
			process.exit(1);
		}
	} else {
		mkdirSync(OUT, { recursive: true });
		for (const [file, text] of Object.entries(files)) writeFileSync(join(OUT, file), text);
	}
}
