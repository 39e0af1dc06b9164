import { readdirSync, readFileSync } from 'node:fs';
import { expect, hydrated, test } from './fixtures';
import { attemptFromCheck, storeAttempt, storeDeal } from './attempt-seed';

interface Shipped {
	id: string;
	title: string;
	difficulty: string;
	locale: string;
}

const shipped: Shipped[] = readdirSync('scenarios')
	.filter((file) => file.endsWith('.json'))
	.map((file) => JSON.parse(readFileSync(`scenarios/${file}`, 'utf8')) as Shipped);

const cards = (page: import('@playwright/test').Page) => page.getByRole('article');

test('the library lists every shipped scenario and is accessible in both languages', async ({
	page,
	axe,
	switchLanguage
}) => {
	await page.goto('/scenarios');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Scenarios');
	await expect(cards(page)).toHaveCount(shipped.length);
	for (const scenario of shipped) {
		const card = page.getByRole('article', { name: scenario.title });
		await expect(card).toBeVisible();
		await expect(card.getByRole('link', { name: `Play ${scenario.title}` })).toHaveAttribute(
			'href',
			`/play/${scenario.id}`
		);
	}
	await expect(page.getByRole('status').filter({ hasText: 'Showing' })).toHaveText(
		`Showing ${shipped.length} of ${shipped.length} scenarios.`
	);
	await axe('library in English');
	await switchLanguage('zh-CN');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('案例库');
	await expect(cards(page)).toHaveCount(shipped.length);
	await expect(page.getByRole('link', { name: /^开始练习：/ })).toHaveCount(shipped.length);
	await axe('library in Chinese');
});

test('filters by difficulty and language, remembered in the address', async ({ page, axe }) => {
	await page.goto('/scenarios');
	await expect(cards(page)).toHaveCount(shipped.length);
	// The prerendered page's selects answer once it is hydrated.
	await hydrated(page);
	const difficulty = page.getByLabel('Difficulty');
	const language = page.getByLabel("Scenario's language");

	await difficulty.selectOption('intro');
	const intro = shipped.filter((s) => s.difficulty === 'intro');
	await expect(cards(page)).toHaveCount(intro.length);
	await expect(page).toHaveURL(/\/scenarios\?difficulty=intro$/);
	for (const scenario of intro)
		await expect(page.getByRole('article', { name: scenario.title })).toBeVisible();

	await language.selectOption('zh-CN');
	const both = intro.filter((s) => s.locale === 'zh-CN');
	expect(both.length).toBeGreaterThan(0);
	await expect(cards(page)).toHaveCount(both.length);
	await expect(page).toHaveURL(/difficulty=intro&language=zh-CN$/);
	await axe('filtered library');

	// The address restores the filter, and the controls show it.
	await page.reload();
	await expect(cards(page)).toHaveCount(both.length);
	await expect(difficulty).toHaveValue('intro');
	await expect(language).toHaveValue('zh-CN');

	await difficulty.selectOption('');
	await expect(cards(page)).toHaveCount(shipped.filter((s) => s.locale === 'zh-CN').length);
	await expect(page).toHaveURL(/\/scenarios\?language=zh-CN$/);

	await page.getByRole('button', { name: 'Show all scenarios' }).click();
	await expect(cards(page)).toHaveCount(shipped.length);
	await expect(page).toHaveURL(/\/scenarios$/);

	// An address nobody can satisfy says so; an unknown value is ignored.
	await page.goto('/scenarios?difficulty=expert&language=zh-CN&x=1');
	const expertChinese = shipped.filter((s) => s.difficulty === 'expert' && s.locale === 'zh-CN');
	await expect(cards(page)).toHaveCount(expertChinese.length);
	await page.goto('/scenarios?difficulty=impossible');
	await expect(cards(page)).toHaveCount(shipped.length);
});

