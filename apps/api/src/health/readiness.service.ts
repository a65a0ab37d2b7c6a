import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { pingDatabase } from '@app/persistence';
import { TemporalGateway } from '../temporal/temporal.gateway';

export type DependencyStatus = { status: 'up' } | { status: 'down'; error: string };

export interface Readiness {
  ready: boolean;
  checks: { postgres: DependencyStatus; temporal: DependencyStatus };
}

/** Each check gets this long, and they run in parallel, so readiness answers within 2 s. */
const CHECK_TIMEOUT_MS = 1_500;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)),
      CHECK_TIMEOUT_MS,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function check(probe: () => Promise<unknown>, what: string): Promise<DependencyStatus> {
  try {
    await withTimeout(probe(), what);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: (error as Error).message };
  }
}

@Injectable()
export class ReadinessService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: TemporalGateway,
  ) {}

  async check(): Promise<Readiness> {
    const [postgres, temporal] = await Promise.all([
      check(() => pingDatabase(this.dataSource), 'PostgreSQL'),
      check(() => this.temporal.ping(CHECK_TIMEOUT_MS - 100), 'Temporal'),
    ]);
    return {
      ready: postgres.status === 'up' && temporal.status === 'up',
      checks: { postgres, temporal },
    };
  }
}
