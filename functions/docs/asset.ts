import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tagsMatchWeakly } from '../shared/domain/etag';
import type { ApiRequest } from '../shared/http/api-context';
import { httpHandler } from '../shared/http/http-handler';
import { REFERENCE_ASSETS, type ReferenceAssetName } from '../shared/http/reference-page';
import { notModified, text, type ApiResponse } from '../shared/http/response';
import { referenceAssetContract } from './asset.contract';

interface LoadedAsset {
  readonly body: string;
  readonly etag: string;
}

const loaded = new Map<ReferenceAssetName, LoadedAsset>();

/**
 * Reads a file once per cold start, on its first request. `require.resolve` finds it in node_modules
 * locally, and on Lambda beside the bundle, where the stack copies it (the contract's `runtimeFiles`).
 */
function load(name: ReferenceAssetName): LoadedAsset {
  let asset = loaded.get(name);
  if (!asset) {
    const { package: pkg, file } = REFERENCE_ASSETS[name];
    const body = readFileSync(require.resolve(`${pkg}/${file}`), 'utf8');
    asset = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
    loaded.set(name, asset);
  }
  return asset;
}

/** 200 with the file and its ETag, or 304 when If-None-Match names it. */
function referenceAsset({
  params,
  headers,
}: ApiRequest<typeof referenceAssetContract>): Promise<ApiResponse> {
  const asset = load(params.asset);
  const noneMatch = headers['If-None-Match'];
  if (noneMatch !== undefined && tagsMatchWeakly(noneMatch, asset.etag))
    return Promise.resolve(notModified(asset.etag));
  return Promise.resolve(
    text(200, asset.body, REFERENCE_ASSETS[params.asset].mediaType, { ETag: asset.etag }),
  );
}

export const handler = httpHandler(referenceAssetContract, referenceAsset);
