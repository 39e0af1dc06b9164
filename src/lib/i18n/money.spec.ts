import { describe, expect, it } from 'vitest';
import { money } from './money';

describe('money', () => {
	it('writes an amount in the currency and language asked for, the same on every call', () => {
		expect(money(4400, 'USD', 'en')).toBe('$4,400');
		expect(money(4400, 'USD')).toBe('$4,400');
		expect(money(1234567, 'CNY', 'zh-CN')).toBe('¥1,234,567');
		expect(money(4400.6, 'USD', 'en')).toBe('$4,401');
		// The cached formatter of one language is not the other's.
		expect(money(1234567, 'CNY', 'en')).toBe('CN¥1,234,567');
		expect(money(4400, 'USD', 'en')).toBe('$4,400');
	});

	it('falls back to the amount and the code for a currency the browser does not know', () => {
		expect(money(4400, 'NOT-A-CODE', 'en')).toBe('4,400 NOT-A-CODE');
		expect(money(12, 'NOT-A-CODE', 'en')).toBe('12 NOT-A-CODE');
	});
});
