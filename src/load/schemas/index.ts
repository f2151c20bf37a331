/** Every JSON Schema of keycard by name: the names the build's precompiled validators use. */
import { projectSchema, sectionSchemas } from './project.schema.js';
import { scenarioFileSchema } from './scenario.schema.js';

export const SCHEMAS: Record<string, object> = {
  project: projectSchema,
  scenarioFile: scenarioFileSchema,
  identityPool: sectionSchemas.identityPool,
  identityPoolRoles: sectionSchemas.identityPoolRoles,
  principalTags: sectionSchemas.principalTags,
  userPoolGroups: sectionSchemas.userPoolGroups,
  iam: sectionSchemas.iam,
};
