import { IsOptional, Matches } from 'class-validator';

export class HistoryQuery {
  /** One run's id: answers with that run's history alone (the SDK's JSON, replayable as is). */
  @IsOptional()
  @Matches(/^[0-9a-f-]{36}$/i, { message: 'run must be a run id (a uuid)' })
  run?: string;
}
