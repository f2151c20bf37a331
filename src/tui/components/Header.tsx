/** The top line: the project, the identity pool (and the infrastructure code it is read from), and the login provider of the selected user. */
import { Box, Text } from 'ink';
import { displayPath } from '../../text/display-path.js';
import type { Project } from '../../model/types.js';

export interface HeaderProps {
  projectFile: string;
  project?: Project;
  login: string;
  width: number;
}

export function Header({ projectFile, project, login, width }: HeaderProps) {
  const pool = project?.identityPool;
  // Most important first: on a narrow terminal the pool id is what gets cut.
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate">
        <Text bold color="cyan">
          keycard
        </Text>
        <Text dimColor> │ </Text>
        {displayPath(projectFile)}
        <Text dimColor> │ pool </Text>
        {pool ? (pool.IdentityPoolName ?? 'unnamed') : '(project does not load)'}
        {project?.imports ? <Text dimColor> │ from </Text> : null}
        {project?.imports ? project.imports.sources.join(', ') : null}
        <Text dimColor> │ login </Text>
        <Text bold>{login}</Text>
        {pool ? <Text dimColor> │ {pool.IdentityPoolId}</Text> : null}
      </Text>
    </Box>
  );
}
