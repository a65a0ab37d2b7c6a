import type { paths } from '../api/schema';

/** What GET /projects/:projectId answers: the full view, a closed project's row, or a summary. */
export type ProjectDetail =
  paths['/projects/{projectId}']['get']['responses'][200]['content']['application/json'];
