export * from './app-config';
export * from './config.module';
export * from './audit-signing-keys';
export * from './payload-keys';
