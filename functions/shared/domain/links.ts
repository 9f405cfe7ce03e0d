/** A hypermedia link, as v2 puts them on every task and list (`{rel, href, method}`, root-relative hrefs). */
export interface Link {
  readonly rel: string;
  readonly href: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
}

export const link = (rel: string, href: string, method: Link['method'] = 'GET'): Link => ({
  rel,
  href,
  method,
});
