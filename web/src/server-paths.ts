// Paths the Stadtkern server answers itself (APIs, documentation, probes).
// Links to them must be real page loads, never handled by the app's router,
// and in development they are proxied to a running server.
// See docs: DESIGN.md "API paths". Note: "/opendata" alone is the app's
// open-data area, "/opendata/..." belongs to the server (DCAT-AP.de).
export const SERVER_PATH_PREFIXES = [
  '/api/',
  '/ngsi-ld/',
  '/opendata/',
  '/open311/',
  '/health',
  '/ready',
  '/metrics',
] as const;

export function isServerPath(href: string): boolean {
  return SERVER_PATH_PREFIXES.some((p) =>
    p.endsWith('/') ? href.startsWith(p) : href === p || href.startsWith(p + '?') || href.startsWith(p + '/'),
  );
}

// For preact-iso's LocationProvider: the links the app routes itself.
// Only root-relative links that are not server paths and have no file
// extension (e.g. /api/openapi.json, /favicon.svg) are handled client-side.
export const APP_LINK_SCOPE = {
  test(href: string): boolean {
    if (!href.startsWith('/') || href.startsWith('//')) return false;
    if (isServerPath(href)) return false;
    const path = href.split(/[?#]/, 1)[0] ?? '';
    const last = path.slice(path.lastIndexOf('/') + 1);
    return !last.includes('.');
  },
} as unknown as RegExp; // preact-iso only calls scope.test(href)
