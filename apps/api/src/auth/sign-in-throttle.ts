import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';

interface Track {
  /** Times of the wrong attempts still inside the window, oldest first. */
  failures: number[];
  lockedUntil: number;
  /** Lockouts so far: each next one lasts twice as long. */
  lockouts: number;
}

export interface Lockout {
  key: 'username' | 'address';
  seconds: number;
}

/** A sign-in refused because its user name or address is locked out for now. */
export class SignInLockedException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        message: `too many wrong sign-ins: try again in ${retryAfterSeconds} s`,
        rule: 'sign-in-lockout',
        retryAfterSeconds,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/**
 * Counts wrong sign-ins per user name and per address and locks either out for a while once
 * they pass the configured thresholds, doubling each next lockout up to a maximum. It lives in
 * the API process (one API per deployment here); a success forgets the name's failures.
 */
@Injectable()
export class SignInThrottle {
  private readonly tracks = new Map<string, Track>();

  constructor(private readonly config: AppConfig) {}

  /** Seconds until the name or address may try again, or 0. */
  retryAfter(username: string, address: string, now = Date.now()): number {
    const until = Math.max(
      this.tracks.get(userKey(username))?.lockedUntil ?? 0,
      this.tracks.get(addressKey(address))?.lockedUntil ?? 0,
    );
    return until > now ? Math.ceil((until - now) / 1000) : 0;
  }

  /** Counts a wrong attempt; answers the lockouts it engaged. */
  failed(username: string, address: string, now = Date.now()): Lockout[] {
    const engaged: Lockout[] = [];
    const limits: [string, Lockout['key'], number][] = [
      [userKey(username), 'username', this.config.SIGN_IN_MAX_FAILURES],
      [addressKey(address), 'address', this.config.SIGN_IN_MAX_FAILURES_PER_ADDRESS],
    ];
    for (const [key, kind, limit] of limits) {
      const track = this.tracks.get(key) ?? { failures: [], lockedUntil: 0, lockouts: 0 };
      const windowStart = now - this.config.SIGN_IN_FAILURE_WINDOW_SECONDS * 1000;
      track.failures = [...track.failures.filter((at) => at > windowStart), now];
      if (track.failures.length >= limit) {
        const seconds = Math.min(
          this.config.SIGN_IN_LOCKOUT_SECONDS * 2 ** track.lockouts,
          this.config.SIGN_IN_LOCKOUT_MAX_SECONDS,
        );
        track.lockedUntil = now + seconds * 1000;
        track.lockouts += 1;
        track.failures = [];
        engaged.push({ key: kind, seconds });
      }
      this.tracks.set(key, track);
    }
    this.forgetStale(now);
    return engaged;
  }

  /** A right password: the name's failures are forgotten (its back-off too). */
  succeeded(username: string): void {
    this.tracks.delete(userKey(username));
  }

  private forgetStale(now: number): void {
    if (this.tracks.size < 10_000) return;
    const windowStart = now - this.config.SIGN_IN_FAILURE_WINDOW_SECONDS * 1000;
    for (const [key, track] of this.tracks) {
      if (track.lockedUntil < now && track.failures.every((at) => at <= windowStart)) {
        this.tracks.delete(key);
      }
    }
  }
}

const userKey = (username: string): string => `user:${username.trim().toLowerCase()}`;
const addressKey = (address: string): string => `address:${address}`;
