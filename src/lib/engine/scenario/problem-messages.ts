/**
 * Renders validation problems in English or Chinese from the message catalogues
 * (messages/validation/*.json), read here as plain data: the engine runs under Node for the
 * command line, where Paraglide's runtime is not available, and the same texts serve both.
 */
import termsEn from '../../../../messages/en.json';
import termsZhCN from '../../../../messages/zh-CN.json';
import engineEn from '../../../../messages/engine/en.json';
import engineZhCN from '../../../../messages/engine/zh-CN.json';
import en from '../../../../messages/validation/en.json';
import zhCN from '../../../../messages/validation/zh-CN.json';
import type { Problem, ProblemParams } from './problem';

export type MessageLocale = 'en' | 'zh-CN';

const CATALOGUES: Record<MessageLocale, Readonly<Record<string, string>>> = {
	en,
	'zh-CN': zhCN
};

/** Parameters that hold a term id (`role`, `array`...) rather than text: they are translated too. */
const TERM_PARAMS = ['what', 'expected', 'received', 'mark'];

/**
 * The methodology's own labels (stage, role, strategy...), from the interface's catalogues: a
 * trainer reads "安装实施", not `implementation`. Keys as in src/lib/i18n/labels.ts.
 */
const LABELS: Record<MessageLocale, Readonly<Record<string, string>>> = {
	en: { ...termsEn, ...engineEn },
	'zh-CN': { ...termsZhCN, ...engineZhCN }
};

/**
 * Parameters that hold a methodology id, by the kind of term: shown by its label in the reader's
 * language (the id itself stays available as `{<name>_id}` for a message that must say what to
 * type). `stage`, `last` and `role` are labelled in every message.
 */
const LABELLED_EVERYWHERE: Record<string, string> = { stage: 'stage', last: 'stage', role: 'role' };
const LABELLED: Record<string, Record<string, string>> = {
	'deliberation-intel-missing': { kind: 'intel_kind' },
	'acceptable-includes-best': { strategy: 'strategy' },
	'check-outcome': { expected: 'outcome', actual: 'outcome' }
};

function labelOf(kind: string, id: string, locale: MessageLocale): string | undefined {
	const key = `${kind}_${id.replaceAll('-', '_')}`;
	return LABELS[locale][key] ?? LABELS.en[key];
}

function keyOf(code: string): string {
	return `validation_${code.replaceAll('-', '_')}`;
}

/** Whether a code has a message in both catalogues. */
export function hasMessage(code: string): boolean {
	return keyOf(code) in CATALOGUES.en && keyOf(code) in CATALOGUES['zh-CN'];
}

/**
 * The text of a problem code in a language:
 * `renderMessage('text-empty', {}, 'zh-CN')` → "这段文本是空的；请填写内容。".
 * A `suggestion` parameter selects the code's "did you mean" variant when it has one.
 */
export function renderMessage(
	code: string,
	params: ProblemParams = {},
	locale: MessageLocale = 'en'
): string {
	const catalogue = CATALOGUES[locale] ?? CATALOGUES.en;
	const key = keyOf(code);
	const pick = (name: string) => catalogue[name] ?? CATALOGUES.en[name];
	// "did you mean" when there is a suggestion; "there are none yet" rather than an empty list.
	const variant =
		params.suggestion !== undefined
			? `${key}_suggest`
			: params.allowed === ''
				? `${key}_none`
				: undefined;
	const template = (variant && pick(variant)) ?? pick(key);
	if (template === undefined) return code;
	const labelled = { ...LABELLED_EVERYWHERE, ...LABELLED[code] };
	return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
		const raw = name.endsWith('_id') ? name.slice(0, -3) : undefined;
		if (raw !== undefined && labelled[raw] && params[raw] !== undefined) return String(params[raw]);
		const value = params[name];
		if (value === undefined) return placeholder;
		const kind = labelled[name];
		if (kind) return labelOf(kind, String(value), locale) ?? String(value);
		if (TERM_PARAMS.includes(name)) {
			const term = `validation_term_${String(value).replaceAll('-', '_')}`;
			return catalogue[term] ?? CATALOGUES.en[term] ?? String(value);
		}
		return String(value);
	});
}

/** A problem's message in another language: `problemMessage(problem, 'zh-CN')`. */
export function problemMessage(
	problem: Pick<Problem, 'code' | 'params'>,
	locale: MessageLocale = 'en'
): string {
	return renderMessage(problem.code, problem.params, locale);
}
