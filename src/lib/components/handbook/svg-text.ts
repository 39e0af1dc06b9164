/**
 * SVG has no line wrapping, so diagram labels are broken into lines here, from an estimate of
 * how wide each character is drawn: Chinese characters take a full em, Latin letters about half.
 */

const WIDE_RANGES = '\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef';
const WIDE = new RegExp(`[${WIDE_RANGES}]`);
const TOKENS = new RegExp(`\\s+|[${WIDE_RANGES}]|[^\\s${WIDE_RANGES}]+`, 'g');

/** Estimated drawn width of `text` at `fontSize` px: `textWidth('设计者', 10)` → 30. */
export function textWidth(text: string, fontSize: number): number {
	let ems = 0;
	for (const char of text) ems += WIDE.test(char) ? 1 : char === ' ' ? 0.3 : 0.58;
	return ems * fontSize;
}

/**
 * Breaks `text` into lines no wider than `width`: at spaces for Latin text, between any two
 * characters for Chinese. A word longer than the line stays whole on its own line.
 */
export function wrapText(text: string, width: number, fontSize: number): string[] {
	const lines: string[] = [];
	let line = '';
	let spaced = false;
	for (const [token] of text.matchAll(TOKENS)) {
		if (/^\s+$/.test(token)) {
			spaced = line !== '';
			continue;
		}
		const candidate = line === '' ? token : line + (spaced ? ' ' : '') + token;
		if (line !== '' && textWidth(candidate, fontSize) > width) {
			lines.push(line);
			line = token;
		} else {
			line = candidate;
		}
		spaced = false;
	}
	if (line !== '') lines.push(line);
	return lines;
}
