"""The public read API (/api/v1/): live, public content in both languages, for
the municipalities, apps and intranets that reuse the region's news.

`public` says what may get out, `shapes` builds each resource in both languages,
`schemas` holds the response models (each in a both-languages and a
one-language form), `views` the endpoints, `http` the rate limit, CORS and
conditional GET around them. See docs/api.md.
"""
