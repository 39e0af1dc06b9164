import { expect, test } from './fixtures';
import { attemptFromCheck, storeAttempt } from './attempt-seed';

test('the debrief opens with the three changes that would have raised the score most', async ({
	page,
	axe,
	switchLanguage
}) => {
	const attempt = await attemptFromCheck('city-hospital-his.json', 1, {
		id: 'debrief-top-three',
		player: 'Li Na'
	});
	await page.goto('/scenarios');
	await expect(page.getByRole('button', { name: /Choose a player/ })).toBeVisible();
	await storeAttempt(page, attempt);
	await page.goto(`/attempts/${attempt.id}`);
	const top = page.getByRole('region', { name: 'What would have raised your score most' });
	const items = top.getByRole('listitem');
	await expect(items).toHaveCount(3);
	// Above the score by category, and largest first.
	const [topBox, categoriesBox] = await Promise.all([
		top.boundingBox(),
		page.getByRole('heading', { name: 'Score by category' }).boundingBox()
	]);
	expect(topBox!.y).toBeLessThan(categoriesBox!.y);
	const points = (await items.allTextContents()).map((text) =>
		Number(/\+([\d.]+) points/.exec(text)![1])
	);
	expect(points.every((p) => p > 0)).toBe(true);
	expect([...points].sort((a, b) => b - a)).toEqual(points);
	await axe('debrief with the three changes');
	const link = items.first().getByRole('link', { name: /^Handbook: / });
	await expect(link).toHaveAttribute('href', /\/handbook\//);
	await switchLanguage('zh-CN');
	await expect(
		page.getByRole('region', { name: '最能提高分数的改进' }).getByRole('listitem')
	).toHaveCount(3);
	await expect(page.getByText(/^\+[\d.]+ 分$/).first()).toBeVisible();
});
