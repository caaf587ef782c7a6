// Service worker of the field app: keeps the app shell on the phone so the app opens without signal.
// Shell files are answered from the cache at once and refreshed in the background (stale-while-revalidate), so a
// new version reaches the phone on the next start. API calls are never cached here: the app keeps its own data in
// IndexedDB and knows when it is offline.
const CACHE = 'jingzhun-m-shell-v6';
const SHELL = [
  './', 'app.css', 'manifest.webmanifest', 'icons/icon-192.png', 'icons/icon-512.png',
  'js/app.js', 'js/api.js', 'js/store.js', 'js/sync.js', 'js/ui.js', 'js/labels.js', 'js/households.js', 'js/visit.js', 'js/outbox.js', 'js/field.js', 'js/signature.js', 'js/jobs.js',
  'js/sampling.js', 'js/doubts.js',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin || !url.pathname.startsWith('/m/')) return;
  // Every page of the app is the one shell (routes live in the URL's #fragment).
  const key = req.mode === 'navigate' ? new URL('./', self.registration.scope).href : req;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const cached = await cache.match(key, { ignoreSearch: true });
    const fresh = fetch(req).then((res) => {
      if (res.ok) cache.put(key, res.clone());
      return res;
    });
    if (cached) {
      event.waitUntil(fresh.catch(() => undefined));
      return cached;
    }
    return fresh;
  })());
});
