"""Demo content: the site, its home page and the site-wide pages."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings

from wagtail.models import Page, Site

from cms.demo import ensure_page
from cms.site_settings import SiteSettings

from .models import AccessibilityStatementPage, CookiePage, HomePage

ORDER = 20


def _home() -> HomePage:
    root = Page.get_first_root_node()
    # Replace Wagtail's "Welcome to your new Wagtail site!" placeholder page.
    for placeholder in root.get_children().filter(
        content_type__app_label="wagtailcore", content_type__model="page"
    ):
        placeholder.delete()
    home = ensure_page(
        root,
        HomePage,
        "hem",
        slug_en="home",
        title_sv="Nyheter och strategi för ett starkare Blekinge",
        title_en="News and strategy for a stronger Blekinge",
        seo_title_sv="Region Blekinge – nyhetsrum och smart specialisering",
        seo_title_en="Region Blekinge – newsroom and smart specialisation",
        intro_sv=(
            "Här hittar du Region Blekinges pressmeddelanden och nyheter, länets smarta "
            "specialiseringsstrategi och projekten som förverkligar den."
        ),
        intro_en=(
            "Region Blekinge's press releases and news, the county's smart "
            "specialisation strategy and the projects that put it into practice."
        ),
    )
    # The site's address comes from BASE_URL so feeds, sitemaps and emails carry
    # absolute links that work where the site is served.
    address = urlsplit(settings.BASE_URL)
    wanted = {
        "hostname": address.hostname or "localhost",
        "port": address.port or (443 if address.scheme == "https" else 80),
        "root_page_id": home.pk,
        "site_name": "Region Blekinge",
    }
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(is_default_site=True, **wanted)
    elif any(getattr(site, key) != value for key, value in wanted.items()):
        for key, value in wanted.items():
            setattr(site, key, value)
        site.save()
    return home


def load(out) -> None:
    home = _home()
    accessibility = ensure_page(
        home,
        AccessibilityStatementPage,
        "tillganglighetsredogorelse",
        slug_en="accessibility-statement",
        title_sv="Tillgänglighetsredogörelse",
        title_en="Accessibility statement",
        show_in_menus=False,
        organisation="Region Blekinge",
        site_covered="nyhetsrum.example.se",
        intro_sv=(
            "Region Blekinge står bakom den här webbplatsen. Vi vill att så många som "
            "möjligt ska kunna använda den."
        ),
        intro_en=(
            "Region Blekinge runs this website. We want as many people as possible to "
            "be able to use it."
        ),
        compliance_status="partial",
        known_problems_sv=[
            (
                "problem",
                {
                    "problem": (
                        "Äldre pressmeddelanden kan ha bifogade PDF-filer som inte är "
                        "tillgänglighetsanpassade."
                    ),
                    "criterion": "1.3.1 Information och relationer",
                    "reason": (
                        "Filerna publicerades innan lagen gällde och omfattas inte av "
                        "kraven. Vi gör om dem på begäran."
                    ),
                    "fix_by": None,
                },
            ),
            (
                "problem",
                {
                    "problem": (
                        "Videor från YouTube och Vimeo visas i tjänsternas egna "
                        "spelare, som vi inte kan anpassa fullt ut."
                    ),
                    "criterion": "2.1.1 Tangentbord",
                    "reason": (
                        "Spelarna är tredjepartsinnehåll. Vi ger alltid en textversion "
                        "och en länk till videon."
                    ),
                    "fix_by": datetime.date(2027, 6, 30),
                },
            ),
        ],
        known_problems_en=[
            (
                "problem",
                {
                    "problem": (
                        "Older press releases may have attached PDF files that are "
                        "not accessible."
                    ),
                    "criterion": "1.3.1 Info and Relationships",
                    "reason": (
                        "The files were published before the law applied and are "
                        "exempt. We convert them on request."
                    ),
                    "fix_by": None,
                },
            ),
            (
                "problem",
                {
                    "problem": (
                        "Videos from YouTube and Vimeo play in the services' own "
                        "players, which we cannot fully adapt."
                    ),
                    "criterion": "2.1.1 Keyboard",
                    "reason": (
                        "The players are third-party content. We always give a text "
                        "version and a link to the video."
                    ),
                    "fix_by": datetime.date(2027, 6, 30),
                },
            ),
        ],
        method="self",
        method_description_sv=(
            "<p>Vi testar varje sidtyp automatiskt med axe-core i en riktig webbläsare, "
            "på mobil- och datorbredd och på svenska och engelska. Vi går också "
            "igenom sidorna manuellt med tangentbord och skärmläsare.</p>"
        ),
        method_description_en=(
            "<p>We test every page type automatically with axe-core in a real browser, "
            "at phone and desktop widths and in Swedish and English. We also review "
            "the pages by hand with a keyboard and a screen reader.</p>"
        ),
        statement_date=datetime.date(2026, 11, 27),
        last_reviewed=datetime.date(2026, 11, 27),
        contact_email="tillganglighet@example.org",
        contact_phone="0455-73 50 00",
        reply_time_sv="Vi svarar inom fem arbetsdagar.",
        reply_time_en="We reply within five working days.",
    )
    cookies = ensure_page(
        home,
        CookiePage,
        "kakor",
        slug_en="cookies",
        title_sv="Kakor (cookies)",
        title_en="Cookies",
        show_in_menus=False,
        intro_sv=(
            "<p>En kaka är en liten textfil som webbplatsen sparar i din webbläsare. "
            "Vi använder bara de kakor som behövs för att redaktörer ska kunna logga "
            "in.</p>"
        ),
        intro_en=(
            "<p>A cookie is a small text file that a website stores in your browser. "
            "We only use the cookies editors need to log in.</p>"
        ),
    )
    site = Site.objects.get(is_default_site=True)
    site_settings = SiteSettings.for_site(site)
    wanted = {
        "organisation_name": "Region Blekinge",
        "street_address": "Valhallavägen 1, Karlskrona",
        "postal_address": "Region Blekinge, 371 81 Karlskrona",
        "phone": "0455-73 50 00",
        "email": "info@example.org",
        "opening_hours_sv": "Vardagar 8–16",
        "opening_hours_en": "Weekdays 8 am – 4 pm",
        "press_phone": "0455-73 50 50",
        "press_email": "press@example.org",
        "press_hours_sv": "vardagar 8–17",
        "press_hours_en": "weekdays 8 am – 5 pm",
        "accessibility_page_id": accessibility.pk,
        "cookie_page_id": cookies.pk,
    }
    if any(getattr(site_settings, key) != value for key, value in wanted.items()):
        for key, value in wanted.items():
            setattr(site_settings, key, value)
        site_settings.save()
    out.write(f"  home page: {home.url_path_sv} / {home.url_path_en}")
