const STORAGE_KEY = 'lakehouse.apiKey';

/**
 * Splits `key=...` out of a URL fragment. The key travels in the fragment because browsers never send the
 * fragment to the server, so it stays out of access logs and proxies. Accepts `#key=K`, `#/alerts?key=K`,
 * `#/fleet&key=K`; returns the fragment without it.
 */
export function takeKeyFromFragment(hash: string): {
  readonly key: string | undefined;
  readonly rest: string;
} {
  const match = /(^#|[?&])key=([^&]*)/.exec(hash);
  if (match === null) return { key: undefined, rest: hash };
  const key = decodeURIComponent(match[2] ?? '').trim();
  const prefix = match[1] === '#' ? '#' : match[1] === '?' ? '?' : '';
  let rest =
    hash.slice(0, match.index) + prefix + hash.slice(match.index + match[0].length).replace(/^&/, '');
  rest = rest.replace(/[?&]$/, '');
  if (rest === '#') rest = '';
  return { key: key === '' ? undefined : key, rest };
}

/** The API key for this tab: from the fragment (then removed from the address bar) or sessionStorage. */
export function readApiKey(): string | undefined {
  const { key, rest } = takeKeyFromFragment(window.location.hash);
  if (key !== undefined) {
    storeApiKey(key);
    history.replaceState(null, '', `${window.location.pathname}${window.location.search}${rest}`);
    return key;
  }
  return sessionStorage.getItem(STORAGE_KEY) ?? undefined;
}

/** Keeps the key for this tab only (sessionStorage is cleared when the tab closes). */
export function storeApiKey(key: string): void {
  sessionStorage.setItem(STORAGE_KEY, key);
}

/** Forgets the key (sign out, or after the API refused it). */
export function forgetApiKey(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}
