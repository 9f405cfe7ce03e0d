import { build } from 'esbuild';
import { join } from 'node:path';
import { esbuildOptions } from '../../lib/config/bundling';

const root = join(__dirname, '..', '..');

/** The packages a function's deployed bundle pulls in (esbuild metafile inputs, by package name). */
async function bundledPackages(entry: string): Promise<Set<string>> {
  const { metafile } = await build({
    ...esbuildOptions(),
    entryPoints: [join(root, entry)],
    outfile: join(root, '.bundle-contents', 'index.js'),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const packages = Object.keys(metafile.inputs).flatMap((input) => {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
    return match?.[1] ? [match[1]] : [];
  });
  return new Set(packages);
}

describe('what the light functions bundle', () => {
  it.each(['functions/health/get.ts', 'functions/docs/openapi.ts', 'functions/docs/page.ts'])(
    '%s loads neither the AWS SDK nor zod (fast cold start)',
    async (entry) => {
      const packages = [...(await bundledPackages(entry))];
      expect(packages.filter((name) => name.startsWith('@aws-sdk/') || name === 'zod')).toEqual([]);
    },
  );

  it('the authorizer verifies tokens without the DynamoDB client', async () => {
    const packages = await bundledPackages('functions/auth/authorizer.ts');
    expect(packages.has('@aws-sdk/client-dynamodb')).toBe(false);
    expect(packages.has('jose')).toBe(true);
  });
});
