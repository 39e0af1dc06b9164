/**
 * The studio for branching deals: the branch map (with a check's path), the try-out from any
 * stage, and the forms beside the JSON.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { play, startDeal, type ScenarioFile } from './play-driver';

const river = readFileSync('scenarios/riverside-water-meters.json', 'utf8');
const editorText = (page: Page) => page.locator('.cm-content');

async function importFile(page: Page, name: string, text: string) {
	await page.locator('input[type="file"]').setInputFiles({
		name,
		mimeType: 'application/json',
		buffer: Buffer.from(text)
	});
	await expect(page).toHaveURL(/\/trainer\/scenarios\/[^/]+$/);
}

/** The draft's text, as its "Export the draft" button downloads it. */
async function exportDraft(page: Page): Promise<string> {
	const [file] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Export the draft' }).click()
	]);
	return readFileSync((await file.path()) ?? '', 'utf8');
}

/**
 * Writes a branching deal into a new blank scenario through the forms only: intel the designer
 * can tell (the specification is locked), a system-design decision whose withdrawing option needs
 * that intel, a lock-in event that ends the deal if the trainee fights, and a wise withdrawal.
 */
async function writeBranchingDeal(page: Page) {
	// Intel the designer can tell: the specification is locked.
	const intel = page.getByRole('region', { name: 'Intel', exact: true });
	await intel.getByRole('button', { name: '+ Add intel' }).click();
	await intel
		.getByLabel('What the trainee learns')
		.last()
		.fill('The clause was written with the competitor.');
	await intel.getByLabel('What the trainee learns').last().press('Tab');
	await intel.getByLabel('Who can tell it').last().selectOption('designer');

	// In system design: a decision whose withdrawing option needs that intel, and a lock-in.
	const design = page.getByRole('region', { name: '3. System design' });
	await design.getByRole('button', { name: '+ Add a decision' }).click();
	await design.getByLabel('Question').fill('The specification favours the competitor. What now?');
	await design.getByLabel('Question').press('Tab');
	await design.getByLabel('Option 1', { exact: true }).fill('Withdraw, and say why');
	await design.getByLabel('Option 1', { exact: true }).press('Tab');
	await design.getByLabel('Ends the deal', { exact: true }).first().selectOption('withdrawn');
	await design.getByLabel('Option 2', { exact: true }).fill('Fight the specification');
	await design.getByLabel('Option 2', { exact: true }).press('Tab');
	await design.getByRole('button', { name: '+ Add an event' }).click();
	await design
		.getByLabel('What happens')
		.last()
		.fill('The tender goes out with the clause: the deal is lost.');
	await design.getByLabel('What happens').last().press('Tab');
	await design.getByLabel('The deal is lost when it happens').last().check();
	// Conditions, in page order: the template's threat, the lock-in, the decision, its options.
	const kinds = design.getByLabel('Kind of condition');
	await kinds.nth(1).selectOption('option');
	await design.getByLabel('Which option').first().selectOption('decision/option-2');
	await kinds.nth(3).selectOption('intel');
	await design.getByLabel('Which intel').selectOption('intel');
	// Withdrawing in system design, once the clause is known, is the lesson.
	const wise = page.getByRole('region', { name: 'When withdrawing is wise' });
	await wise.getByRole('button', { name: '+ Add a wise withdrawal' }).click();
	await wise.getByLabel('Kind of condition').selectOption('intel');
	await wise.getByLabel('Which intel').selectOption('intel');
}

test('the branch map draws the stages, marks a check’s path and opens a node in the JSON', async ({
	page,
	axe
}) => {
	await page.goto('/trainer');
	await importFile(page, 'riverside.json', river);
	await page.getByRole('tab', { name: 'Map' }).click();
	await expect(page.getByRole('heading', { name: 'Branch map' })).toBeVisible();
	const stages = page.getByRole('list', { name: 'The stages of the deal' });
	await expect(stages.getByRole('heading', { level: 3 })).toHaveCount(6);
	// The option that withdraws well needs the designer's intel: the condition in words.
	const wise = stages.getByRole('button', {
		name: /^Option Withdraw.*Only if variant “grant-locked” drawn and intel found/
	});
	await expect(wise).toHaveCount(1);
	await expect(wise).toContainText('Ends the deal: Withdrawn');
	const lockIn = stages.getByRole('button', {
		name: /Event as the stage closes.*Ends the deal: Lost/
	});
	await expect(lockIn).toHaveCount(1);
	await axe('branch map');

	// A check's path: pushing on runs into the lock-in.
	const checks = page.getByLabel('Show a check’s path');
	// The options are "No check", then the checks in file order; the fourth pushes on.
	await checks.selectOption({ index: 4 });
	await expect(page.getByTestId('map-path')).toContainText('ends in System design: Lost');
	await expect(lockIn).toContainText('✓ on the path');
	await expect(wise).not.toContainText('on the path');
	await checks.selectOption({ index: 1 });
	await expect(page.getByTestId('map-path')).toContainText('Withdrawn');
	await expect(wise).toContainText('✓ on the path');
	await expect(lockIn).not.toContainText('on the path');
	await axe('branch map with a path');

	// The keyboard opens a node's place in the JSON.
	await wise.focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('tab', { name: 'Editor' })).toHaveAttribute('aria-selected', 'true');
	await expect(editorText(page)).toBeFocused();
	const selected = await page.evaluate(() => getSelection()?.toString() ?? '');
	expect(selected).toContain('"id": "withdraw"');
	expect(selected).toContain('"ends": "withdrawn"');
});

