/**
 * Punctuation that follows the interface language: Chinese takes full-width marks (，：；（）、)
 * with no space after them, English takes ", " ": " and "( )".
 */
// Relative import: the command line runs i18n code under tsx, without SvelteKit's $lib alias.
import { getLocale, type Locale } from '../paraglide/runtime.js';

const CHINESE = /[\u3400-\u9fff\uf900-\ufaff]/;
const HALF_WIDTH = /[,:;()]/g;

export interface PunctuationHit {
	mark: string;
	index: number;
	context: string;
}

/**
 * The half-width marks in `text` that stand beside a Chinese character, looking past spaces and
 * message placeholders: `halfWidthBesideChinese('需求: 预算')` → one hit, ':'.
 */
export function halfWidthBesideChinese(text: string): PunctuationHit[] {
	// A placeholder such as {name} stands for a name or number: it is neither Chinese nor not.
	const plain = text.replace(/\{[^}]*\}/g, (match) => '\uE000'.repeat(match.length));
	const hits: PunctuationHit[] = [];
	for (const match of plain.matchAll(HALF_WIDTH)) {
		const index = match.index;
		const before = plain.slice(0, index).replace(/[\s\uE000]+$/, '');
		const after = plain.slice(index + 1).replace(/^[\s\uE000]+/, '');
		if (CHINESE.test(before.at(-1) ?? '') || CHINESE.test(after.at(0) ?? ''))
			hits.push({
				mark: match[0],
				index,
				context: text.slice(Math.max(0, index - 8), index + 9)
			});
	}
	return hits;
}

const zh = (locale?: Locale) => (locale ?? getLocale()) === 'zh-CN';

/** A label's colon: "Role: " / "角色：". */
export function colon(locale?: Locale): string {
	return zh(locale) ? '：' : ': ';
}

/** Names in a row: "Li Hong, Zhang Lixin" / "李红、张立新". */
export function listOf(items: readonly string[], locale?: Locale): string {
	return items.join(zh(locale) ? '、' : ', ');
}

/** A remark in brackets: "(East)" / "（东区）". */
export function inParens(text: string, locale?: Locale): string {
	return zh(locale) ? `（${text}）` : `(${text})`;
}

/** The gap after a label: none after a full-width mark, a space otherwise. */
export function gapAfter(label: string): string {
	return /[：，。；）、]$/.test(label) ? '' : ' ';
}
