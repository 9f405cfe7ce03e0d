import { z } from 'zod';

/** A hypermedia link, as v2 puts them on every task and list (`{rel, href, method}`, root-relative hrefs). */
export const LinkSchema = z.object({
  rel: z.string(),
  href: z.string(),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
});
export type Link = z.infer<typeof LinkSchema>;

export const link = (rel: string, href: string, method: Link['method'] = 'GET'): Link => ({
  rel,
  href,
  method,
});
