import { randomUUID } from 'node:crypto';
import { hashPassword, scryptParams } from '../functions/shared/auth/passwords';
import { handlers } from './handlers';
import { call, prepareCall, expectStatus } from './invoke';
import { requests } from './routes';
import { summarize, timed, type Summary } from './stats';
import { printTable } from './table';

/** Logins measured: each is about a second of one core at the production parameters. */
const LOGINS = 15;

export interface LoginResults {
  /** The hash parameters measured (the production ones: the bench does not lower N as the tests do). */
  params: { N: number; r: number; p: number };
  /** scrypt alone, the floor of a login: wall ms. */
  hash: Summary;
  /** A whole login through the real handler (rate limit, GetItem, scrypt, token): wall ms. */
  login: Summary;
  /** CPU ms of one login (this process, the thread pool's scrypt included), median. */
  loginCpuMs: Summary;
}

/**
 * Section 2b: what the password hashing costs a user at login, with the parameters production uses
 * (scrypt N=2^17, r=8, p=1): scrypt alone beside the whole login handler, one call at a time.
 */
export async function measureLogin(): Promise<LoginResults> {
  const email = `bench-login-${randomUUID()}@example.com`;
  const password = 'bench-password-123';
  await call(handlers.register, { ...requests.register(email, password), sourceIp: '198.51.100.90' }, 201);

  const hashMs: number[] = [];
  const loginMs: number[] = [];
  const loginCpu: number[] = [];
  for (let i = 0; i < LOGINS; i++) {
    hashMs.push((await timed(() => hashPassword(password))).ms);
    // A fresh address per login: the per-IP limit of the auth routes is not what is measured.
    const login = prepareCall(handlers.login, {
      ...requests.login(email, password),
      sourceIp: `198.51.101.${i}`,
    });
    const cpu = process.cpuUsage();
    const { ms, result } = await timed(login);
    const used = process.cpuUsage(cpu);
    expectStatus(result, 200);
    loginMs.push(ms);
    loginCpu.push((used.user + used.system) / 1000);
  }
  return {
    params: scryptParams(),
    hash: summarize(hashMs),
    login: summarize(loginMs),
    loginCpuMs: summarize(loginCpu),
  };
}

export function printLogin(results: LoginResults): void {
  const { N, r, p } = results.params;
  printTable(
    `2b. Login with the production password hash (scrypt N=2^${Math.log2(N)}, r=${r}, p=${p}), ${results.login.n} logins one at a time, ms`,
    ['measure', 'p50', 'p90', 'mean'],
    [
      ['scrypt hash alone (wall)', results.hash.p50, results.hash.p90, results.hash.mean],
      ['POST /auth/login handler (wall)', results.login.p50, results.login.p90, results.login.mean],
      [
        'POST /auth/login handler (CPU)',
        results.loginCpuMs.p50,
        results.loginCpuMs.p90,
        results.loginCpuMs.mean,
      ],
    ],
    0,
  );
}
