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
