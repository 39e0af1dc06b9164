import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAttempt, parseScenario, validateScenarioText } from './parse-scenario';
import type { Problem } from './problem';
import { problemMessage } from './problem-messages';

const EXAMPLE = readFileSync(new URL('./fixtures/contract-example.json', import.meta.url), 'utf8');

// Written out here, not imported, so that a change in the vocabulary shows up in the messages.
const ROLES = '"initiator", "decision-maker", "designer", "evaluator", "user"';
const STAGES =
	'"discover-needs", "internal-deliberation", "system-design", "evaluation", "commitment", "implementation"';
const PEOPLE = '"dean-zhao", "cio-wang", "nurse-li", "nurse-zhou", "finance-chen"';
const TOP_KEYS =
	'"$schema", "format", "id", "version", "locale", "title", "summary", "difficulty", "tags", "customer", "deal", "resources", "strategy", "people", "intel", "stages", "variants", "withdrawals", "translationOf", "scoring", "methodology", "checks"';
const PERSON_KEYS =
	'"id", "name", "title", "department", "level", "role", "attitude", "contact", "influence", "attitudeBand", "known", "profile", "responds"';
const ACTION_TYPES = '"strategy", "chart", "activity", "decide", "forecast", "advance", "withdraw"';

/** Replaces the first occurrence of `from` in the example, failing loudly if it is not there. */
function edit(...pairs: [string, string][]): string {
	let text = EXAMPLE;
	for (const [from, to] of pairs) {
		if (!text.includes(from)) throw new Error(`The example has no ${from}`);
		text = text.replace(from, to);
	}
	return text;
}

/**
 * Line and column of the first occurrence of `needle` (after the end of `after`), counted
 * independently of the code under test; a number is an offset (-1: the end of the text).
 */
