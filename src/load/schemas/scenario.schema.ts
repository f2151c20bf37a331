/** JSON Schema of a scenario file (formats.md §2). Closed: unknown fields are errors. */

const contextValue = {
  anyOf: [{ type: ['string', 'number', 'boolean'] }, { type: 'array', items: { type: ['string', 'number', 'boolean'] } }],
};

/** A line is a string, or `{action, resource, context}` (closed). */
function lineSchema(text: object, context: object) {
  return {
    anyOf: [
      text,
      {
        type: 'object',
        additionalProperties: false,
        required: ['action', 'resource'],
        properties: {
          action: { type: 'string', minLength: 1 },
          resource: { type: 'string', minLength: 1 },
          context,
        },
      },
    ],
  };
}

/** `s3:GetObject arn:aws:s3:::bucket/key`. */
const requestLine = lineSchema(
  { type: 'string', pattern: '^\\s*\\S+\\s+\\S+\\s*$' },
  { type: 'object', additionalProperties: contextValue },
);
/** `Action::"viewPhoto" on Photo::"vacation.jpg"` (Cedar context is free-form). */
const appLine = lineSchema({ type: 'string', minLength: 1 }, { type: 'object' });

const lines = { type: 'array', items: requestLine };

const scenarioSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1 },
    description: { type: 'string' },
    source: { type: 'object' },
    login: { type: 'string', minLength: 1 },
    claims: { type: 'object' },
    token: { type: 'string', minLength: 1 },
    tokenFile: { type: 'string', minLength: 1 },
    identityId: { type: 'string', pattern: '^[\\w-]+:[0-9a-zA-Z-]+$' },
    customRoleArn: { type: 'string', minLength: 1 },
    flow: { enum: ['enhanced', 'basic'] },
    requestedRoleArn: { type: 'string', minLength: 1 },
    expect: {
      type: 'object',
      additionalProperties: false,
      properties: {
        role: { type: 'string', minLength: 1 },
        error: { type: 'string', minLength: 1 },
        principalTags: { type: 'object', additionalProperties: { type: 'string' } },
        allow: lines,
        deny: lines,
        explicitDeny: lines,
        app: {
          type: 'object',
          additionalProperties: false,
          properties: {
            allow: { type: 'array', items: appLine },
            deny: { type: 'array', items: appLine },
            error: { type: 'string', minLength: 1 },
          },
        },
      },
    },
  },
} as const;

export const scenarioFileSchema = {
  $id: 'https://keycard.dev/schemas/scenario-file.json',
  type: 'object',
  additionalProperties: false,
  required: ['scenarios'],
  properties: {
    $schema: { type: 'string' },
    // An inline project is checked against the project schema by the project loader itself.
    project: { anyOf: [{ type: 'string', minLength: 1 }, { type: 'object' }] },
    scenarios: { type: 'array', items: scenarioSchema },
  },
} as const;
