import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { AppModule } from '../app.module';
import { SeedModule } from './seed.module';

/** The API's modules without HTTP, plus the demo-data seeder. */
@Module({})
export class SeedAppModule {
  static forConfig(config: AppConfig): DynamicModule {
    return { module: SeedAppModule, imports: [AppModule.forConfig(config), SeedModule] };
  }
}
