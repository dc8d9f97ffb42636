"""Every page type readers see, in Swedish and English (demo content): the
accessibility, page weight and layout tests walk this list."""

PAGES = {
    "home": ("/", "/en/"),
    "news index with filters": (
        "/nyheter/?kind=news&year=2023",
        "/en/news/?kind=news&year=2023",
    ),
    "news archive month": ("/nyheter/2021/08/", "/en/news/2021/08/"),
    "seed press release": (
        "/nyheter/region-blekinge-satsar-pa-lanets-aterhamtning/",
        "/en/news/region-blekinge-invests-in-the-countys-recovery/",
    ),
    "strategy": ("/smart-specialisering/", "/en/smart-specialisation/"),
    "area": ("/smart-specialisering/tech/", "/en/smart-specialisation/tech/"),
    "project index": ("/projekt/?status=ongoing", "/en/projects/?status=ongoing"),
    "project": ("/projekt/kickstart-s3/", "/en/projects/kickstart-s3/"),
    "search results": ("/sok/?q=specialisering", "/en/search/?q=specialisation"),
    "accessibility statement": (
        "/tillganglighetsredogorelse/",
        "/en/accessibility-statement/",
    ),
    "cookie page": ("/kakor/", "/en/cookies/"),
    "404 page": ("/finns-inte/", "/en/does-not-exist/"),
    "only in Swedish": (
        "/nyheter/industriforum-samlade-200-deltagare-i-karlshamn/",
        "/en/news/industriforum-samlade-200-deltagare-i-karlshamn/",
    ),
    "filter error": ("/nyheter/?year=1700", "/en/news/?year=1700"),
    "subscribe": ("/prenumerera/", "/en/subscribe/"),
    "press images": ("/pressbilder/", "/en/press-images/"),
}
