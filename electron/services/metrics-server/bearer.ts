// Off loopback, /metrics and /api/ need `Authorization: Bearer <token>`. Both sides are hashed
// first so timingSafeEqual compares equal lengths and the token's length does not leak either.
import { createHash, timingSafeEqual } from 'node:crypto';

export type BearerCheck = (authorization: string | undefined) => boolean;

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

export function createBearerCheck(token: string): BearerCheck {
  const expected = digest(token);
  return (authorization) => {
    if (authorization === undefined || authorization.length < 8) return false;
    // The scheme is case-insensitive (RFC 9110 §11.1); the token is not.
    if (authorization.slice(0, 7).toLowerCase() !== 'bearer ') return false;
    return timingSafeEqual(digest(authorization.slice(7).trim()), expected);
  };
}