test('a player is picked or created on the library, with clear messages', async ({ page, axe }) => {
	await page.goto('/scenarios');
	await expect(page.getByText('Choose who is playing')).toBeVisible();
	await page.getByRole('button', { name: 'Choose a player' }).click();
	const picker = page.getByRole('region', { name: 'Who is playing?' });
	await expect(picker).toBeVisible();
	await picker.getByRole('button', { name: 'Create and continue' }).click();
	await expect(picker.getByText('Enter your name.')).toBeVisible();
	await expect(picker.getByLabel('Your name')).toBeFocused();
	await expect(picker.getByLabel('Your name')).toHaveAttribute('aria-invalid', 'true');

	await picker.getByLabel('Your name').fill('Li Na');
	await picker.getByLabel('Team').selectOption({ label: 'A new team…' });
	await picker.getByRole('button', { name: 'Create and continue' }).click();
	await expect(picker.getByText('Enter the new team')).toBeVisible();
	await axe('picker with errors');
	await picker.getByLabel('Name of the new team').fill('East');
	await picker.getByRole('button', { name: 'Create and continue' }).click();
	await expect(page.getByText('Playing as Li Na (team East)')).toBeVisible();
	await expect(picker).toBeHidden();

	// A second player, then back to the first from the list.
	await page.getByRole('button', { name: 'Change player' }).click();
	await picker.getByLabel('Your name').fill('Wang Wei');
	await picker.getByRole('button', { name: 'Create and continue' }).click();
	await expect(page.getByText('Playing as Wang Wei', { exact: true })).toBeVisible();
	await page.reload();
	await expect(page.getByText('Playing as Wang Wei', { exact: true })).toBeVisible();
	await page.getByRole('button', { name: 'Change player' }).click();
	await picker.getByLabel('Play as').selectOption({ label: 'Li Na (team East)' });
	await picker.getByRole('button', { name: 'Continue as this player' }).click();
	await expect(page.getByText('Playing as Li Na (team East)')).toBeVisible();
});

test('a card shows the player’s best score with its medal and opens its debrief', async ({
	page,
	axe
}) => {
	const attempt = await attemptFromCheck('city-hospital-his.json', 0, {
		id: 'library-best',
		player: 'Li Na'
	});
	await page.goto('/scenarios');
	await expect(page.getByRole('button', { name: 'Choose a player' })).toBeVisible();
	await storeAttempt(page, attempt);
	await page.reload();
	const card = page.getByRole('article', { name: attempt.scenario.title });
	const score = attempt.expected.score.total;
	await expect(card.getByText(`${score} / 100`)).toBeVisible();
	await expect(
		card.getByText(score >= 90 ? 'Gold' : score >= 75 ? 'Silver' : 'Bronze')
	).toBeVisible();
	const other = page.getByRole('article', {
		name: shipped.find((s) => s.id !== attempt.scenario.id)!.title
	});
	await expect(other.getByText('Not played yet')).toBeVisible();
	await axe('library with a best score');
	await card
		.getByRole('link', { name: `Debrief of your best attempt on ${attempt.scenario.title}` })
		.click();
	await expect(page).toHaveURL(/\/attempts\/library-best$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(attempt.scenario.title);
});

test('a deal in progress shows as Resume, with the stage it is in', async ({ page, axe }) => {
	const attempt = await attemptFromCheck('northline-forklift-telematics.json', 0, {
		id: 'library-resume',
		player: 'Zhou Li'
	});
	const advance = attempt.actions.findIndex((action) => action.type === 'advance');
	await page.goto('/scenarios');
	await expect(page.getByRole('button', { name: 'Choose a player' })).toBeVisible();
	await storeDeal(page, attempt, advance + 1);
	await page.reload();
	await expect(page.getByText('Playing as Zhou Li')).toBeVisible();
	const card = page.getByRole('article', { name: attempt.scenario.title });
	await expect(card.getByText('In progress: Internal deliberation')).toBeVisible();
	await expect(
		card.getByRole('link', { name: `Resume ${attempt.scenario.title}` })
	).toHaveAttribute('href', `/play/${attempt.scenario.id}`);
	await expect(card.getByRole('link', { name: /^Play / })).toHaveCount(0);
	await axe('library with a deal in progress');
});
