// What clients (the API, tests, tools) import from the workflow library. The worker loads the
// workflow functions through the bundle built from index.ts.
export * from './activities.types';
export * from './decision-updates';
export * from './project-workflow.types';
export * from './project-snapshot';
export * from './project-start';
export * from './search-attributes';
export { projectWorkflow, stateQuery } from './project.workflow';
