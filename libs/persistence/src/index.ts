export * from './database-roles';
export * from './data-source.factory';
export * from './entities';
export * from './migrations';
export * from './run-migrations';
export * from './audit/audit-entry.canonical';
export * from './audit/audit-chain.verifier';
