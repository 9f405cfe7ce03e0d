/** `api.auth` and `api.users`: sign up, log in (the client keeps the token), log out, who am I. */
import type { AccessToken, Credentials, RegisteredUser, Registration } from './api-types.ts';
import { ProblemError } from './errors.ts';
import { withResponse, type RequestOptions, type Transport, type WithResponse } from './transport.ts';

export class Auth {
  constructor(private readonly transport: Transport) {}

  /** The bearer token the client sends, if any. */
  get token(): string | undefined {
    return this.transport.accessToken;
  }

  /** Uses this bearer token from now on (undefined forgets it). */
  setToken(token: string | undefined): void {
    this.transport.accessToken = token;
  }

  /** `POST /auth/register` → the new user. A taken email is a `ProblemError` 409 (`email-taken`). */
  async register(
    registration: Registration,
    options?: RequestOptions,
  ): Promise<WithResponse<RegisteredUser>> {
    return withResponse(
      await this.transport.send<RegisteredUser>({
        method: 'POST',
        path: '/auth/register',
        body: registration,
        auth: false,
        repeatable: false,
        options,
      }),
    );
  }

  /** `POST /auth/login`; the client keeps the access token and sends it on every later call. */
  async login(credentials: Credentials, options?: RequestOptions): Promise<WithResponse<AccessToken>> {
    const token = withResponse(
      await this.transport.send<AccessToken>({
        method: 'POST',
        path: '/auth/login',
        body: credentials,
        auth: false,
        repeatable: false,
        options,
      }),
    );
    this.transport.accessToken = token.access_token;
    return token;
  }

  /**
   * `POST /auth/logout`: the API revokes every token of the user issued so far. The client forgets its
   * token whatever the outcome; a `401` (the token was no longer valid) counts as logged out, any other
   * error is thrown, since the token may still be valid on the server.
   */
  async logout(options?: RequestOptions): Promise<void> {
    try {
      await this.transport.send<undefined>({
        method: 'POST',
        path: '/auth/logout',
        auth: true,
        repeatable: false,
        options,
      });
    } catch (error) {
      if (!(error instanceof ProblemError && error.status === 401)) throw error;
    } finally {
      this.transport.accessToken = undefined;
    }
  }
}

/** `api.users`, typed by version (`User` in v2 carries links). */
export class Users<TUser> {
  constructor(private readonly transport: Transport) {}

  /** `GET /users/me`: the user the token belongs to. */
  async me(options?: RequestOptions): Promise<WithResponse<TUser>> {
    return withResponse(
      await this.transport.send<TUser & object>({
        method: 'GET',
        path: '/users/me',
        auth: true,
        repeatable: true,
        options,
      }),
    );
  }
}
