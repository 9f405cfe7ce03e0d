import type { Link } from './response-schemas';

/** A hypermedia link, as v2 puts them on every task and list (`{rel, href, method}`, root-relative hrefs). */
export const link = (rel: Link['rel'], href: string, method: Link['method'] = 'GET'): Link => ({
  rel,
  href,
  method,
});
