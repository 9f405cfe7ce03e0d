/**
 * A stand-in for a Node.js built-in module that loads the real one on the first property read: what the
 * deployed bundles get, through esbuild's `alias` (lib/config/bundling.ts), for built-ins a dependency
 * imports at load but uses only on a path our functions never take (docs/PERFORMANCE.md, section 5c).
 *
 * Why the shape: esbuild's CommonJS interop (`__toESM`) copies a module's OWN property names onto the
 * namespace it builds, reads `__esModule`, and gives that namespace the module's PROTOTYPE; named imports
 * become property reads at the point of use. So the stand-in has no own properties but an `__esModule`
 * (undefined, as on a real built-in), and a prototype that is a proxy loading the built-in on first read:
 * importing it costs nothing, and any export, whatever its name, is the real one once read.
 *
 * `process.getBuiltinModule` (Node.js ≥ 20.16 and 22.3) rather than `require`: the bundle's `require` of
 * the aliased name would resolve to this very stand-in.
 */
export function lazyBuiltin(id: string): object {
  let real: object | undefined;
  const load = (): object => {
    real ??= process.getBuiltinModule(id);
    if (real === undefined) throw new Error(`No built-in module ${id}`);
    return real;
  };
  const loadOnFirstRead = new Proxy(Object.create(null) as object, {
    get: (_target, key) => Reflect.get(load(), key) as unknown,
    has: (_target, key) => Reflect.has(load(), key),
  });
  return Object.create(loadOnFirstRead, { __esModule: { value: undefined } }) as object;
}