function positionOf(
	text: string,
	needle: string | number,
	after = ''
): { line: number; column: number } {
	const start = after ? text.indexOf(after) + after.length : 0;
	if (after && start < after.length) throw new Error(`No ${after} in the text`);
	const offset =
		typeof needle === 'number'
			? needle < 0
				? text.length + needle + 1
				: needle
			: text.indexOf(needle, start);
	if (offset < 0) throw new Error(`No ${needle} in the text`);
	const before = text.slice(0, offset);
	const line = before.split('\n').length;
	return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** The budget intel only cio-wang can give, and it is what reveals him: no one can ever learn it. */
const SELF_REVEAL = edit([
	'"from": ["dean-zhao"],\n\t\t\t"by": ["visit", "business-event"],\n\t\t\t"reveals"',
	'"from": ["cio-wang"],\n\t\t\t"by": ["visit", "business-event"],\n\t\t\t"reveals"'
]);

interface Case {
	rule: string;
	text: string;
	code: string;
	path: string;
	/** The text the problem points at (its first occurrence, after `after` when given). */
	at: string | number;
	after?: string;
	message: string;
	severity?: 'error' | 'warning';
	/** How many errors the file has in all (default: this one only; 0 for warnings). */
	errors?: number;
}

const cases: Case[] = [
	// ---------------------------------------------------------------- JSON and safety
	{
		rule: 'a trailing comma',
		text: '{\n\t"format": "sales-sim/scenario@1",\n}',
		code: 'json-trailing-comma',
		path: 'format',
		at: ',\n}',
		message: 'A comma before a closing bracket is not allowed in JSON. Remove this comma.'
	},
	{
		rule: 'a comment',
		text: '{\n\t// the hospital\n\t"format": "sales-sim/scenario@1"\n}',
		code: 'json-comment',
		path: '',
		at: '// the',
		message:
			'JSON does not allow comments. Remove the comment (a note for readers can go into a text field).'
	},
	{
		rule: 'a missing comma',
		text: edit(['"version": 1,', '"version": 1']),
		code: 'json-comma-expected',
		path: 'locale',
		at: '"locale"',
		message:
			'Expected a comma before this entry: the entries of an object or a list are separated by commas.'
	},
	{
		rule: 'single quotes',
		text: "{ 'format': 1 }",
		code: 'json-single-quote',
		path: '',
		at: "'format'",
		message: 'JSON needs double quotes (") around texts and field names, not single quotes (\').'
	},
	{
		rule: 'a text that is not JSON at all',
		text: 'Scenario: City Hospital',
		code: 'json-invalid-symbol',
		path: '',
		at: 'Scenario',
		message:
			'"Scenario" is not JSON. Texts and field names need double quotes; numbers, true, false and null are written without quotes.'
	},
	{
		rule: 'an unterminated text',
		text: '{\n\t"title": "City Hospital\n}',
		code: 'json-unterminated-string',
		path: 'title',
		at: '"City',
		message: 'This text has no closing double quote before the end of the line.'
	},
	{
		rule: 'a tab inside a text',
		text: '{ "title": "City\tHospital" }',
		code: 'json-control-character',
		path: 'title',
		at: '\t',
		message:
			'A text contains a control character such as a tab or a line break. Write \\t for a tab and \\n for a line break.'
	},
	{
		rule: 'an invalid escape',
		text: '{ "title": "C:\\qfiles" }',
		code: 'json-invalid-escape',
		path: 'title',
		at: '"C:',
		message:
			'Invalid escape after a backslash. Write \\\\ for a backslash, \\" for a double quote, \\n for a new line, or \\u and four hexadecimal digits.'
	},
	{
		rule: 'an unclosed object',
		text: '{\n\t"format": "sales-sim/scenario@1"\n',
		code: 'json-close-brace-expected',
		path: 'format',
		// At the end of the file, where the parser gave up.
		at: -1,
		message: 'An object is not closed: a closing curly brace is missing.'
	},
	{
		rule: 'two values in one file',
		text: '{}\n{}',
		code: 'json-end-expected',
		path: '',
		at: '{}',
		after: '\n',
		message: 'Unexpected text after the end of the JSON value: a file holds exactly one object.'
	},
	{
		rule: 'an empty file',
		text: ' \n ',
		code: 'file-empty',
		path: '',
		at: ' ',
		message:
			'The file is empty. A scenario file holds one JSON object, from an opening curly brace to its closing one.'
	},
	{
		rule: 'a file over 1 MiB',
		text: `{"title": "${'x'.repeat(1024 * 1024)}"}`,
		code: 'file-too-large',
		path: '',
		at: '{',
		message:
			'The file is 1048589 bytes; the largest file accepted is 1048576 bytes (1 MiB). Shorten the texts or split the scenario.'
	},
	{
		rule: 'a file over 1 MiB in UTF-8 though not in characters',
		text: `{"title": "${'文'.repeat(400_000)}"}`,
		code: 'file-too-large',
		path: '',
		at: '{',
		message:
			'The file is 1200013 bytes; the largest file accepted is 1048576 bytes (1 MiB). Shorten the texts or split the scenario.'
	},
	{
		rule: 'absurd nesting',
		text: `${'['.repeat(65)}${']'.repeat(65)}`,
		code: 'json-too-deep',
		path: '',
		at: '[]',
		message:
			'The file is nested more than 64 levels deep, which no scenario needs. Look for brackets that are opened and never closed.'
	},
	{
		rule: 'a __proto__ key',
		text: edit(['"ourShare": 0.04,', '"ourShare": 0.04, "__proto__": { "polluted": true },']),
		code: 'forbidden-key',
		path: 'customer.__proto__',
		at: '"__proto__"',
		message:
			'The field name "__proto__" is not allowed anywhere in a file, because it could tamper with the program\'s objects. Rename or remove it.'
	},
	{
		rule: 'a constructor key deep inside',
		text: edit(['"responds": { "gift": -1,', '"responds": { "constructor": 1, "gift": -1,']),
		code: 'forbidden-key',
		path: 'people[0].responds.constructor',
		at: '"constructor"',
		message:
			'The field name "constructor" is not allowed anywhere in a file, because it could tamper with the program\'s objects. Rename or remove it.'
	},
	{
		rule: 'a prototype key',
		text: edit(['"methodology": {}', '"methodology": { "prototype": {} }']),
		code: 'forbidden-key',
		path: 'methodology.prototype',
		at: '"prototype"',
		message:
			'The field name "prototype" is not allowed anywhere in a file, because it could tamper with the program\'s objects. Rename or remove it.'
	},
	{
		rule: 'a duplicate key',
		text: edit(['"version": 1,', '"version": 1, "version": 2,']),
		code: 'duplicate-key',
		path: 'version',
		at: '"version"',
		after: '"version": 1,',
		message: 'The field "version" appears twice in this object. Remove one of the two.'
	},
	{
		rule: 'a number too large to represent',
		text: edit(['"value": 2400000', '"value": 1e999']),
		code: 'number-not-finite',
		path: 'deal.value',
		at: '1e999',
		message: 'The number 1e999 is too large to represent. Use an ordinary number.'
	},
	{
		rule: 'a number beyond the safe range',
		text: edit(['"budget": 60000', '"budget": 9007199254740993']),
		code: 'number-unsafe',
		path: 'resources.budget',
		at: '9007199254740993',
		message:
			'The number 9007199254740993 is outside the safe range (at most 9007199254740991 either side of zero). Use a smaller number.'
	},
	{
		rule: 'HTML markup in a text',
		text: edit(['"title": "Head of Nursing"', '"title": "<img src=x onerror=alert(1)>Head"']),
		code: 'html-markup',
		path: 'people[2].title',
		at: '"<img',
		message:
			'Texts are plain text, but this one contains the HTML markup "<img src=x onerror=alert(1)>", which would be shown exactly as typed. Remove the markup.'
	},
	{
		rule: 'a closing tag in a text',
		text: edit(['"why": "We hold', '"why": "</b>We hold']),
		code: 'html-markup',
		path: 'strategy.why',
		at: '"</b>',
		message:
			'Texts are plain text, but this one contains the HTML markup "</b>", which would be shown exactly as typed. Remove the markup.'
	},
	{
		rule: 'an HTML entity in a text (a warning)',
		text: edit(['"name": "MedSoft"', '"name": "Med&amp;Soft"']),
		code: 'html-entity',
		severity: 'warning',
		errors: 0,
		path: 'deal.competitors[0].name',
		at: '"Med&amp;',
		message:
			'"&amp;" looks like an HTML entity, but texts are plain text and it will be shown exactly as typed. Write the character itself.'
	},
	{
		rule: 'a list instead of an object',
		text: '[\n\t{ "format": "sales-sim/scenario@1" }\n]',
		code: 'not-object',
		path: '',
		at: '[',
		message: 'This file holds a list, but a scenario file is one JSON object.'
	},

	// ---------------------------------------------------------------- format
	{
		rule: 'no format',
		text: edit(['"format": "sales-sim/scenario@1",', '']),
		code: 'format-missing',
		path: 'format',
		at: '{',
		message:
			'The field "format" is missing. Add "format": "sales-sim/scenario@2" at the top of the file.'
	},
	{
		rule: 'a future format',
		text: edit(['"sales-sim/scenario@1"', '"sales-sim/scenario@3"']),
		code: 'format-future',
		path: 'format',
		at: '"sales-sim/scenario@3"',
		message:
			'This file has format "sales-sim/scenario@3", newer than this build of sales-sim, which reads "sales-sim/scenario@2" or "sales-sim/scenario@1". Open it with a newer sales-sim, or ask its author for a copy in "sales-sim/scenario@2" or "sales-sim/scenario@1".'
	},
	{
		rule: 'an exported attempt read as a scenario',
		text: edit(['"sales-sim/scenario@1"', '"sales-sim/attempt@1"']),
		code: 'format-wrong-kind',
		path: 'format',
		at: '"sales-sim/attempt@1"',
		message:
			'This file is an exported attempt (format "sales-sim/attempt@1"), not the kind of file expected here, which is "sales-sim/scenario@2" or "sales-sim/scenario@1".'
	},
	{
		rule: 'a misspelt format',
		text: edit(['"sales-sim/scenario@1"', '"sales-sim/senario@1"']),
		code: 'format-unknown',
		path: 'format',
		at: '"sales-sim/senario@1"',
		message:
			'"sales-sim/senario@1" is not a format this build of sales-sim reads; did you mean "sales-sim/scenario@1"?'
	},
	{
		rule: 'a format that is not a text',
		text: edit(['"format": "sales-sim/scenario@1"', '"format": 1']),
		code: 'format-unknown',
		path: 'format',
		at: '1,',
		message:
			'"1" is not a format this build of sales-sim reads; it reads "sales-sim/scenario@2" or "sales-sim/scenario@1".'
	},

	// ---------------------------------------------------------------- schema
	{
		rule: 'a misspelt top-level field',
		text: edit(['"people": [', '"peolpe": [], "people": [']),
		code: 'unknown-key',
		path: 'peolpe',
		at: '"peolpe"',
		message: `Unknown field "peolpe"; did you mean "people"? Allowed here: ${TOP_KEYS}.`
	},
	{
		rule: 'a misspelt field of a person (not also reported missing)',
		text: edit(['"role": "decision-maker"', '"rol": "decision-maker"']),
		code: 'unknown-key',
		path: 'people[0].rol',
		at: '"rol"',
		message: `Unknown field "rol"; did you mean "role"? Allowed here: ${PERSON_KEYS}.`
	},
	{
		rule: 'a field of nothing like the allowed ones',
		text: edit(['"profile": "Ten', '"mood": "calm", "profile": "Ten']),
		code: 'unknown-key',
		path: 'people[0].mood',
		at: '"mood"',
		message: `Unknown field "mood". Allowed here: ${PERSON_KEYS}.`
	},
	{
		rule: 'a misspelt role',
		text: edit(['"role": "decision-maker"', '"role": "decison-maker"']),
		code: 'invalid-enum',
		path: 'people[0].role',
		at: '"decison-maker"',
		message: `"decison-maker" is not a role; did you mean "decision-maker"? Allowed: ${ROLES}.`
	},
	{
		rule: 'an attitude outside the vocabulary',
		text: edit(['"attitude": "opponent"', '"attitude": "hostile"']),
		code: 'invalid-enum',
		path: 'people[1].attitude',
		at: '"hostile"',
		message: '"hostile" is not an attitude. Allowed: "opponent", "neutral", "supporter".'
	},
	{
		rule: 'an activity type in a misspelt intel `by`',
		text: edit(['"by": ["visit", "telephone"]', '"by": ["visit", "phone"]']),
		code: 'invalid-enum',
		path: 'intel[1].by[1]',
		at: '"phone"',
		message:
			'"phone" is not an activity type. Allowed: "trade-show", "technical-exchange", "testing-samples", "visit", "gift", "site-visit", "business-event", "telephone".'
	},
	{
		rule: 'an unknown action type in a check',
		text: edit(['{ "type": "advance" }', '{ "type": "next" }']),
		code: 'invalid-enum',
		path: 'checks[0].actions[7].type',
		at: '"next"',
		message: `"next" is not an action type. Allowed: ${ACTION_TYPES}.`
	},
	{
		rule: 'a missing text field',
		text: edit(['"name": "Zhao Ming",', '']),
		code: 'missing-field',
		path: 'people[0].name',
		at: '{',
		after: '"people": [',
		message: 'The required field "name" is missing.'
	},
	{
		rule: 'a missing choice',
		text: edit(['"level": "decision",', '']),
		code: 'missing-choice',
		path: 'people[0].level',
		at: '{',
		after: '"people": [',
		message:
			'The required field "level" is missing; its value is one of "operational", "management", "decision".'
	},
	{
		rule: 'a missing stage',
		text: edit([
			'"commitment": {\n\t\t\t"brief": "The hospital is ready to negotiate the contract with the vendor it prefers."\n\t\t},',
			''
		]),
		code: 'missing-stage',
		path: 'stages.commitment',
		at: '{',
		after: '"stages":',
		message: `The stage "Purchase commitment" is missing: add "commitment" to "stages"; all six stages are required (${STAGES}).`
	},
	{
		rule: 'a misspelt stage (reported once, as unknown)',
		text: edit(['"commitment": {', '"comitment": {']),
		code: 'unknown-key',
		path: 'stages.comitment',
		at: '"comitment"',
		message: `Unknown field "comitment"; did you mean "commitment"? Allowed here: ${STAGES}.`
	},
	{
		rule: 'a list where an object belongs',
		text: edit(['"resources": { "weeks": 24, "budget": 60000 }', '"resources": [24, 60000]']),
		code: 'wrong-type',
		path: 'resources',
		at: '[24',
		message: 'Expected an object here, found a list.'
	},
	{
		rule: 'a number in quotes',
		text: edit(['"influence": 4', '"influence": "4"']),
		code: 'number-in-quotes',
		path: 'people[1].influence',
		at: '"4"',
		message: '"4" is written as a text; write the number without quotes: 4.'
	},
	{
		rule: 'true or false in quotes',
		text: edit(['"known": false', '"known": "false"']),
		code: 'boolean-in-quotes',
		path: 'people[1].known',
		at: '"false"',
		// "known" is not false any more, so cio-wang is no longer hidden and the reveal is wrong.
		errors: 2,
		message: '"false" is written as a text; write false without quotes.'
	},
	{
		rule: 'a fraction where a whole number belongs',
		text: edit(['"influence": 3,', '"influence": 3.5,']),
		code: 'not-integer',
		path: 'people[2].influence',
		at: '3.5',
		message: '3.5 is not a whole number; write a whole number here.'
	},
	{
		rule: 'a number below the minimum',
		text: edit(['"influence": 2,', '"influence": 0,']),
		code: 'number-too-small',
		path: 'people[3].influence',
		at: '0,',
		after: '"influence": 3,',
		message: '0 is too small: the smallest allowed value is 1.'
	},
	{
		rule: 'a share above 1',
		text: edit(['"ourShare": 0.04', '"ourShare": 4']),
		code: 'number-too-big',
		path: 'customer.ourShare',
		at: '4,',
		message: '4 is too large: the largest allowed value is 1.'
	},
	{
		rule: 'a deal worth nothing',
		text: edit(['"value": 2400000', '"value": 0']),
		code: 'number-not-above',
		path: 'deal.value',
		at: '0,',
		after: '"value"',
		message: '0 is too small: the value must be greater than 0.'
	},
	{
		rule: 'an empty text',
		text: edit(['"title": "City Hospital: a new information system"', '"title": "   "']),
		code: 'text-empty',
		path: 'title',
		at: '"   "',
		message: 'This text is empty; write the text.'
	},
	{
		rule: 'a text too long',
		text: edit(['"background": "A 1,200-bed', `"background": "${'a'.repeat(4000)} A 1,200-bed`]),
		code: 'text-too-long',
		path: 'customer.background',
		at: '"aaa',
		message: 'This text has 4138 characters; at most 4000 are allowed. Shorten it.'
	},
	{
		rule: 'a list too short',
		text: edit([
			'"competitors": [\n\t\t\t{ "id": "medsoft", "name": "MedSoft", "edge": "Lower price, strong local references." }\n\t\t]',
			'"competitors": []'
		]),
		code: 'too-few-items',
		path: 'deal.competitors',
		at: '[]',
		message: 'This list has 0 entries; it needs at least 1.'
	},
	{
		rule: 'an id that is not kebab case',
		text: edit(['"id": "medsoft"', '"id": "Med Soft"']),
		code: 'id-format',
		path: 'deal.competitors[0].id',
		at: '"Med Soft"',
		message:
			'"Med Soft" is not a valid id (lower-case letters a-z, digits and single hyphens); did you mean "med-soft"?'
	},
	{
		rule: 'a currency in lower case',
		text: edit(['"currency": "CNY"', '"currency": "cny"']),
		code: 'currency-format',
		path: 'deal.currency',
		at: '"cny"',
		message: '"cny" is not an ISO 4217 currency code (three capital letters); did you mean "CNY"?'
	},
	{
		rule: 'a currency that is no code',
		text: edit(['"currency": "CNY"', '"currency": "yuan"']),
		code: 'currency-format',
		path: 'deal.currency',
		at: '"yuan"',
		message:
			'"yuan" is not an ISO 4217 currency code: three capital letters, such as "CNY" or "EUR".'
	},

	// ---------------------------------------------------------------- rules of the whole file
	{
		rule: 'two people with one id',
		text: edit(['"id": "nurse-zhou"', '"id": "nurse-li"']),
		code: 'duplicate-id',
		path: 'people[3].id',
		at: '"nurse-li"',
		after: '"Head of Nursing"',
		// nurse-zhou no longer exists, but intel "night-shift" and two actions of a check name her.
		errors: 4,
		message:
			'The id "nurse-li" is already used at people[2].id; ids must be unique within their list. Rename one of them.'
	},
	{
		rule: 'two intel items with one id',
		text: edit(['"id": "go-live"', '"id": "budget"']),
		code: 'duplicate-id',
		path: 'intel[1].id',
		at: '"budget"',
		after: '"reveals": "cio-wang"',
		message:
			'The id "budget" is already used at intel[0].id; ids must be unique within their list. Rename one of them.'
	},
	{
		rule: 'two options with one id',
		text: edit(['"id": "educate"', '"id": "argue"']),
		code: 'duplicate-id',
		path: 'stages.discover-needs.decision.options[2].id',
		at: '"argue"',
		after: '"id": "withdraw"',
		// The model path of the checks chooses "educate", which is gone.
		errors: 2,
		message:
			'The id "argue" is already used at stages.discover-needs.decision.options[0].id; ids must be unique within their list. Rename one of them.'
	},
	{
		rule: 'two decisions with one id in different stages',
		text: edit([
			'"brief": "The hospital is ready to negotiate the contract with the vendor it prefers."',
			'"brief": "The hospital is ready to negotiate.", "decision": { "id": "specs-unfavourable", "prompt": "Again?", "options": [ { "id": "yes", "text": "Yes.", "score": 1, "feedback": "Right." }, { "id": "no", "text": "No.", "score": 0, "feedback": "Wrong." } ] }'
		]),
		code: 'duplicate-id',
		path: 'stages.commitment.decision.id',
		at: '"specs-unfavourable"',
		after: '"commitment"',
		message:
			'The id "specs-unfavourable" is already used at stages.discover-needs.decision.id; ids must be unique within their list. Rename one of them.'
	},
	{
		rule: 'intel from someone who does not exist',
		text: edit(['"from": ["finance-chen"]', '"from": ["finance-chn"]']),
		code: 'unknown-person',
		path: 'intel[5].from[0]',
		at: '"finance-chn"',
		message: 'No person has the id "finance-chn"; did you mean "finance-chen"?'
	},
	{
		rule: 'intel that reveals someone who does not exist',
		text: edit(['"reveals": "cio-wang"', '"reveals": "cto-li"']),
		code: 'unknown-person',
		path: 'intel[0].reveals',
		at: '"cto-li"',
		// cio-wang is now hidden with nothing to reveal him.
		errors: 2,
		message: `No person has the id "cto-li". The people are: ${PEOPLE}.`
	},
	{
		rule: 'an effect on someone who does not exist',
		text: edit([
			'"effects": [{ "person": "cio-wang", "attitude": 1 }]',
			'"effects": [{ "person": "wang", "attitude": 1 }]'
		]),
		code: 'unknown-person',
		path: 'stages.discover-needs.decision.options[2].effects[0].person',
		at: '"wang"',
		message: `No person has the id "wang". The people are: ${PEOPLE}.`
	},
	{
		rule: 'an event skipped for someone who does not exist',
		text: edit([
			'"unless": { "activity": "site-visit", "person": "cio-wang" }',
			'"unless": { "activity": "site-visit", "person": "cio-wong" }'
		]),
		code: 'unknown-person',
		path: 'stages.discover-needs.events[0].unless.person',
		at: '"cio-wong"',
		message: 'No person has the id "cio-wong"; did you mean "cio-wang"?'
	},
	{
		rule: 'a check charting someone who does not exist',
		text: edit([
			'{ "type": "chart", "person": "nurse-zhou", "role": "user" }',
			'{ "type": "chart", "person": "nurse-chou", "role": "user" }'
		]),
		code: 'unknown-person',
		path: 'checks[0].actions[26].person',
		at: '"nurse-chou"',
		message: 'No person has the id "nurse-chou"; did you mean "nurse-zhou"?'
	},
	{
		rule: 'a check visiting someone who does not exist',
		text: edit([
			'"people": ["finance-chen"] },\n\t\t\t\t{ "type": "decide"',
			'"people": ["cfo"] },\n\t\t\t\t{ "type": "decide"'
		]),
		code: 'unknown-person',
		path: 'checks[1].actions[3].people[0]',
		at: '"cfo"',
		message: `No person has the id "cfo". The people are: ${PEOPLE}.`
	},
	{
		rule: 'a check deciding a decision that does not exist',
		text: edit([
			'"decision": "specs-unfavourable", "option": "argue"',
			'"decision": "specs", "option": "argue"'
		]),
		code: 'unknown-decision',
		path: 'checks[1].actions[4].decision',
		at: '"specs"',
		message: 'No stage has a decision with the id "specs"; did you mean "specs-unfavourable"?'
	},
	{
		rule: 'a check choosing an option the decision does not have',
		text: edit(['"option": "argue"', '"option": "argu"']),
		code: 'unknown-option',
		path: 'checks[1].actions[4].option',
		at: '"argu"',
		message: 'The decision "specs-unfavourable" has no option "argu"; did you mean "argue"?'
	},
	{
		rule: 'no decision maker',
		text: edit(['"role": "decision-maker"', '"role": "initiator"']),
		code: 'no-decision-maker',
		path: 'people',
		at: '[',
		after: '"people"',
		message:
			'No person has the role "decision-maker", but every deal needs at least one decision maker. Give that role to the person with the final say.'
	},
	{
		rule: 'a reveal of someone already known',
		text: edit(['"known": false', '"known": true']),
		code: 'reveals-known-person',
		path: 'intel[0].reveals',
		at: '"cio-wang"',
		after: '"reveals"',
		message:
			'This intel reveals "cio-wang", but that person is on the chart from the start ("known" is true unless it is set). Add "known": false to the person, or remove "reveals".'
	},
	{
		rule: 'a hidden person no intel reveals',
		text: edit(
			['"reveals": "cio-wang"', '"kind": "budget"'],
			['"kind": "budget",\n\t\t\t"text"', '"text"']
		),
		code: 'hidden-never-revealed',
		path: 'people[1].known',
		at: 'false',
		after: '"cio-wang"',
		message:
			'"cio-wang" is hidden ("known": false) but no intel reveals them, so the trainee can never meet them. Add an intel item with "reveals": "cio-wang", or remove "known": false.'
	},
	{
		rule: 'weights that do not add up to 100',
		text: edit(['"outcome": 10', '"outcome": 12']),
		code: 'weights-sum',
		path: 'scoring.weights',
		at: '{',
		after: '"weights"',
		message: 'The weights add up to 102; they must add up to 100.'
	},
	{
		rule: 'a check that can never pass',
		text: edit(['"expect": { "maxScore": 40 }', '"expect": { "minScore": 50, "maxScore": 40 }']),
		code: 'check-score-range',
		path: 'checks[1].expect',
		at: '{ "minScore": 50',
		message: 'minScore 50 is above maxScore 40, so this check can never pass.'
	},

	// ---------------------------------------------------------------- warnings
	{
		rule: 'intel no one can reveal',
		text: SELF_REVEAL,
		code: 'intel-unreachable',
		severity: 'warning',
		errors: 0,
		path: 'intel[0].from',
		at: '["cio-wang"]',
		message:
			'No one can ever reveal this intel: everyone in "from" is hidden and never revealed. Add to "from" someone the trainee can meet.'
	},
	{
		rule: 'a hidden person revealed only by intel no one can reveal',
		text: SELF_REVEAL,
		code: 'person-unreachable',
		severity: 'warning',
		errors: 0,
		path: 'people[1].known',
		at: 'false',
		after: '"cio-wang"',
		message:
			'"cio-wang" is revealed only by intel that no one can reveal, so the trainee can never meet them.'
	},
	{
		rule: 'intel later than any trainee can get',
		text: edit([
			'"brief": "The information center is turning the needs into procurement indicators.",',
			'"brief": "The information center is turning the needs into procurement indicators.", "decision": { "id": "go-no-go", "prompt": "Bid or not?", "options": [ { "id": "bid", "text": "Bid", "score": 1, "feedback": "Fine", "ends": "lost" }, { "id": "pass", "text": "Pass", "score": 1, "feedback": "Fine", "ends": "withdrawn" } ] },'
		]),
		code: 'intel-too-late',
		severity: 'warning',
		errors: 0,
		path: 'intel[5].stage',
		at: '"evaluation"',
		after: '"medsoft-discount"',
		message:
			'No trainee can learn this intel: it can be learned in "Evaluation and comparison" at the earliest, but every option of the decision in "System design" ends the deal before that. Make it available earlier, or let a decision option there continue the deal.'
	},
	{
		rule: 'the same person twice in `from`',
		text: edit(['"from": ["nurse-li", "dean-zhao"]', '"from": ["nurse-li", "nurse-li"]']),
		code: 'duplicate-entry',
		severity: 'warning',
		errors: 0,
		path: 'intel[1].from[1]',
		at: '"nurse-li"]',
		message: '"nurse-li" is listed twice in this list; once is enough.'
	},
	{
		rule: 'the best strategy listed as acceptable',
		text: edit(['"acceptable": []', '"acceptable": ["farming"]']),
		code: 'acceptable-includes-best',
		severity: 'warning',
		errors: 0,
		path: 'strategy.acceptable[0]',
		at: '"farming"]',
		message:
			'"Farming" is already the best strategy; listing it as acceptable as well changes nothing.'
	},
	{
		rule: 'a decision without a full-credit option',
		text: edit(['"score": 1,', '"score": 0.75,']),
		code: 'decision-no-full-credit',
		severity: 'warning',
		errors: 0,
		path: 'stages.discover-needs.decision.options',
		at: '[',
		after: '"options"',
		message:
			'No option of this decision scores 1 (the best scores 0.75), so no trainee can earn its full credit. Give the right answer a score of 1.'
	},
	{
		rule: 'no intel of a kind the course expects',
		text: edit(['"kind": "timing"', '"kind": "other"']),
		code: 'deliberation-intel-missing',
		severity: 'warning',
		errors: 0,
		path: 'intel',
		at: '[',
		after: '"intel"',
		message:
			'No intel item is of the kind timing ("kind": "timing"). The course expects the seller to learn the timing, the budget, the motive and the designing department during internal deliberation; add an intel item of this kind so that the trainee can.'
	},
	{
		rule: 'an effect of 0',
		text: edit([
			'"effects": [{ "person": "cio-wang", "attitude": 1 }]',
			'"effects": [{ "person": "cio-wang", "attitude": 0 }]'
		]),
		code: 'effect-none',
		severity: 'warning',
		errors: 0,
		path: 'stages.discover-needs.decision.options[2].effects[0].attitude',
		at: '0 }',
		after: '"educate"',
		message:
			'An attitude step of 0 changes nothing. Give the effect a step from -2 to 2 other than 0, or remove it.'
	}
];

describe('parseScenario: every rule, with its path, place and message', () => {
	it.each(cases)('$rule', async (test) => {
		const result = await parseScenario(test.text);
		const severity = test.severity ?? 'error';
		const errors = result.ok ? [] : result.errors;
		const list: Problem[] = severity === 'error' ? errors : result.warnings;
		const problem = list.find((p) => p.code === test.code && p.pathText === test.path);
		expect(
			problem,
			`no ${test.code} at ${test.path}; found ${JSON.stringify([...errors, ...result.warnings].map((p) => [p.code, p.pathText, p.message]))}`
		).toBeDefined();
		expect(problem?.message).toBe(test.message);
		expect({ line: problem?.line, column: problem?.column }).toEqual(
			positionOf(test.text, test.at, test.after)
		);
		// The span an editor underlines starts where the problem points and covers what is wrong.
		const span = test.text.slice(problem?.offset, (problem?.offset ?? 0) + (problem?.length ?? 0));
		if (typeof test.at === 'string' && test.at.trim() !== '') {
			expect(span.startsWith(test.at) || test.at.startsWith(span), span).toBe(true);
		}
		expect(errors.length, JSON.stringify(errors.map((p) => p.message))).toBe(
			test.errors ?? (severity === 'error' ? 1 : 0)
		);
		expect(result.ok).toBe(errors.length === 0);
	});
});

describe('parseScenario: valid files', () => {
	it('accepts the contract example, completed, with defaults applied and no warning', async () => {
		const result = await parseScenario(EXAMPLE);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.warnings).toEqual([]);
		expect(result.hash).toMatch(/^[0-9a-f]{64}$/);
		const nurse = result.scenario.people.find((person) => person.id === 'nurse-li');
		expect(nurse?.known).toBe(true);
		expect(result.scenario.stages['internal-deliberation'].events).toEqual([]);
	});

	it.each([
		['plain "<" in a text', ['"Lower price, strong', '"Price <10% below ours, strong']],
		['a byte order mark', ['{', '\ufeff{']],
		['Windows line ends', ['\n', '\r\n']],
		['an optional field left out', ['"tags": ["healthcare"],', '']],
		['a "$schema" for editors', ['{', '{ "$schema": "../static/scenario.schema.json",']]
	] as [string, [string, string]][])('accepts %s', async (_, [from, to]) => {
		const text = from === '\n' ? EXAMPLE.replaceAll(from, to) : edit([from, to]);
		const result = await parseScenario(text);
		expect(result.ok ? [] : result.errors.map((p) => p.message)).toEqual([]);
	});

	it('gives the same hash whatever the key order and whitespace', async () => {
		const compact = JSON.stringify(JSON.parse(EXAMPLE));
		const [a, b] = await Promise.all([parseScenario(EXAMPLE), parseScenario(compact)]);
		expect(a.ok && b.ok && a.hash === b.hash).toBe(true);
	});
});

