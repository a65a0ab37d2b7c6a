export * from './project.workflow';
