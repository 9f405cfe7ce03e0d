import type { ApiRequest } from '../shared/http/api-context';
import { httpHandler } from '../shared/http/http-handler';
import { REFERENCE_PAGE_CSP, renderReferencePage } from '../shared/http/reference-page';
import { text, type ApiResponse } from '../shared/http/response';
import { referencePageContract } from './page.contract';

/** The reference page, its asset URLs built from the path it was called at (stage or base path included). */
function referencePage({ event, version }: ApiRequest<typeof referencePageContract>): Promise<ApiResponse> {
  return Promise.resolve(
    text(200, renderReferencePage(version, event.requestContext.path), 'text/html', {
      'Content-Security-Policy': REFERENCE_PAGE_CSP,
    }),
  );
}

export const handler = httpHandler(referencePageContract, referencePage);
