import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { env } from '../config/env';

/**
 * Password hashing with scrypt (memory-hard, in Node's standard library: no native addon to build), at the
 * OWASP Password Storage Cheat Sheet's parameters: N=2^17, r=8, p=1 (128 MiB per hash: it fits the
 * functions' 512 MB). Stored as `scrypt$N$r$p$salt$hash`, so the cost can be raised later: a hash made with
 * other parameters still verifies, and login re-hashes it.
 */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** Today's parameters: N from the configuration (2^17 unless a test lowers it), r=8, p=1. */
export const scryptParams = (): ScryptParams => ({ N: 2 ** env().SCRYPT_LOG2_N, r: 8, p: 1 });

const KEY_LENGTH = 32;
/** What a stored hash may ask for: a corrupted record must not make the function allocate gigabytes. */
const LIMITS = { N: 2 ** 20, r: 16, p: 4 };

function scrypt(password: string, salt: Buffer, options: ScryptParams): Promise<Buffer> {
  // scrypt needs about 128·N·r bytes; Node refuses above `maxmem`.
  const scryptOptions: ScryptOptions = { ...options, maxmem: 2 * 128 * options.N * options.r };
  return new Promise((resolve, reject) =>
    scryptCallback(password, salt, KEY_LENGTH, scryptOptions, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** A new salted hash of the password, at today's parameters (or others, for tests of re-hashing). */
export async function hashPassword(password: string, params: ScryptParams = scryptParams()): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, params);
  return [
    'scrypt',
    params.N,
    params.r,
    params.p,
    salt.toString('base64url'),
    hash.toString('base64url'),
  ].join('$');
}

/** The parameters a stored hash was made with, or undefined when it is not an scrypt hash of ours. */
function parse(stored: string) {
  const [scheme, N, r, p, salt, hash] = stored.split('$');
  const params = { N: Number(N), r: Number(r), p: Number(p) };
  const sane = (Object.keys(LIMITS) as (keyof ScryptParams)[]).every(
    (name) => Number.isSafeInteger(params[name]) && params[name] >= 1 && params[name] <= LIMITS[name],
  );
  if (scheme !== 'scrypt' || !salt || !hash || !sane) return undefined;
  return { params, salt: Buffer.from(salt, 'base64url'), hash: Buffer.from(hash, 'base64url') };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const actual = await scrypt(password, parsed.salt, parsed.params);
  return actual.length === parsed.hash.length && timingSafeEqual(actual, parsed.hash);
}

/** Whether a stored hash was made with other parameters than today's (login then stores a new one). */
export function needsRehash(stored: string): boolean {
  const params = parse(stored)?.params;
  const today = scryptParams();
  return !params || params.N !== today.N || params.r !== today.r || params.p !== today.p;
}

/**
 * A real hash of a random password, computed once: login verifies against it when the email is unknown,
 * so "no such user" and "wrong password" take the same time.
 */
let decoy: Promise<string> | undefined;
export const decoyHash = (): Promise<string> => (decoy ??= hashPassword(randomBytes(16).toString('hex')));