describe('parseScenario: all problems at once', () => {
	it('reports problems of the JSON reader, the schema and the whole-file rules together', async () => {
		const text = edit(
			['"role": "decision-maker"', '"role": "decison-maker"'],
			['"people": [', '"peolpe": [], "people": ['],
			['"from": ["finance-chen"]', '"from": ["finance-chn"]'],
			['"title": "Head of Nursing"', '"title": "<b>Head</b> of Nursing"'],
			['"outcome": 10', '"outcome": 12'],
			['"ourShare": 0.04,', '"ourShare": 0.04, "__proto__": {},']
		);
		const result = await parseScenario(text);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.map((p) => `${p.code} ${p.pathText}`)).toEqual([
			'forbidden-key customer.__proto__',
			'unknown-key peolpe',
			'invalid-enum people[0].role',
			'html-markup people[2].title',
			'unknown-person intel[5].from[0]',
			'weights-sum scoring.weights'
		]);
	});
});

describe('parseScenario: a file with very many problems', () => {
	it('lists the first 500 and says how many there are', async () => {
		const extra = Array.from({ length: 600 }, (_, i) => `"extra-${i}": ${i},`).join(' ');
		const result = await parseScenario(edit(['"ourShare": 0.04,', `${extra} "ourShare": 0.04,`]));
		if (result.ok) throw new Error('expected a refusal');
		expect(result.errors).toHaveLength(501);
		expect(result.errors[500].code).toBe('too-many-problems');
		expect(result.errors[500].message).toBe(
			'Only the first 500 of 600 problems of this kind are listed. Fix these and check the file again.'
		);
	});
});

