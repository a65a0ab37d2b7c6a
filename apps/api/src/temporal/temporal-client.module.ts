import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection, makeGrpcRetryInterceptor } from '@temporalio/client';
import { AppConfig } from '@app/config';
import { temporalConnectionOptions, temporalDataConverter } from '@app/temporal-connection';
import { GrpcRetryTracker } from './grpc-retry.tracker';
import { TemporalGateway } from './temporal.gateway';
import { TEMPORAL_CONNECTION } from './temporal.tokens';

/**
 * The API's Temporal client on a lazy connection: the API boots and answers 503 while Temporal
 * is down, instead of failing to start. Every call goes through TemporalGateway's deadline.
 */
@Global()
@Module({
  providers: [
    GrpcRetryTracker,
    {
      provide: TEMPORAL_CONNECTION,
      inject: [AppConfig, GrpcRetryTracker],
      useFactory: (config: AppConfig, retries: GrpcRetryTracker): Connection =>
        Connection.lazy({
          ...temporalConnectionOptions(config),
          interceptors: [makeGrpcRetryInterceptor(retries.options())],
        }),
    },
    {
      provide: Client,
      inject: [TEMPORAL_CONNECTION, AppConfig],
      useFactory: (connection: Connection, config: AppConfig): Client =>
        new Client({
          connection,
          namespace: config.TEMPORAL_NAMESPACE,
          dataConverter: temporalDataConverter(config),
        }),
    },
    TemporalGateway,
  ],
  exports: [Client, TEMPORAL_CONNECTION, TemporalGateway],
})
export class TemporalClientModule implements OnApplicationShutdown {
  constructor(
    @Inject(TEMPORAL_CONNECTION) private readonly connection: Connection,
    private readonly retries: GrpcRetryTracker,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.retries.drain();
    await this.connection.close();
  }
}
