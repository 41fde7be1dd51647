// Hash routes: #/ (list), #/new, #/app/ID, #/app/ID/edit, #/company/ID, #/settings.

const routes = [];

/** Registers a view for a pattern such as /app/:id. */
export function route(pattern, view) {
  const re = new RegExp(`^${pattern.replace(/:(\w+)/g, '(\\d+)')}$`);
  routes.push({ re, view });
}

/** Navigates to a hash; re-renders even when the hash is unchanged. */
export function go(hash) {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}

/** Finds the view for the current hash and the numbers in it. */
export function resolve() {
  const path = location.hash.replace(/^#/, '') || '/';
  for (const { re, view } of routes) {
    const m = path.match(re);
    if (m) return { view, args: m.slice(1).map(Number) };
  }
  return { view: routes[0].view, args: [] };
}
