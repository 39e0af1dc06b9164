/**
 * An amount in a deal's currency, in an interface language: `money(4400, 'USD', 'en')` →
 * "$4,400". One formatter per language and currency, made when first asked for: making an
 * `Intl.NumberFormat` costs far more than formatting with it, and the play page shows dozens of
 * amounts on every redraw.
 */
const formats = new Map<string, Intl.NumberFormat | null>();

export function money(value: number, currency: string, locale = 'en'): string {
	const key = `${locale} ${currency}`;
	let format = formats.get(key);
	if (format === undefined) {
		try {
			format = new Intl.NumberFormat(locale, {
				style: 'currency',
				currency,
				maximumFractionDigits: 0
			});
		} catch {
			// A currency code the browser does not know: the amount, then the code.
			format = null;
		}
		formats.set(key, format);
	}
	return format ? format.format(value) : `${value.toLocaleString(locale)} ${currency}`;
}

/**
 * Makes `currency`'s formatter for `locale` when the browser is next idle, or with `soon` in a
 * task of its own as soon as the ones queued have run (while a page waits for its data: the
 * browser may not be idle before the deal is drawn). The first number formatter a page makes loads
 * the language's number data (about 50 ms with the CPU slowed down 4 times): made ahead, it is not
 * part of the task that first draws the deal.
 */
export function prepareMoney(currency: string, locale = 'en', { soon = false } = {}): void {
	const make = () => void money(0, currency, locale);
	if (!soon && typeof requestIdleCallback === 'function') requestIdleCallback(make);
	else setTimeout(make, 0);
}
