import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { InvalidConfigError, loadConfig } from '@app/config';
import { DEMO_PASSWORD } from '../seed/demo-data';
import { DemoDataSeeder } from '../seed/demo-data.seeder';
import { SeedAppModule } from '../seed/seed-app.module';

/**
 * `npm run seed`: demo people, mentors and a dozen projects in every stage, created through
 * the API's services against the running worker. Running it again creates nothing twice.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(SeedAppModule.forConfig(config), {
    logger: ['error', 'warn'],
  });
  try {
    const report = await app.get(DemoDataSeeder).seed();
    for (const project of report.projects)
      console.log(`  ${project.stage.padEnd(20)} ${project.projectId}`);
    console.log(
      `Demo data ready. Sign in (POST /auth/sessions) as any of: ${report.signIn.join(', ')} ` +
        `with the password "${DEMO_PASSWORD}".`,
    );
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof InvalidConfigError ? error.message : error);
  process.exit(1);
});