describe('messages in Chinese', () => {
	it('renders the same problem with the zh-CN catalogue and translated terms', async () => {
		const result = await parseScenario(
			edit(['"role": "decision-maker"', '"role": "decison-maker"'])
		);
		if (result.ok) throw new Error('expected a refusal');
		expect(problemMessage(result.errors[0], 'zh-CN')).toBe(
			`“decison-maker”不是有效的角色；您是不是想写“decision-maker”？允许的值：${ROLES}。`
		);
	});
});

describe('validateScenarioText', () => {
	it('gives the scenario and the value as written, synchronously', () => {
		const result = validateScenarioText(EXAMPLE);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value).toEqual(JSON.parse(EXAMPLE));
	});
});

const ATTEMPT = JSON.stringify(
	{
		format: 'sales-sim/attempt@1',
		scenario: { id: 'city-hospital-his', version: 1, hash: 'a'.repeat(64) },
		player: 'Li Na',
		team: 'East',
		startedAt: '2026-11-28T09:00:00Z',
		finishedAt: '2026-11-28T09:41:00Z',
		actions: [{ type: 'strategy', strategy: 'farming' }, { type: 'advance' }],
		result: { outcome: 'won', score: 83, categories: { roles: 21 } }
	},
	null,
	'\t'
);

describe('parseAttempt', () => {
	it('accepts an exported attempt, with defaults applied', () => {
		const result = parseAttempt(ATTEMPT);
		expect(result.ok).toBe(true);
		if (result.ok) expect(result.attempt.actions[1]).toEqual({ type: 'advance' });
	});

	it.each([
		{
			rule: 'a scenario given as an attempt',
			text: EXAMPLE,
			path: 'format',
			message:
				'This file is a scenario (format "sales-sim/scenario@1"), not the kind of file expected here, which is "sales-sim/attempt@2" or "sales-sim/attempt@1".'
		},
		{
			rule: 'a short hash',
			text: ATTEMPT.replace('a'.repeat(64), 'abc'),
			path: 'scenario.hash',
			message: '"abc" is not a content hash: write 64 lower-case hexadecimal digits (0-9, a-f).'
		},
		{
			rule: 'a date without a time',
			text: ATTEMPT.replace('2026-11-28T09:00:00Z', '28/11/2026'),
			path: 'startedAt',
			message:
				'"28/11/2026" is not a date and time: write it in ISO 8601 with a time zone, such as "2026-11-28T09:00:00Z".'
		},
		{
			rule: 'finished before it started',
			text: ATTEMPT.replace('09:41:00Z', '08:41:00Z'),
			path: 'finishedAt',
			message:
				'The attempt finished (2026-11-28T08:41:00Z) before it started (2026-11-28T09:00:00Z).'
		},
		{
			rule: 'an action with a misspelt field',
			text: ATTEMPT.replace('"strategy": "farming"', '"stratgy": "farming"'),
			path: 'actions[0].stratgy',
			message: 'Unknown field "stratgy"; did you mean "strategy"? Allowed here: "type", "strategy".'
		},
		{
			rule: 'a __proto__ in an action',
			text: ATTEMPT.replace(
				'{\n\t\t\t"type": "advance"',
				'{\n\t\t\t"__proto__": { "type": "withdraw" },\n\t\t\t"type": "advance"'
			),
			path: 'actions[1].__proto__',
			message:
				'The field name "__proto__" is not allowed anywhere in a file, because it could tamper with the program\'s objects. Rename or remove it.'
		}
	])('refuses $rule', ({ text, path, message }) => {
		const result = parseAttempt(text);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.map((p) => [p.pathText, p.message])).toEqual([[path, message]]);
	});
});

