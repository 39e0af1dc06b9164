import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { currentStage, play, readScenario, startDeal } from './play-driver';

const scenario = readScenario('city-hospital-his');
const model = scenario.checks![0];

/** What the command line says the same actions score. */
function cliReplay(actions: unknown[]): { outcome: string; score: number } {
	const dir = mkdtempSync(join(tmpdir(), 'sales-sim-'));
	const file = join(dir, 'actions.json');
	writeFileSync(file, JSON.stringify(actions));
	const out = execFileSync(
		'npx',
		['tsx', 'scripts/scenarios.ts', 'replay', 'scenarios/city-hospital-his.json', file, '--json'],
		{
			encoding: 'utf8'
		}
	);
	return JSON.parse(out);
}

test('a trainee plays the model path in assessment mode and the debrief scores it as the CLI does', async ({
	page,
	axe
}) => {
	test.setTimeout(120_000);
	await startDeal(page, scenario.id, 'assessment');
	await axe('play page, assessment, first stage');
	// assessment mode shows no coach and no red flags
	await expect(page.getByTestId('coach-fit')).toHaveCount(0);
	await expect(page.getByTestId('red-flags')).toHaveCount(0);
	for (const action of model.actions) await play(page, scenario, action);
	await expect(page).toHaveURL(/\/attempts\//);
	const expected = cliReplay(model.actions);
	expect(expected.outcome).toBe('won');
	await expect(page.getByRole('main')).toContainText(String(expected.score));
	// every debrief rule links to the methodology section it applies
	const link = page.getByRole('link', { name: 'Handbook: The six procurement stages' }).first();
	// Full marks fold a category away; the focus rules link to the stages.
	if (!(await link.isVisible()))
		await page.getByText('Focus on key people', { exact: true }).first().click();
	await link.scrollIntoViewIfNeeded();
	await link.click();
	await expect(page).toHaveURL(/\/handbook\/stages/);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('The six procurement stages');
});

test('a term on the play page explains itself on keyboard focus', async ({ page }) => {
	await startDeal(page, scenario.id, 'practice');
	const term = page
		.getByRole('region', { name: 'Discover needs' })
		.getByRole('link', { name: 'Discover needs' });
	await term.focus();
	const tip = page.getByRole('tooltip');
	await expect(tip).toBeVisible();
	await expect(term).toHaveAttribute('aria-describedby', (await tip.getAttribute('id'))!);
	await expect(term).toHaveAttribute('href', '/handbook/stages#discover-needs');
	// Each panel paints apart (the page's isolation): the explanation is in the top layer, drawn
	// above every panel, and nothing covers it.
	const topmost = await tip.evaluate((shown) => {
		const box = shown.lastElementChild!.getBoundingClientRect();
		const hit = document.elementFromPoint(box.left + box.width / 2, box.bottom - 2);
		return shown.matches(':popover-open') && shown.contains(hit);
	});
	expect(topmost).toBe(true);
	// A term sits in its sentence: no space before the colon; weeks counted in words.
	const planner = page.getByRole('region', { name: 'Sales activity' });
	const cost = planner.getByText(/costs CN¥/);
	await planner.getByRole('radio', { name: 'Telephone sales', exact: true }).check();
	await expect(cost).toHaveText('Telephone sales: costs CN¥100 and 0 weeks.', {
		useInnerText: true
	});
	await planner.getByRole('radio', { name: 'Visit', exact: true }).check();
	await expect(cost).toHaveText('Visit: costs CN¥1,000 and 1 week.', { useInnerText: true });
});

test('practice mode explains a refusal beside its control and raises a red flag', async ({
	page,
	axe
}) => {
	await startDeal(page, scenario.id, 'practice');
	await expect(page.getByTestId('coach-fit')).toContainText(/good fit/i);
	// no strategy yet: the activity is refused, with the reason next to the planner
	await play(page, scenario, { type: 'activity', activity: 'visit', people: ['dean-zhao'] });
	const planner = page.getByRole('region', { name: 'Sales activity' });
	await expect(planner.getByRole('alert')).toContainText('Choose a sales strategy');
	await expect(page.getByTestId('money-left')).toContainText('36,000');
	await axe('play page with a refusal');
	// a gift to the procurement office is a compliance risk: the coach raises a red flag
	await play(page, scenario, { type: 'strategy', strategy: 'farming' });
	await play(page, scenario, { type: 'activity', activity: 'gift', people: ['guo-wei'] });
	await expect(page.getByTestId('red-flags')).toContainText('compliance risk');
	await expect(planner).toContainText('uncomfortable');
	await axe('play page with a red flag');
});

test('a reload in the middle of stage three continues with nothing lost', async ({ page }) => {
	test.setTimeout(120_000);
	await startDeal(page, scenario.id, 'practice');
	const third = model.actions.findIndex(
		(_, i) => model.actions.slice(0, i).filter((a) => a.type === 'advance').length === 2
	);
	const played = model.actions.slice(0, third + 2);
	for (const action of played) await play(page, scenario, action);
	await expect(currentStage(page)).toContainText('System design');
	const money = await page.getByTestId('money-left').textContent();
	const feed = await page.getByRole('region', { name: 'What happened' }).textContent();
	await page.reload();
	await expect(page.getByRole('status')).toContainText('Welcome back');
	await expect(currentStage(page)).toContainText('System design');
	await expect(page.getByTestId('money-left')).toHaveText(money!);
	await expect(page.getByRole('region', { name: 'What happened' })).toHaveText(feed!);
	for (const action of model.actions.slice(third + 2)) await play(page, scenario, action);
	await expect(page).toHaveURL(/\/attempts\//);
});

test('closing the tab right after an action and reopening keeps that action', async ({
	context
}) => {
	const first = await context.newPage();
	await startDeal(first, scenario.id, 'practice');
	await play(first, scenario, { type: 'strategy', strategy: 'farming' });
	await play(first, scenario, { type: 'activity', activity: 'visit', people: ['sun-jie'] });
	await first.close();
	const second = await context.newPage();
	await second.goto(`/play/${scenario.id}`);
	await expect(second.getByRole('status')).toContainText('Welcome back');
	await expect(second.getByRole('region', { name: 'What happened' })).toContainText(
		'Visit with Sun Jie'
	);
	await expect(second.getByTestId('money-left')).toContainText('35,000');
});

test('the controls show that they wait only while an action’s write takes long', async ({
	page
}) => {
	await startDeal(page, scenario.id, 'practice');
	const deal = page.getByTestId('deal');
	const doIt = page.getByRole('button', { name: 'Do it' });
	// Every value the deal's aria-busy and the controls' aria-disabled take, and when.
	await page.evaluate(() => {
		const seen: { name: string; value: string | null; at: number }[] = [];
		(window as unknown as { seen: typeof seen }).seen = seen;
		new MutationObserver((records) => {
			for (const { target, attributeName } of records) {
				const value = (target as Element).getAttribute(attributeName!);
				seen.push({ name: attributeName!, value, at: performance.now() });
			}
		}).observe(document.querySelector('[data-testid="deal"]')!, {
			attributes: true,
			subtree: true,
			attributeFilter: ['aria-busy', 'aria-disabled']
		});
	});
	const seen = () =>
		page.evaluate(() =>
			(
				window as unknown as { seen: { name: string; value: string | null; at: number }[] }
			).seen.splice(0)
		);

	// A write that takes a moment (most do): the deal is busy, and no control is marked, unless
	// this machine took over the 300 ms the page waits before marking them.
	await play(page, scenario, { type: 'strategy', strategy: 'farming' });
	const quick = await seen();
	const busy = quick.filter((change) => change.name === 'aria-busy');
	expect(busy.map((change) => change.value)).toEqual(['true', null]);
	if (busy[1].at - busy[0].at < 250)
		expect(quick.filter((change) => change.name === 'aria-disabled')).toEqual([]);

	// A write held up by another connection for 1.5 s: the controls are marked as they wait, and
	// the marks go once it is stored.
	await page.evaluate(
		() =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('sales-sim');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const tx = db.transaction([...db.objectStoreNames], 'readwrite');
					const store = tx.objectStore(db.objectStoreNames[0]);
					const until = Date.now() + 1500;
					const keepBusy = () => {
						if (Date.now() < until) store.count().onsuccess = keepBusy;
					};
					keepBusy();
					tx.oncomplete = () => db.close();
					resolve();
				};
			})
	);
	await page.getByRole('radio', { name: 'Hunting', exact: true }).check();
	await expect(doIt).toHaveAttribute('aria-disabled', 'true');
	await expect(deal).toHaveAttribute('aria-busy', 'true');
	await expect(deal).not.toHaveAttribute('aria-busy', 'true');
	await expect(doIt).not.toHaveAttribute('aria-disabled', 'true');
	await expect(page.getByRole('radio', { name: 'Hunting', exact: true })).toBeChecked();
});

test('the play page works in Chinese', async ({ page, switchLanguage, axe }) => {
	await startDeal(page, scenario.id, 'practice');
	await switchLanguage('zh-CN');
	await expect(page.getByRole('heading', { name: '采购分析图' })).toBeVisible();
	await expect(page.locator('[aria-current="step"]')).toContainText('发现需求');
	await axe('play page in Chinese');
});
