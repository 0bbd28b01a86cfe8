// service-worker.js — makes the page work offline after its first visit: it keeps every file of the
// site in one cache and answers the page's requests from it (cache first, the network for anything
// else). The build (web/precache.cmake) writes PRECACHE below: the site's files and a hash of their
// contents, which names the cache, so a new build is a new service worker whose cache replaces the
// old one. It does not cache what the page fetches from elsewhere, nor anything but GET requests.
'use strict';
const PRECACHE = null;  // the build writes {version, files} here (web/precache.cmake)
// Caches are per origin: the scope in the name keeps two copies of the site in different folders apart.
const PREFIX = 'neurostep ' + self.registration.scope + ' ';
const CACHE = PREFIX + PRECACHE.version;

self.addEventListener('install', (event) => {
  // 'no-cache': the files of this build, not older ones the browser's HTTP cache may still hold
  const requests = PRECACHE.files.map((f) => new Request(f, {cache: 'no-cache'}));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  const old = (names) => names.filter((n) => n.startsWith(PREFIX) && n !== CACHE);
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(old(names).map((n) => caches.delete(n))))
    .then(() => self.clients.claim()));
});

// The site's folder itself (a navigation to …/site/) is its index.html.
function cacheKey(request) {
  return request.mode === 'navigate' && request.url.split(/[?#]/)[0] === self.registration.scope ? 'index.html' : request;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(caches.open(CACHE)
    .then((cache) => cache.match(cacheKey(request), {ignoreSearch: true}))
    .then((hit) => hit || fetch(request)));
});
