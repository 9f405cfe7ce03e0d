import * as z from 'zod/mini';
import '../util/zod-messages';
import type { UserV1 } from './response-schemas';

/** Auth request bodies; strict like every body. */
export const EmailSchema = z
  .pipe(
    z.string().check(z.trim(), z.maxLength(254, 'must be at most 254 characters')),
    z.pipe(
      z.email('must be an email address'),
      z.transform((email) => email.toLowerCase()),
    ),
  )
  .check(z.meta({ format: 'email' }));
export const PasswordSchema = z
  .string()
  .check(
    z.minLength(8, 'must be at least 8 characters'),
    z.maxLength(128, 'must be at most 128 characters'),
    z.meta({ format: 'password' }),
  );

export const RegisterBodySchema = z.strictObject({
  email: EmailSchema,
  password: PasswordSchema,
  name: z.optional(
    z.nullable(
      z
        .string()
        .check(
          z.trim(),
          z.minLength(1, 'must not be empty'),
          z.maxLength(100, 'must be at most 100 characters'),
        ),
    ),
  ),
});

/** Login checks nothing but presence and size: any other rule would tell an attacker which emails exist. */
export const LoginBodySchema = z.strictObject({
  email: z
    .string()
    .check(
      z.minLength(1, 'is required'),
      z.maxLength(254, 'must be at most 254 characters'),
      z.meta({ format: 'email' }),
    ),
  password: z
    .string()
    .check(
      z.minLength(1, 'is required'),
      z.maxLength(128, 'must be at most 128 characters'),
      z.meta({ format: 'password' }),
    ),
});

/** A user as the domain knows it: v1's representation (v2 adds links). */
export type User = UserV1;
