import type { Readiness } from './readiness.service';

/** The process answers HTTP. */
export interface Liveness {
  status: 'ok';
}

/** Readiness as answered: each dependency's status and a sentence naming what is down. */
export interface ReadinessAnswer extends Readiness {
  message: string;
}
