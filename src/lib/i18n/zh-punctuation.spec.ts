/**
 * Chinese text uses full-width punctuation: "，：；（）" beside Chinese characters, never the
 * half-width ",:;()" of English. This scans every Chinese message catalogue.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { halfWidthBesideChinese } from './zh-punctuation';

function catalogues(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return catalogues(path);
		return name === 'zh-CN.json' ? [path] : [];
	});
}

describe('halfWidthBesideChinese', () => {
	it.each([
		['需求: 预算', [':']],
		['与李红, 张立新', [',']],
		['决策层(领导)', ['(', ')']],
		['先预测; 再结束', [';']],
		['需求：预算', []],
		['{activity}需要 {cost}，只剩 {left}。', []],
		['220kV (A: B)', []],
		['预测：{percent}%', []],
		['{name}: 角色', [':']]
	])('%s → %j', (text, found) => {
		expect(halfWidthBesideChinese(text).map((hit) => hit.mark)).toEqual(found);
	});
});

describe('the Chinese message catalogues', () => {
	const files = catalogues('messages');
	it('are found', () => {
		expect(files.length).toBeGreaterThan(5);
	});
	it.each(files)('%s has no half-width , : ; ( ) beside Chinese', (file) => {
		const messages: Record<string, unknown> = JSON.parse(readFileSync(file, 'utf8'));
		const found = Object.entries(messages)
			.filter(([key, value]) => key !== '$schema' && typeof value === 'string')
			.flatMap(([key, value]) =>
				halfWidthBesideChinese(value as string).map((hit) => `${key}: …${hit.context}…`)
			);
		expect(found).toEqual([]);
	});
});
