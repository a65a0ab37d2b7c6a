import { Global, Module } from '@nestjs/common';
import { ApiMetrics } from './api-metrics';
import { MetricsServer } from './metrics-server';

/** Global, so any feature can count into the API's registry. */
@Global()
@Module({ providers: [ApiMetrics, MetricsServer], exports: [ApiMetrics, MetricsServer] })
export class MetricsModule {}