test('the try-out starts after a check’s path at a chosen stage, and a finished play is saved as a check', async ({
	page,
	axe
}) => {
	// A check's path replayed, then a play through the UI, on a shared machine.
	test.setTimeout(120_000);
	await page.goto('/trainer');
	await importFile(page, 'riverside.json', river);
	await page.getByText('Try from a stage…').click();
	// The fourth check pushes on into the lock-in; stop it as system design opens.
	await page.getByLabel('First play', { exact: true }).selectOption({ index: 4 });
	await page.getByLabel('Until the deal reaches').selectOption('system-design');
	await axe('try-from form');
	await page.getByRole('button', { name: 'Try it from there' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Started in System design after' })
	).toContainText('“pushing on');
	await expect(
		page.getByRole('heading', { level: 2, name: 'System design', exact: true })
	).toBeVisible();
	await axe('try-out from a stage');

	// The trainee withdraws here instead, and the play becomes the scenario's seventh check.
	await page.getByRole('button', { name: 'Withdraw from the deal' }).click();
	await page.getByRole('button', { name: 'Yes, withdraw' }).click();
	await expect(
		page.getByRole('heading', { name: /The deal ended: Withdrawn, score/ })
	).toBeVisible();
	await page.getByLabel('Name of the check').fill('withdrawing as the specification is written');
	await page.getByRole('button', { name: 'Save as a check' }).click();
	await expect(page.getByText('Saved in the draft as check 7.')).toBeVisible();
	await axe('try-out with the play saved');

	await page
		.getByRole('link', { name: /Back to the draft/ })
		.first()
		.click();
	await page.getByRole('tab', { name: 'Checks' }).click();
	await page.getByRole('button', { name: 'Run the checks' }).click();
	await expect(page.getByText('7 of 7 checks pass.')).toBeVisible();
	await expect(
		page.getByRole('row', { name: /withdrawing as the specification is written/ })
	).toContainText('✓ Passed');
});

test('the try-out starts at a stage on a path the studio plays for chosen branch facts', async ({
	page,
	axe
}) => {
	test.setTimeout(120_000);
	await page.goto('/trainer');
	await importFile(page, 'riverside.json', river);
	await page.getByText('Try from a stage…').click();
	await expect(page.getByLabel('First play', { exact: true })).toHaveValue('');
	await page.getByLabel('Until the deal reaches').selectOption('evaluation');
	await page.getByLabel('Variant').selectOption('open-network');
	await page.getByLabel(/The utility must submit its metering plan/).check();
	// Intel told from system design on is a fact for a start in evaluation, not in system design.
	await expect(page.getByLabel(/Tom mentions that the bulk meters/)).toHaveCount(1);
	await page.getByLabel('Until the deal reaches').selectOption('system-design');
	await expect(page.getByLabel(/Tom mentions that the bulk meters/)).toHaveCount(0);
	await page.getByLabel('Until the deal reaches').selectOption('evaluation');
	await axe('try-from form with facts');
	await page.getByRole('button', { name: 'Try it from there' }).click();
	await expect(page).toHaveURL(
		/stage=evaluation.*variant=open-network.*intel=regulator-submission/
	);
	await expect(
		page.getByRole('status').filter({ hasText: 'Started in Evaluation and comparison after' })
	).toContainText('the facts you chose (deal number');
	await expect(
		page.getByRole('heading', { level: 2, name: /^Evaluation and comparison/ })
	).toBeVisible();
	await axe('try-out on a path for facts');
	// A variant no deal number draws (the address edited by hand): said, and the deal drawn as is.
	await page.goto(page.url().replace(/variant=[^&]+/, 'variant=no-such-variant'));
	await expect(
		page.getByRole('status').filter({ hasText: 'Not set, because the rules' })
	).toContainText('the variant “no-such-variant”: no deal number below 4,096 draws it');

	// An option that ends the deal on the way: the try-out says so, and shows how it ended.
	await page
		.getByRole('link', { name: /Back to the draft/ })
		.first()
		.click();
	await page.getByText('Try from a stage…').click();
	await page.getByLabel('Until the deal reaches').selectOption('evaluation');
	await page.getByLabel('Variant').selectOption('grant-locked');
	// Only its opponents can tell the grant's condition: the path reports it, and forces nothing.
	await page.getByLabel('Until the deal reaches').selectOption('commitment');
	await page
		.getByLabel(/Half of the state grant’s conditions|Half of the state grant's conditions/)
		.check();
	await page
		.getByLabel(/Gavin's draft specification is on the table/)
		.selectOption('specs-unfavourable/withdraw');
	await page.getByRole('button', { name: 'Try it from there' }).click();
	const status = page.getByRole('status').filter({ hasText: 'Not set, because the rules' });
	await expect(status).toContainText('The deal ended on the way, in System design');
	await expect(status).toContainText('nobody willing to tell it was reached');
	await expect(status).toContainText('not offered on the way');
	await expect(page.getByRole('heading', { name: /The deal ended: Lost, score/ })).toBeVisible();
});

test('a trainer writes a branching deal through the forms only, and the JSON keeps its formatting', async ({
	page,
	axe
}) => {
	test.setTimeout(120_000);
	await page.goto('/trainer');
	await page.getByRole('button', { name: 'New blank scenario' }).click();
	await expect(page.getByRole('heading', { name: 'Errors (0)' })).toBeVisible();
	const before = await exportDraft(page);
	await page.getByRole('tab', { name: 'Forms' }).click();
	await axe('forms');

	await writeBranchingDeal(page);
	await axe('forms with a branching deal');

	await expect(page.getByRole('tab', { name: 'Editor' })).not.toContainText(/\d/);
	const after = await exportDraft(page);
	const value = JSON.parse(after);
	expect(value.stages['system-design'].events[1]).toEqual({
		when: 'end',
		text: 'The tender goes out with the clause: the deal is lost.',
		ends: 'lost',
		if: { decision: 'decision', option: 'option-2' }
	});
	expect(value.stages['system-design'].decisions[0].options[0]).toMatchObject({
		text: 'Withdraw, and say why',
		ends: 'withdrawn',
		if: { intel: 'intel' }
	});
	expect(value.withdrawals).toEqual([
		{ stage: 'system-design', credit: 1, feedback: expect.any(String), if: { intel: 'intel' } }
	]);
	// Only the values changed: the rest of the file is as it was written, tabs and all.
	const head = before.slice(0, before.indexOf('"intel"'));
	expect(after.startsWith(head)).toBe(true);

	// The map shows the branches in words.
	await page.getByRole('tab', { name: 'Map' }).click();
	await expect(
		page.getByRole('button', {
			name: /Event as the stage closes.*Only if “Fight the specification” chosen.*Ends the deal: Lost/
		})
	).toHaveCount(1);
	await expect(
		page.getByRole('button', {
			name: /Option Withdraw, and say why.*Only if intel found: “The clause was written/
		})
	).toHaveCount(1);

	// An edit typed in the JSON shows in the forms: open the intel from the map and retype it.
	await page.getByRole('button', { name: /^Intel The clause was written/ }).click();
	await expect(editorText(page)).toBeFocused();
	await page.keyboard.insertText(
		'{"id": "intel", "kind": "competitor", "text": "Typed in the JSON.", "stage": "internal-deliberation", "from": ["designer"], "by": ["visit"]}'
	);
	await page.getByRole('tab', { name: 'Forms' }).click();
	const intel = page.getByRole('region', { name: 'Intel', exact: true });
	await expect(intel.getByLabel('What the trainee learns').last()).toHaveValue(
		'Typed in the JSON.'
	);
	await expect(intel.getByLabel('Kind').last()).toHaveValue('competitor');
});

test('what the forms added, the forms remove, and the JSON is as it was', async ({ page, axe }) => {
	await page.goto('/trainer');
	await page.getByRole('button', { name: 'New blank scenario' }).click();
	await expect(page.getByRole('heading', { name: 'Errors (0)' })).toBeVisible();
	const before = await exportDraft(page);
	await page.getByRole('tab', { name: 'Forms' }).click();
	const people = page.getByRole('region', { name: 'People' });
	const rows = people.getByRole('row');
	const count = await rows.count();
	await people.getByRole('button', { name: '+ Add a person' }).click();
	await expect(rows).toHaveCount(count + 1);
	const design = page.getByRole('region', { name: '3. System design' });
	const events = design.getByLabel('What happens');
	const eventCount = await events.count();
	await design.getByRole('button', { name: '+ Add an event' }).click();
	await expect(events).toHaveCount(eventCount + 1);
	await axe('forms with remove buttons');

	await people.getByRole('button', { name: 'Remove New person' }).click();
	await expect(rows).toHaveCount(count);
	await design
		.getByRole('button', { name: `Remove event ${eventCount + 1} of System design` })
		.click();
	await expect(events).toHaveCount(eventCount);
	expect(await exportDraft(page)).toBe(before);
});

test('the branching deal written in the forms passes its checks, is published, and a trainee plays each ending', async ({
	page,
	axe
}) => {
	test.setTimeout(300_000);
	await page.goto('/trainer');
	await page.getByRole('button', { name: 'New blank scenario' }).click();
	await expect(page.getByRole('heading', { name: 'Errors (0)' })).toBeVisible();
	await page.getByRole('tab', { name: 'Forms' }).click();
	await writeBranchingDeal(page);
	const draftFile = async (): Promise<
		ScenarioFile & { checks: NonNullable<ScenarioFile['checks']> }
	> => JSON.parse(await exportDraft(page));
	const written = await draftFile();

	// Each ending tried from system design and kept as a check, with no JSON typed.
	const endings = [
		{
			name: 'withdrawing once the clause is known',
			intel: true,
			option: 'option-1',
			outcome: 'Withdrawn'
		},
		{ name: 'fighting the clause, locked out', intel: false, option: 'option-2', outcome: 'Lost' }
	];
	for (const [i, ending] of endings.entries()) {
		await page.getByText('Try from a stage…').click();
		await page.getByLabel('Until the deal reaches').selectOption('system-design');
		if (ending.intel) await page.getByLabel(/The clause was written with the competitor/).check();
		await page.getByRole('button', { name: 'Try it from there' }).click();
		await expect(
			page.getByRole('status').filter({ hasText: 'Started in System design after' })
		).toBeVisible();
		await play(page, written, { type: 'decide', decision: 'decision', option: ending.option });
		if (ending.outcome === 'Lost') await play(page, written, { type: 'advance' });
		await expect(
			page.getByRole('heading', { name: new RegExp(`The deal ended: ${ending.outcome}, score`) })
		).toBeVisible();
		await page.getByLabel('Name of the check').fill(ending.name);
		await page.getByRole('button', { name: 'Save as a check' }).click();
		await expect(page.getByText(`Saved in the draft as check ${i + 2}.`)).toBeVisible();
		await page
			.getByRole('link', { name: /Back to the draft/ })
			.first()
			.click();
	}
	await page.getByRole('tab', { name: 'Checks' }).click();
	await page.getByRole('button', { name: 'Run the checks' }).click();
	await expect(page.getByText('3 of 3 checks pass.')).toBeVisible();
	// The file as it is published: the forms' deal and the three checks.
	const published = await draftFile();
	expect(published.checks.map((check) => check.name)).toEqual([
		written.checks[0].name,
		...endings.map((ending) => ending.name)
	]);
	await page.getByRole('tab', { name: 'Publish' }).click();
	await page.getByLabel('Change note (required)').fill('First edition, with the lock-in.');
	await page.getByRole('button', { name: 'Publish version 1' }).click();
	await expect(page.getByText(`Published ${written.id}, version 1.`)).toBeVisible();
	await axe('published branching deal');

	// A trainee plays the published deal to each ending, as the checks played it.
	for (const [i, check] of published.checks.slice(1).entries()) {
		await startDeal(page, published.id, 'practice', { firstTime: i === 0 });
		for (const action of check.actions) await play(page, published, action);
		await expect(page).toHaveURL(/\/attempts\//);
		await expect(page.getByText(endings[i].outcome, { exact: true }).first()).toBeVisible();
	}
});

test('in Chinese the branch map, the forms, the try-out from a stage and the diff pass axe', async ({
	page,
	switchLanguage,
	axe
}) => {
	test.setTimeout(120_000);
	await page.goto('/trainer');
	await switchLanguage('zh-CN');
	// A new version of the shipped file, with one text changed: the Publish tab shows the diff.
	const next = JSON.parse(river);
	next.version += 1;
	next.summary = `${next.summary} (2)`;
	await importFile(page, 'riverside-next.json', JSON.stringify(next, null, '\t'));
	await page.getByRole('tab', { name: '分支图' }).click();
	await axe('branch map in Chinese');
	await page.getByRole('tab', { name: '表单' }).click();
	await axe('forms in Chinese');
	await page.getByRole('tab', { name: '发布' }).click();
	await expect(page.getByRole('heading', { name: /与第 2 版（.*）相比的改动/ })).toBeVisible();
	await axe('diff in Chinese');
	await page.getByText('从某个阶段试玩…').click();
	await page.getByLabel('直到交易到达').selectOption('evaluation');
	// The open-network deal: no lock-in closes system design.
	await page.getByLabel('变体').selectOption('open-network');
	await axe('try-from form in Chinese');
	await page.getByRole('button', { name: '从那里开始试玩' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: '工作室为你选的事实执行了' })
	).toBeVisible();
	await axe('try-out from a stage in Chinese');
});
