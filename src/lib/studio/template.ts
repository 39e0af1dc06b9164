/**
 * The blank scenario a trainer starts from: the smallest file that passes the validator without
 * a warning and plays from the first stage to the last, with every text saying what to write
 * there. Scenario content, not interface text: it is written in the scenario's own language.
 */
import { STAGES } from '$lib/engine/methodology-basics';
import {
	SCENARIO_FORMAT,
	type ScenarioInput,
	type ScenarioLocale
} from '$lib/engine/scenario/schema';

interface TemplateTexts {
	title: string;
	summary: string;
	customer: string;
	industry: string;
	background: string;
	product: string;
	competitor: string;
	edge: string;
	why: string;
	people: [name: string, title: string, profile: string][];
	intel: [timing: string, budget: string, motive: string, designer: string];
	briefs: string[];
	/** A threat at the end of system design, and what the trainee reads when it is headed off. */
	threat: [text: string, headedOff: string];
	check: string;
}

const TEXTS: Record<ScenarioLocale, TemplateTexts> = {
	en: {
		title: 'New scenario: replace this title',
		summary: 'One paragraph for the scenario card: the customer, what they buy and why it is hard.',
		customer: 'The customer’s name',
		industry: 'The customer’s industry',
		background: 'What the trainee knows about the customer at the start.',
		product: 'What you sell in this deal',
		competitor: 'The competitor’s name',
		edge: 'What the competitor is strong at.',
		why: 'Shown in the debrief: why this strategy fits this customer.',
		people: [
			['Decision maker’s name', 'Their position', 'What the trainee can read about this person.'],
			['Designer’s name', 'Their position', 'What the trainee can read about this person.'],
			['Evaluator’s name', 'Their position', 'What the trainee can read about this person.']
		],
		intel: [
			'When the customer must buy, and why then.',
			'How much money is set aside, and who approved it.',
			'Why the customer is buying now.',
			'Which department will write the specification.'
		],
		briefs: [
			'Discover needs: what the trainee sees when this stage opens.',
			'Internal deliberation: what the trainee sees when this stage opens.',
			'System design: what the trainee sees when this stage opens.',
			'Evaluation and comparison: what the trainee sees when this stage opens.',
			'Purchase commitment: what the trainee sees when this stage opens.',
			'Installation and implementation: what the trainee sees when this stage opens.'
		],
		threat: [
			'A threat in system design: the competitor courts the designer. Describe what happens.',
			'What the trainee reads when a good-fit activity with the designer in this stage headed the threat off.'
		],
		check: 'withdrawing at once ends the deal with a low score'
	},
	'zh-CN': {
		title: '新案例：请改写这个标题',
		summary: '案例卡片上的一段话：客户是谁，买什么，难在哪里。',
		customer: '客户名称',
		industry: '客户所在行业',
		background: '学员一开始知道的客户情况。',
		product: '本次销售的产品',
		competitor: '竞争对手名称',
		edge: '竞争对手的优势。',
		why: '在复盘中显示：为什么这个策略适合这个客户。',
		people: [
			['决策者姓名', '职位', '学员能读到的此人简介。'],
			['设计者姓名', '职位', '学员能读到的此人简介。'],
			['评估者姓名', '职位', '学员能读到的此人简介。']
		],
		intel: [
			'客户必须在什么时候采购，为什么是那时。',
			'预算有多少，由谁批准。',
			'客户为什么现在要买。',
			'哪个部门负责编写技术规格。'
		],
		briefs: [
			'发现需求：本阶段开始时学员看到的情况。',
			'内部酝酿：本阶段开始时学员看到的情况。',
			'系统设计：本阶段开始时学员看到的情况。',
			'评估比较：本阶段开始时学员看到的情况。',
			'购买承诺：本阶段开始时学员看到的情况。',
			'安装实施：本阶段开始时学员看到的情况。'
		],
		threat: [
			'系统设计阶段的威胁：竞争对手在拉拢设计者。请描述发生了什么。',
			'学员在本阶段与设计者进行了匹配度良好的活动、化解了这个威胁时看到的文字。'
		],
		check: '立即退出，交易以低分结束'
	}
};

/**
 * A blank scenario as a file's text, in format 2: `blankScenario('zh-CN', 'new-scenario')` →
 * valid JSON with Chinese placeholder texts, three people, the four intel items the course
 * expects, one threat headed off by method (a `defence`, docs/authoring.md) and a check.
 */
export function blankScenario(locale: ScenarioLocale, id: string): string {
	const t = TEXTS[locale];
	const ids = ['decision-maker', 'designer', 'evaluator'] as const;
	const scenario: ScenarioInput = {
		format: SCENARIO_FORMAT,
		id,
		version: 1,
		locale,
		title: t.title,
		summary: t.summary,
		difficulty: 'intro',
		customer: { name: t.customer, industry: t.industry, ourShare: 0.1, background: t.background },
		deal: {
			product: t.product,
			value: 1000000,
			currency: 'CNY',
			ourPosition: 'level',
			competitors: [{ id: 'competitor', name: t.competitor, edge: t.edge }]
		},
		resources: { weeks: 24, budget: 40000 },
		strategy: { best: 'farming', acceptable: [], why: t.why },
		people: t.people.map(([name, title, profile], i) => ({
			id: ids[i],
			name,
			title,
			department: (['leadership', 'technical', 'user'] as const)[i],
			level: (['decision', 'management', 'operational'] as const)[i],
			role: ids[i],
			attitude: 'neutral',
			contact: 'none',
			influence: [5, 4, 3][i],
			profile
		})),
		intel: (['timing', 'budget', 'motive', 'designer-dept'] as const).map((kind, i) => ({
			id: kind === 'designer-dept' ? 'designer-department' : kind,
			kind,
			text: t.intel[i],
			stage: 'internal-deliberation',
			from: [i === 3 ? 'designer' : 'decision-maker'],
			by: ['visit']
		})),
		stages: Object.fromEntries(
			STAGES.map((stage, i) => [
				stage,
				stage === 'system-design'
					? {
							brief: t.briefs[i],
							events: [
								{
									when: 'end',
									text: t.threat[0],
									headedOff: t.threat[1],
									defence: { role: 'designer', fit: 'good' },
									effects: [{ person: 'designer', attitude: -1 }]
								}
							]
						}
					: { brief: t.briefs[i] }
			])
		) as ScenarioInput['stages'],
		checks: [{ name: t.check, actions: [{ type: 'withdraw' }], expect: { outcome: 'withdrawn' } }]
	};
	return `${JSON.stringify(scenario, null, '\t')}\n`;
}
