/**
 * The methods each registered path is served with, so that a request for a known path with another method is
 * answered 405 with `Allow` rather than 404. Paths are matched as the router matches them: a `:param` is one
 * segment, a `*` the rest, and a trailing slash is ignored.
 */
export class RouteMethods {
  readonly #routes: { pattern: RegExp; methods: Set<string> }[] = [];

  add(method: string | string[], url: string): void {
    const source = url
      .replace(/\/+$/, '')
      .split('/')
      .map((segment) =>
        segment === '*' ? '.*' : segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('/');
    const pattern = new RegExp(`^${source}/?$`);
    let route = this.#routes.find((known) => known.pattern.source === pattern.source);
    if (!route) {
      route = { pattern, methods: new Set() };
      this.#routes.push(route);
    }
    for (const one of Array.isArray(method) ? method : [method]) route.methods.add(one.toUpperCase());
  }

  /** The methods the path of `url` is served with, sorted; none for a path no route serves. */
  of(url: string): string[] {
    const path = url.split('?')[0] ?? url;
    const methods = new Set<string>();
    for (const route of this.#routes) {
      if (route.pattern.test(path)) for (const method of route.methods) methods.add(method);
    }
    return [...methods].sort();
  }
}