describe('full-width punctuation: its own message, naming the mark and the fix', () => {
	it.each([
		[
			'a full-width comma',
			edit(['"version": 1,', '"version": 1，']),
			'，',
			'version',
			'comma',
			','
		],
		['a full-width colon', edit(['"version": 1', '"version"： 1']), '：', 'version', 'colon', ':'],
		[
			'full-width quotes',
			edit(['"locale": "en"', '"locale": “en”']),
			'“',
			'locale',
			'quotation mark',
			'"'
		],
		[
			'a text closed with one',
			edit(['"locale": "en"', '"locale": "en”']),
			'”',
			'locale',
			'quotation mark',
			'"'
		],
		['a full-width brace', `｛${EXAMPLE.slice(1)}`, '｛', '', 'curly brace', '{']
	])('%s', (_, text, mark, path, name, fix) => {
		const result = validateScenarioText(text);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		// One problem: the parser's complaints about what follows the mark are its echoes.
		expect(result.errors.map((p) => p.code)).toEqual(['json-full-width']);
		const [problem] = result.errors;
		expect(problem.pathText).toBe(path);
		expect(text.slice(problem.offset, problem.offset + problem.length)).toBe(mark);
		expect({ line: problem.line, column: problem.column }).toEqual(positionOf(text, mark));
		expect(problem.message).toContain(`The ${mark} here is a full-width ${name}`);
		expect(problem.message).toContain(`replace it with ${fix} `);
		expect(problemMessage(problem, 'zh-CN')).toContain(`请改为 ${fix}`);
	});

	it('leaves full-width punctuation inside texts alone', () => {
		const text = edit(['"title": "City Hospital', '"title": "City Hospital，“HIS”：'] as [
			string,
			string
		]);
		expect(validateScenarioText(text).ok).toBe(true);
	});
});

