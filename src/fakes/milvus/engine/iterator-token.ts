/**
 * Search iterator cursors. The fake's `search_iter_id` is the last returned hit's (score, primary key),
 * so each page resumes exactly after it (exact-search.ts `afterCursor`); the real server's token is an
 * opaque id the SDK only echoes back, so the spelling is the fake's own. A token that is not one of
 * ours (a first page's, or a real server's) starts from the top, as an absent one does.
 */
import type { PrimaryKey } from '../storage/table.js';
import type { Hit } from './topk.js';

const PREFIX = 'fake-iter:';

export function decodeToken(token: unknown): { score: number; pk?: PrimaryKey } | undefined {
  if (typeof token !== 'string' || !token.startsWith(PREFIX)) return undefined;
  try {
    const [score, kind, pk] = JSON.parse(Buffer.from(token.slice(PREFIX.length), 'base64url').toString('utf8')) as [number, string, string];
    return { score, pk: kind === 'i' ? BigInt(pk) : pk };
  } catch {
    return undefined;
  }
}

export function encodeToken(hit: Hit): string {
  const body = JSON.stringify([hit.score, typeof hit.pk === 'bigint' ? 'i' : 's', String(hit.pk)]);
  return `${PREFIX}${Buffer.from(body, 'utf8').toString('base64url')}`;
}
