/**
 * The hub's API as an OpenAPI 3.1 document, served at /api/openapi.json. app.ts implements each
 * path; src/hub/hub.spec.ts checks that every route the app answers is described here.
 */
const json = (schema: object, description: string) => ({
	description,
	content: { 'application/json': { schema } }
});
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const error = (description: string) => json(ref('Error'), description);
const code = {
	name: 'code',
	in: 'path',
	required: true,
	description: 'The class code (12 characters; case, dashes and spaces are ignored).',
	schema: { type: 'string' }
};
const trainer = [{ trainerKey: [] }];
const notFound = error('Unknown class (or item).');
const unauthorized = error('No trainer key, or not this class’s.');
const tooLarge = error('The body is over the size limit.');
const invalid = error('The body or query does not have the expected shape.');
const limited = error('Too many requests from this address; see Retry-After.');

export const openApiDocument = {
	openapi: '3.1.0',
	info: {
		title: 'sales-sim class hub',
		version: '1.0.0',
		description:
			'Trainees of a class send their finished attempts; the hub verifies each by replaying it with the app’s engine, keeps only the recomputed result, and serves the live scoreboard. See docs/hub.md.'
	},
	components: {
		securitySchemes: {
			trainerKey: {
				type: 'http',
				scheme: 'bearer',
				description: 'The trainerKey returned once when the class was created.'
			}
		},
		schemas: {
			Error: {
				type: 'object',
				required: ['error', 'message'],
				properties: {
					error: { type: 'string', description: 'A stable code, e.g. unknown-class, refused.' },
					message: { type: 'string', description: 'A sentence for people (plain text).' }
				}
			},
			Refusal: {
				type: 'object',
				required: ['error', 'reason', 'message', 'params'],
				properties: {
					error: { const: 'refused' },
					reason: {
						type: 'string',
						description:
							'The verifier’s reason code (src/lib/engine/results/verify-attempt.ts RefusalCode): malformed, wrong-format, unknown-scenario, unknown-version, hash-mismatch, refused-action, unfinished, outcome-mismatch, score-mismatch, category-mismatch, too-large.'
					},
					message: {
						type: 'string',
						description: 'The verifier’s sentence, in English or Chinese (Accept-Language: zh).'
					},
					params: { type: 'object' },
					problems: { type: 'array', items: { type: 'object' } }
				}
			},
			Attempt: {
				type: 'object',
				properties: {
					hash: { type: 'string', description: 'The attempt’s content fingerprint: its key.' },
					seq: { type: 'integer', description: 'Its event number in the class.' },
					player: { type: 'string' },
					team: { type: ['string', 'null'] },
					scenario: {
						type: 'object',
						properties: { id: { type: 'string' }, version: { type: 'integer' } }
					},
					mode: { enum: ['practice', 'assessment'] },
					outcome: { type: 'string' },
					score: { type: 'number' },
					weeksUsed: { type: 'integer' },
					startedAt: { type: 'string', format: 'date-time' },
					finishedAt: { type: 'string', format: 'date-time' }
				}
			},
			Accepted: {
				type: 'object',
				properties: {
					status: { enum: ['accepted', 'stored'] },
					attempt: ref('Attempt'),
					result: {
						type: 'object',
						description: 'The recomputed result.',
						properties: {
							outcome: { type: 'string' },
							score: { type: 'number' },
							categories: { type: 'object' }
						}
					},
					counts: { type: 'boolean', description: 'False for practice attempts.' }
				}
			}
		}
	},
	paths: {
		'/api/classes': {
			post: {
				summary: 'Create a class',
				requestBody: {
					required: true,
					content: {
						'application/json': {
							schema: {
								type: 'object',
								required: ['name'],
								properties: { name: { type: 'string', maxLength: 80 } }
							}
						}
					}
				},
				responses: {
					'201': json(
						{
							type: 'object',
							properties: {
								code: { type: 'string' },
								name: { type: 'string' },
								trainerKey: { type: 'string', description: 'Shown once; only its hash is kept.' },
								joinUrl: { type: 'string' }
							}
						},
						'The class, its trainer key and the link trainees join by.'
					),
					'400': invalid,
					'413': tooLarge,
					'429': limited
				}
			}
		},
		'/api/classes/{code}': {
			get: {
				summary: 'A class’s name and join link',
				parameters: [code],
				responses: { '200': json({ type: 'object' }, 'The class.'), '404': notFound }
			}
		},
		'/api/classes/{code}/trainer': {
			get: {
				summary:
					'The class as its trainer sees it (trainer): name, join link, attempts, published scenarios',
				description: 'Also how a client checks a trainer key before keeping it.',
				parameters: [code],
				security: trainer,
				responses: {
					'200': json({ type: 'object' }, 'The class.'),
					'401': unauthorized,
					'404': notFound
				}
			}
		},
		'/api/classes/{code}/attempts': {
			post: {
				summary: 'Send a finished attempt',
				description:
					'The body is an exported attempt file (format sales-sim/attempt@…). Idempotent: the same play sent again answers 200 with what is stored.',
				parameters: [code],
				requestBody: {
					required: true,
					content: { 'application/json': { schema: { type: 'object' } } }
				},
				responses: {
					'201': json(ref('Accepted'), 'Verified and stored.'),
					'200': json(ref('Accepted'), 'Already stored (same fingerprint).'),
					'404': notFound,
					'413': json(ref('Refusal'), 'Over 1 MiB.'),
					'422': json(ref('Refusal'), 'Refused by the verifier, with its reason.'),
					'429': limited
				}
			}
		},
		'/api/classes/{code}/attempts/{hash}': {
			parameters: [code, { name: 'hash', in: 'path', required: true, schema: { type: 'string' } }],
			get: {
				summary: 'One stored attempt',
				responses: { '200': json(ref('Attempt'), 'The attempt.'), '404': notFound }
			},
			delete: {
				summary: 'Remove an attempt (trainer)',
				security: trainer,
				responses: { '204': { description: 'Removed.' }, '401': unauthorized, '404': notFound }
			}
		},
		'/api/classes/{code}/board': {
			get: {
				summary: 'The ranked scoreboard',
				description:
					'Ranked as the app ranks (src/lib/scoreboard/ranking.ts): each player’s best assessment attempt on one scenario version; teams by their members’ average; competitions by each player’s total over their scenario versions. Periods today and week are in the hub’s time zone.',
				parameters: [
					code,
					{
						name: 'scenario',
						in: 'query',
						schema: { type: 'string' },
						description: 'Scenario id; default the most recently played.'
					},
					{
						name: 'version',
						in: 'query',
						schema: { type: 'integer' },
						description: 'Default the most recently played version.'
					},
					{ name: 'view', in: 'query', schema: { enum: ['players', 'teams'] } },
					{ name: 'competition', in: 'query', schema: { type: 'string' } },
					{ name: 'period', in: 'query', schema: { enum: ['all', 'today', 'week', 'custom'] } },
					{ name: 'from', in: 'query', schema: { type: 'string', format: 'date-time' } },
					{ name: 'to', in: 'query', schema: { type: 'string', format: 'date-time' } },
					{
						name: 'limit',
						in: 'query',
						schema: { type: 'integer' },
						description: 'Rows to return; all by default.'
					}
				],
				responses: {
					'200': json({ type: 'object' }, 'Rows with ranks 1..n.'),
					'400': invalid,
					'404': notFound
				}
			}
		},
		'/api/classes/{code}/events': {
			get: {
				summary: 'Live events (server-sent events)',
				description:
					'Events `attempt` (data: an Attempt with seq) and `removed` (data: { seq, hash }), each with `id:` its sequence number. Send Last-Event-ID (EventSource does on reconnecting) or ?after=N to get every event after N.',
				parameters: [
					code,
					{ name: 'Last-Event-ID', in: 'header', schema: { type: 'string' } },
					{ name: 'after', in: 'query', schema: { type: 'integer' } }
				],
				responses: {
					'200': { description: 'An event stream.', content: { 'text/event-stream': {} } },
					'404': notFound
				}
			}
		},
		'/api/classes/{code}/scenarios': {
			get: {
				summary: 'Scenario versions published to the class',
				parameters: [code],
				responses: { '200': json({ type: 'object' }, 'The list.'), '404': notFound }
			},
			post: {
				summary: 'Publish a scenario version (trainer)',
				description:
					'The body is a scenario file; it is validated as the app validates it. A version, once published, keeps its content.',
				security: trainer,
				parameters: [code],
				requestBody: {
					required: true,
					content: { 'application/json': { schema: { type: 'object' } } }
				},
				responses: {
					'201': json({ type: 'object' }, 'Published.'),
					'200': json({ type: 'object' }, 'Already published with the same content.'),
					'401': unauthorized,
					'404': notFound,
					'409': error('This version exists with other content.'),
					'413': tooLarge,
					'422': error('The file does not validate (problems listed).')
				}
			}
		},
		'/api/classes/{code}/scenarios/{id}/{version}': {
			get: {
				summary: 'A published scenario file',
				parameters: [
					code,
					{ name: 'id', in: 'path', required: true, schema: { type: 'string' } },
					{ name: 'version', in: 'path', required: true, schema: { type: 'integer' } }
				],
				responses: { '200': json({ type: 'object' }, 'The file.'), '404': notFound }
			}
		},
		'/api/classes/{code}/teams': {
			get: {
				summary: 'Teams',
				parameters: [code],
				responses: { '200': json({ type: 'object' }, 'Teams and player counts.'), '404': notFound }
			},
			post: {
				summary: 'Create a team (trainer)',
				security: trainer,
				parameters: [code],
				requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
				responses: {
					'201': json({ type: 'object' }, 'Created.'),
					'400': invalid,
					'401': unauthorized
				}
			}
		},
		'/api/classes/{code}/teams/{key}': {
			parameters: [code, { name: 'key', in: 'path', required: true, schema: { type: 'string' } }],
			patch: {
				summary: 'Rename a team (trainer)',
				security: trainer,
				responses: {
					'200': json({ type: 'object' }, 'Renamed.'),
					'401': unauthorized,
					'404': notFound
				}
			},
			delete: {
				summary: 'Delete a team; its players stay, without a team (trainer)',
				security: trainer,
				responses: { '204': { description: 'Deleted.' }, '401': unauthorized, '404': notFound }
			}
		},
		'/api/classes/{code}/players/{player}/team': {
			put: {
				summary: 'Move a player, with their results, to a team or to none (trainer)',
				security: trainer,
				parameters: [
					code,
					{ name: 'player', in: 'path', required: true, schema: { type: 'string' } }
				],
				requestBody: {
					content: {
						'application/json': {
							schema: { type: 'object', properties: { team: { type: ['string', 'null'] } } }
						}
					}
				},
				responses: {
					'200': json({ type: 'object' }, 'Moved.'),
					'401': unauthorized,
					'404': notFound
				}
			}
		},
		'/api/classes/{code}/competitions': {
			get: {
				summary: 'Competitions',
				parameters: [code],
				responses: { '200': json({ type: 'object' }, 'The list.'), '404': notFound }
			},
			post: {
				summary: 'Create or change a competition (trainer)',
				security: trainer,
				parameters: [code],
				requestBody: {
					content: {
						'application/json': {
							schema: {
								type: 'object',
								required: ['name', 'scenarios'],
								properties: {
									id: { type: 'string' },
									name: { type: 'string' },
									scenarios: {
										type: 'array',
										items: {
											type: 'object',
											properties: { id: { type: 'string' }, version: { type: 'integer' } }
										}
									},
									from: { type: ['string', 'null'], format: 'date-time' },
									to: { type: ['string', 'null'], format: 'date-time' },
									seed: {
										type: 'integer',
										minimum: 0,
										maximum: 4294967295,
										description:
											'The deal every player gets; only attempts played on it count. Drawn when left out.'
									}
								}
							}
						}
					}
				},
				responses: {
					'201': json({ type: 'object' }, 'Saved.'),
					'400': invalid,
					'401': unauthorized
				}
			}
		},
		'/api/classes/{code}/competitions/{id}': {
			delete: {
				summary: 'Delete a competition (trainer)',
				security: trainer,
				parameters: [code, { name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
				responses: { '204': { description: 'Deleted.' }, '401': unauthorized, '404': notFound }
			}
		},
		'/api/classes/{code}/export.csv': {
			get: {
				summary: 'Every stored attempt as CSV (trainer)',
				security: trainer,
				parameters: [code],
				responses: {
					'200': { description: 'CSV, UTF-8 with BOM.', content: { 'text/csv': {} } },
					'401': unauthorized
				}
			}
		},
		'/api/classes/{code}/backup': {
			get: {
				summary: 'A full backup of the class (trainer)',
				security: trainer,
				parameters: [code],
				responses: { '200': json({ type: 'object' }, 'The backup.'), '401': unauthorized }
			}
		},
		'/api/health': {
			get: { summary: 'Liveness', responses: { '200': json({ type: 'object' }, 'Up.') } }
		},
		'/api/openapi.json': {
			get: { summary: 'This document', responses: { '200': json({ type: 'object' }, 'OpenAPI.') } }
		}
	}
} as const;
