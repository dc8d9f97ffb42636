"""What readers are served from caches, and how a change makes it stale at once:
the publish generation, the page cache, template fragments, remembered routes
and the CDN purge.

The page cache for anonymous readers:

Written by hand because wagtail-cache, the usual library, does not support Wagtail 8
(it requires wagtail<8), and Django's per-site cache cannot be invalidated on
publish.

- Only anonymous GET/HEAD requests without a session or CSRF cookie are served from
  or stored in the cache, so editors, previews and the admin never are.
- Each entry records the site-wide *generation* it was made in. Publishing,
  unpublishing, moving or deleting a page, and saving a snippet or setting that
  pages show, bumps the generation (one cache write), so no reader ever gets a stale
  menu, listing, feed, sitemap or search result. A lookup fetches the generation
  and the entry in one round trip.
- Press release pages, the bulk of the site, are the exception (``scopes``): their
  entries record what they show (the release, and the areas, projects and tags
  that pick their related news, and the snippets they show), and a release's
  publish, or a snippet's change, makes stale only the release pages that show
  it, or showed it, plus every other page. A snippet's draft (an autosave)
  makes nothing stale.
- An entry is stored under the generation its request read *before* it read the
  database, and a change inside a transaction bumps the generation again once the
  transaction commits: a reader who rendered the old page while a publish was
  still uncommitted stores it under a generation that is already gone.
- Cacheable responses get Cache-Control, ETag and Last-Modified, so a CDN or reverse
  proxy can cache too; conditional requests get 304.
- The middleware is the outermost one, so an entry holds every header the site
  adds (security headers included) and a hit runs no other middleware. In
  production, cms.wsgi serves hits before Django builds a request at all.
"""
