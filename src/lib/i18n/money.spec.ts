import { describe, expect, it, vi } from 'vitest';
import { money, prepareMoney } from './money';

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

	it('makes a formatter ahead when the browser is idle, and only once', async () => {
		const Real = Intl.NumberFormat;
		let made = 0;
		const counting = Object.create(Intl) as typeof Intl;
		counting.NumberFormat = function (...args: ConstructorParameters<typeof Real>) {
			made += 1;
			return new Real(...args);
		} as unknown as typeof Intl.NumberFormat;
		vi.stubGlobal('Intl', counting);
		try {
			prepareMoney('EUR', 'de-DE');
			expect(made).toBe(0);
			await new Promise((resolve) => setTimeout(resolve, 10));
			expect(made).toBe(1);
			expect(money(1234, 'EUR', 'de-DE')).toBe('1.234\u00a0€');
			expect(made).toBe(1);
			// Soon: in a task of its own, not in the caller's.
			prepareMoney('GBP', 'de-DE', { soon: true });
			expect(made).toBe(1);
			await new Promise((resolve) => setTimeout(resolve, 0));
			expect(made).toBe(2);
			expect(money(1234, 'GBP', 'de-DE')).toBe('1.234\u00a0£');
			expect(made).toBe(2);
		} finally {
			vi.unstubAllGlobals();
		}
	});
});
