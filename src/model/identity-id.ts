/**
 * The default identity id (decision #16): `<region>:` + a UUID derived from the pool id, the login
 * and the token's `sub`, so the same user gets the same id on every run and policy variables like
 * `${cognito-identity.amazonaws.com:sub}` resolve to something stable.
 */
import { createHash } from 'node:crypto';

export function defaultIdentityId(region: string, poolId: string, login: string | undefined, sub: string | undefined): string {
  const hex = createHash('sha256')
    .update([poolId, login ?? '', sub ?? ''].join('\n'))
    .digest('hex');
  // Shape it as an RFC 4122 name-based UUID (version 5 bits, variant 10xx) so it reads like a real one.
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  return `${region}:${uuid}`;
}
