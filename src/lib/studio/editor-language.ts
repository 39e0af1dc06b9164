/**
 * The JSON editor in the trainer's language: CodeMirror's own words (the search panel, the lint
 * panel, folding), the JSON Schema's field descriptions shown on hover and in completions, and
 * the type names beside them.
 *
 * The schema's descriptions are written in English in the engine's schema (static/
 * scenario.schema.json is generated from it); their Chinese is kept in schema-help.zh-CN.json,
 * keyed by the English text, so that a description moved to another field keeps its translation.
 * A description without one is shown in English (a test lists any that lack one).
 */
import { m } from '$lib/paraglide/messages.js';
import zhCN from './schema-help.zh-CN.json';

export type EditorLocale = 'en' | 'zh-CN';

const DESCRIPTIONS: Record<EditorLocale, Readonly<Record<string, string>>> = {
	en: {},
	'zh-CN': zhCN
};

/**
 * CodeMirror's phrases (EditorState.phrases) in a language, keyed by the English phrase as the
 * CodeMirror packages write it: `editorPhrases('zh-CN').Find` → "查找".
 */
export function editorPhrases(locale: EditorLocale): Record<string, string> {
	const o = { locale };
	return {
		Find: m.studio_cm_find({}, o),
		Replace: m.studio_cm_replace({}, o),
		next: m.studio_cm_next({}, o),
		previous: m.studio_cm_previous({}, o),
		all: m.studio_cm_all({}, o),
		'match case': m.studio_cm_match_case({}, o),
		regexp: m.studio_cm_regexp({}, o),
		'by word': m.studio_cm_by_word({}, o),
		replace: m.studio_cm_replace_one({}, o),
		'replace all': m.studio_cm_replace_all({}, o),
		close: m.studio_cm_close({}, o),
		'current match': m.studio_cm_current_match({}, o),
		'on line': m.studio_cm_on_line({}, o),
		'replaced $ matches': m.studio_cm_replaced_matches({}, o),
		'replaced match on line $': m.studio_cm_replaced_match_on_line({}, o),
		'Go to line': m.studio_cm_go_to_line({}, o),
		go: m.studio_cm_go({}, o),
		Completions: m.studio_cm_completions({}, o),
		'Control character': m.studio_cm_control_character({}, o),
		Diagnostics: m.studio_cm_diagnostics({}, o),
		'No diagnostics': m.studio_cm_no_diagnostics({}, o),
		'Selection deleted': m.studio_cm_selection_deleted({}, o),
		'folded code': m.studio_cm_folded_code({}, o),
		unfold: m.studio_cm_unfold({}, o),
		'Folded lines': m.studio_cm_folded_lines({}, o),
		'Unfolded lines': m.studio_cm_unfolded_lines({}, o),
		'Fold line': m.studio_cm_fold_line({}, o),
		'Unfold line': m.studio_cm_unfold_line({}, o),
		to: m.studio_cm_to({}, o)
	};
}

/** The words of the schema's type information: `schemaWord('integer', 'zh-CN')` → "整数". */
export function schemaWord(word: string, locale: EditorLocale): string {
	const o = { locale };
	const words: Record<string, () => string> = {
		string: () => m.studio_schema_string({}, o),
		number: () => m.studio_schema_number({}, o),
		integer: () => m.studio_schema_integer({}, o),
		boolean: () => m.studio_schema_boolean({}, o),
		array: () => m.studio_schema_array({}, o),
		object: () => m.studio_schema_object({}, o),
		null: () => m.studio_schema_null({}, o),
		enum: () => m.studio_schema_enum({}, o),
		pattern: () => m.studio_schema_pattern({}, o),
		format: () => m.studio_schema_format({}, o),
		or: () => m.studio_schema_or({}, o),
		'Default value': () => m.studio_schema_default({}, o)
	};
	return words[word]?.() ?? word;
}

/** The schema's descriptions (anywhere in it), as the set of English texts. */
export function schemaDescriptions(schema: unknown): Set<string> {
	const found = new Set<string>();
	const walk = (value: unknown) => {
		if (Array.isArray(value)) value.forEach(walk);
		else if (typeof value === 'object' && value !== null) {
			const record = value as Record<string, unknown>;
			if (typeof record.description === 'string') found.add(record.description);
			Object.values(record).forEach(walk);
		}
	};
	walk(schema);
	return found;
}

/**
 * A copy of a JSON Schema with its descriptions in `locale` where a translation exists:
 * `translateSchema({ description: 'What is being sold.' }, 'zh-CN')` →
 * `{ description: '要销售的产品或方案。' }`.
 */
export function translateSchema<T>(schema: T, locale: EditorLocale): T {
	const table = DESCRIPTIONS[locale];
	const copy = (value: unknown): unknown => {
		if (Array.isArray(value)) return value.map(copy);
		if (typeof value !== 'object' || value === null) return value;
		return Object.fromEntries(
			Object.entries(value).map(([key, inner]) => [
				key,
				key === 'description' && typeof inner === 'string' ? (table[inner] ?? inner) : copy(inner)
			])
		);
	};
	return copy(schema) as T;
}

/** The descriptions that have no translation in `locale` (for the test that keeps them whole). */
export function untranslated(schema: unknown, locale: EditorLocale): string[] {
	if (locale === 'en') return [];
	return [...schemaDescriptions(schema)].filter((text) => !(text in DESCRIPTIONS[locale]));
}

/**
 * The type line of a hover, in `locale`: `typeInfo({ type: 'integer' }, 'zh-CN')` → "整数";
 * `typeInfo({ enum: ['a', 'b'] }, 'en')` → "one of: `a` or `b`".
 */
export function typeInfo(schema: Record<string, unknown>, locale: EditorLocale): string {
	const or = (items: string[]) =>
		items.length <= 1
			? (items[0] ?? '')
			: `${items.slice(0, -1).join(', ')} ${schemaWord('or', locale)} ${items[items.length - 1]}`;
	const typeName = (type: unknown) =>
		Array.isArray(type)
			? or(type.map((t) => schemaWord(String(t), locale)))
			: schemaWord(String(type), locale);
	let info = '';
	const options = (schema.anyOf ?? schema.oneOf) as Record<string, unknown>[] | undefined;
	if (Array.isArray(options)) {
		info = or(
			options.map((option) =>
				Array.isArray(option.enum)
					? option.enum.map((v) => `\`${String(v)}\``).join(', ')
					: typeName(option.type)
			)
		);
	}
	if (schema.type !== undefined) info = typeName(schema.type);
	if (Array.isArray(schema.enum)) {
		info = `${schemaWord('enum', locale)}: ${or(schema.enum.map((v) => `\`${String(v)}\``))}`;
	}
	if (schema.const !== undefined) info = `\`${String(schema.const)}\``;
	if (typeof schema.pattern === 'string') {
		info += ` · ${schemaWord('pattern', locale)}: \`${schema.pattern}\``;
	}
	if (typeof schema.format === 'string') {
		info += ` · ${schemaWord('format', locale)}: ${schema.format}`;
	}
	return info;
}
