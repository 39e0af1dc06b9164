/**
 * Renders validation problems in English or Chinese from the message catalogues
 * (messages/validation/*.json), read here as plain data: the engine runs under Node for the
 * command line, where Paraglide's runtime is not available, and the same texts serve both.
 */
import en from '../../../../messages/validation/en.json';
import zhCN from '../../../../messages/validation/zh-CN.json';
import type { Problem, ProblemParams } from './problem';

export type MessageLocale = 'en' | 'zh-CN';

const CATALOGUES: Record<MessageLocale, Readonly<Record<string, string>>> = {
	en,
	'zh-CN': zhCN
};

/** Parameters that hold a term id (`role`, `array`...) rather than text: they are translated too. */
const TERM_PARAMS = ['what', 'expected', 'received'];

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
	const variant = params.suggestion !== undefined ? `${key}_suggest` : undefined;
	const template =
		(variant && (catalogue[variant] ?? CATALOGUES.en[variant])) ??
		catalogue[key] ??
		CATALOGUES.en[key];
	if (template === undefined) return code;
	return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
		const value = params[name];
		if (value === undefined) return placeholder;
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