describe('a misspelt top-level part: one message, not a cascade', () => {
	it.each([
		['people', 'peopel'],
		['intel', 'intle'],
		['stages', 'stagse']
	])('"%s" written "%s"', (part, written) => {
		const result = validateScenarioText(edit([`"${part}":`, `"${written}":`]));
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.map((p) => [p.code, p.pathText])).toEqual([['unknown-key', written]]);
		expect(result.errors[0].message).toContain(`did you mean "${part}"?`);
		// Nothing about the part's absence either, not even as a warning.
		expect(result.warnings.filter((p) => p.code !== 'deliberation-intel-missing')).toEqual([]);
	});

	it('says "no people yet" rather than listing none', () => {
		const result = validateScenarioText(edit(['"people": [', '"people": [] , "x": [']));
		const messages = result.ok ? [] : result.errors.map((p) => problemMessage(p, 'zh-CN'));
		expect(messages.join('\n')).not.toMatch(/现有人物：。|The people are: \./);
	});
});

describe('methodology names in the reader’s language', () => {
	it('names stages by their label, in English and in Chinese', () => {
		const result = validateScenarioText(edit(['"implementation": {', '"implementaton": {']));
		expect(result.ok).toBe(false);
		if (result.ok) return;
		const missing = result.errors.find((p) => p.code === 'missing-stage');
		// A misspelt stage is reported once, as the unknown key with its fix.
		expect(missing).toBeUndefined();
		const late = validateScenarioText(edit(['"stages": {', '"stages": {}, "x": {']));
		const stage = late.ok ? undefined : late.errors.find((p) => p.code === 'missing-stage');
		expect(stage).toBeDefined();
		if (!stage) return;
		expect(problemMessage(stage, 'zh-CN')).toBe(
			'缺少阶段“发现需求”：请在“stages”中添加 "discover-needs"；六个阶段都必须有（"discover-needs", "internal-deliberation", "system-design", "evaluation", "commitment", "implementation"）。'
		);
	});
});
