"""Demo content: the strategy, its three areas, the project index and projects,
partner organisations and the fact box of the seed press release."""

import datetime

from wagtail.models import Site

from cms.demo import ensure_image, ensure_object, ensure_page
from cms.people import Person

from .models import (
    FactBox,
    Organisation,
    ProjectIndexPage,
    ProjectPage,
    SpecialisationAreaPage,
    StrategyPage,
)

ORDER = 30

FACT_BOX_TITLE_SV = "Fakta: Blekinges smarta specialiseringsstrategi"

FACT_BOX_BODY_SV = (
    "<p>Smart specialisering är ett verktyg för regional utveckling som används inom hela EU. Det handlar om att koncentrera insatser till ett fåtal tematiska områden, så kallade specialiseringar.</p>"
    "<p>Syftet med Blekinges smarta specialisering är att bibehålla och stärka produktiviteten samt att möta utmaningar kopplat till vår ogynnsamma branschstruktur och låga sysselsättningsgrad.</p>"
    "<p>Blekinges huvudsakliga specialiseringsområden:</p>"
    "<ul><li>Smart industri – formningsteknologi och marin teknik.</li>"
    "<li>Tech – digitalisering och smartare samhällen.</li>"
    "<li>Missions – arbetet med Klimatutmaningen och Renare hav</li></ul>"
)
FACT_BOX_BODY_EN = (
    "<p>Smart specialisation is a tool for regional development that is used throughout the EU. It is about concentrating efforts on a few thematic areas, known as specialisations.</p>"
    "<p>The purpose of Blekinge's smart specialisation is to maintain and strengthen productivity and to meet the challenges linked to our unfavourable industry structure and low employment rate.</p>"
    "<p>Blekinge's main specialisation areas:</p>"
    "<ul><li>Smart industry – forming technology and marine technology.</li>"
    "<li>Tech – digitalisation and smarter communities.</li>"
    "<li>Missions – work on the climate challenge and cleaner seas</li></ul>"
)

# (Swedish name, English name or "", website)
ORGANISATIONS = [
    (
        "Region Blekinge",
        "Region Blekinge",
        "https://regionblekinge.se",
        "Regionen som leder arbetet med Blekinges smarta specialiseringsstrategi.",
        "The region that leads the work on Blekinge's smart specialisation strategy.",
    ),
    (
        "Blekinge Tekniska högskola",
        "Blekinge Institute of Technology",
        "https://www.bth.se",
        "Teknisk högskola i Karlskrona och Karlshamn.",
        "University of technology in Karlskrona and Karlshamn.",
    ),
    (
        "Almi",
        "Almi",
        "https://www.almi.se",
        "Statligt ägt bolag som ger lån, riskkapital och rådgivning till företag.",
        "State-owned company offering loans, venture capital and advice to businesses.",
    ),
    (
        "Netport Science Park",
        "Netport Science Park",
        "https://www.netport.se",
        "Science park i Karlshamn med fokus på digitalisering och logistik.",
        "Science park in Karlshamn focused on digitalisation and logistics.",
    ),
    (
        "Techtank",
        "Techtank",
        "",
        "Nätverk för teknikföretag i Blekinge.",
        "Network for technology companies in Blekinge.",
    ),
    (
        "Blue Science Park",
        "Blue Science Park",
        "https://www.bluesciencepark.se",
        "Science park i Karlskrona med fokus på marin och maritim utveckling.",
        "Science park in Karlskrona focused on marine and maritime development.",
    ),
    (
        "Blekinge Business Incubator",
        "Blekinge Business Incubator",
        "",
        "Inkubator för nya kunskapsintensiva företag.",
        "Incubator for new knowledge-intensive companies.",
    ),
]
PARTNERS = ORGANISATIONS[1:]

AREAS = [
    {
        "slug_sv": "smart-industri",
        "slug_en": "smart-industry",
        "title_sv": "Smart industri",
        "title_en": "Smart industry",
        "focus_themes_sv": "formningsteknologi och marin teknik",
        "focus_themes_en": "forming technology and marine technology",
        "short_description_sv": "Blekinges industri ska ligga i framkant med ny teknik för formning av material och för marin teknik.",
        "short_description_en": "Blekinge's industry at the forefront with new technology for forming materials and for marine technology.",
        "colour": "#1f5f8b",
    },
    {
        "slug_sv": "tech",
        "slug_en": "tech",
        "title_sv": "Tech",
        "title_en": "Tech",
        "focus_themes_sv": "digitalisering och smartare samhällen",
        "focus_themes_en": "digitalisation and smarter communities",
        "short_description_sv": "Digitala tjänster och smartare samhällen som gör vardagen enklare för invånare och företag.",
        "short_description_en": "Digital services and smarter communities that make everyday life easier for residents and businesses.",
        "colour": "#3d5a2a",
    },
    {
        "slug_sv": "missions",
        "slug_en": "missions",
        "title_sv": "Missions",
        "title_en": "Missions",
        "focus_themes_sv": "Klimatutmaningen och Renare hav",
        "focus_themes_en": "the climate challenge and cleaner seas",
        "short_description_sv": "Gemensamma uppdrag för att möta klimatutmaningen och få ett renare hav runt Blekinge.",
        "short_description_en": "Shared missions to meet the climate challenge and to get cleaner seas around Blekinge.",
        "colour": "#6b3d7a",
    },
]


def _organisations() -> dict[str, Organisation]:
    result = {}
    for name_sv, name_en, url, description_sv, description_en in ORGANISATIONS:
        result[name_sv] = ensure_object(
            Organisation,
            {"name_sv": name_sv},
            name_en=name_en,
            url=url,
            description_sv=description_sv,
            description_en=description_en,
        )
    return result


def fact_box() -> FactBox:
    return ensure_object(
        FactBox,
        {"title_sv": FACT_BOX_TITLE_SV},
        title_en="Facts: Blekinge's smart specialisation strategy",
        body_sv=FACT_BOX_BODY_SV,
        body_en=FACT_BOX_BODY_EN,
    )


def load(out) -> None:
    home = Site.objects.get(is_default_site=True).root_page
    organisations = _organisations()
    box = fact_box()
    strategy = ensure_page(
        home,
        StrategyPage,
        "smart-specialisering",
        slug_en="smart-specialisation",
        title_sv="Blekinges smarta specialiseringsstrategi",
        title_en="Blekinge's smart specialisation strategy",
        show_in_menus=True,
        intro_sv="Strategin visar var Blekinge kan bli extra starkt och var regionen och dess partner ska satsa för att länet ska växa.",
        intro_en="The strategy shows where Blekinge can become especially strong and where the region and its partners will invest so that the county can grow.",
        purpose_sv="<p>Syftet med Blekinges smarta specialisering är att bibehålla och stärka produktiviteten samt att möta utmaningar kopplat till länets ogynnsamma branschstruktur och låga sysselsättningsgrad.</p>",
        purpose_en="<p>The purpose of Blekinge's smart specialisation is to maintain and strengthen productivity and to meet the challenges linked to the county's unfavourable industry structure and low employment rate.</p>",
        body_sv=[
            ("heading", {"text": "Så arbetar vi", "level": "h2"}),
            (
                "text",
                "<p>Strategin tas fram och följs upp tillsammans med högskola, näringsliv och offentliga aktörer i hela länet. Insatserna koncentreras till ett fåtal områden där Blekinge redan har styrkor att bygga vidare på.</p>",
            ),
            ("fact_box", box.pk),
        ],
        body_en=[
            ("heading", {"text": "How we work", "level": "h2"}),
            (
                "text",
                "<p>The strategy is developed and followed up together with the university, businesses and public bodies throughout the county. Efforts are concentrated on a few areas where Blekinge already has strengths to build on.</p>",
            ),
            ("fact_box", box.pk),
        ],
    )
    areas = {}
    for spec in AREAS:
        spec = dict(spec)
        colour = spec.pop("colour")
        image = ensure_image(
            f"Område: {spec['title_sv']}",
            alt_sv=f"Illustration för specialiseringsområdet {spec['title_sv']}",
            alt_en=f"Illustration for the specialisation area {spec['title_en']}",
            credit="Region Blekinge",
            colour=colour,
            press_image=True,
        )
        slug_sv = spec.pop("slug_sv")
        areas[slug_sv] = ensure_page(
            strategy,
            SpecialisationAreaPage,
            slug_sv,
            image=image,
            show_in_menus=True,
            body_sv=[
                (
                    "text",
                    f"<p>{spec['short_description_sv']} Här samlar vi nyheter och projekt inom området.</p>",
                )
            ],
            body_en=[
                (
                    "text",
                    f"<p>{spec['short_description_en']} Here we gather news and projects in the area.</p>",
                )
            ],
            **spec,
        )
    project_index = ensure_page(
        home,
        ProjectIndexPage,
        "projekt",
        slug_en="projects",
        title_sv="Projekt",
        title_en="Projects",
        show_in_menus=True,
        intro_sv="Projekten som förverkligar Blekinges smarta specialiseringsstrategi.",
        intro_en="The projects that put Blekinge's smart specialisation strategy into practice.",
    )
    people = {person.name: person for person in Person.objects.all()}
    emblem = ensure_image(
        "EU-emblem",
        alt_sv="Europeiska unionens flagga med texten Medfinansieras av Europeiska unionen",
        alt_en="The flag of the European Union with the text Co-funded by the European Union",
        colour="#003399",
        size=(600, 400),
    )
    kickstart = ensure_page(
        project_index,
        ProjectPage,
        "kickstart-s3",
        slug_en="kickstart-s3",
        title_sv="Kickstart S3",
        title_en="Kickstart S3",
        summary_sv="Kickstart S3 ska snabba på arbetet med Blekinges smarta specialiseringsstrategi och stärka länets återhämtning efter coronakrisen.",
        summary_en="Kickstart S3 is to speed up the work on Blekinge's smart specialisation strategy and strengthen the county's recovery after the coronavirus crisis.",
        status="ongoing",
        start_date=datetime.date(2021, 9, 1),
        end_date=datetime.date(2023, 8, 31),
        lead_organisation=organisations["Region Blekinge"],
        related_areas=list(areas.values()),
        body_sv=[
            (
                "text",
                "<p>Projektet genomförs av Region Blekinge tillsammans med sex partner. Målet är att hitta och utveckla de nya innovationer som ska sätta Blekinge på kartan, och att på lång sikt bidra till en hållbar grön omställning och tillväxt genom stärkt återhämtningsförmåga.</p>",
            ),
            ("fact_box", box.pk),
            (
                "eu_funding",
                {
                    "funder": "Europeiska regionalfonden",
                    "statement": "Projektet Kickstart S3 medfinansieras av Europeiska unionen genom Europeiska regionalfonden.",
                    "emblem": emblem.pk,
                },
            ),
        ],
        body_en=[
            (
                "text",
                "<p>The project is run by Region Blekinge together with six partners. The goal is to find and develop the new innovations that will put Blekinge on the map, and in the long term to contribute to a sustainable green transition and growth through a stronger capacity to recover.</p>",
            ),
            ("fact_box", box.pk),
            (
                "eu_funding",
                {
                    "funder": "European Regional Development Fund",
                    "statement": "The Kickstart S3 project is co-funded by the European Union through the European Regional Development Fund.",
                    "emblem": emblem.pk,
                },
            ),
        ],
    )
    if not kickstart.partners.exists():
        for name_sv, *_rest in PARTNERS:
            kickstart.partners.create(organisation=organisations[name_sv])
        kickstart.funders.create(
            name_sv="Europeiska regionalfonden",
            name_en="European Regional Development Fund",
        )
        kickstart.funders.create(name_sv="Region Blekinge", name_en="Region Blekinge")
        kickstart.contacts.create(person=people["Erika Augustinsson"])
        kickstart.save_revision().publish()
    more = [
        (
            "bla-tillvaxt",
            "blue-growth",
            "Blå tillväxt i Östersjön",
            "Blue growth in the Baltic Sea",
            "Företag och forskare utvecklar nya lösningar för ett renare hav.",
            "Companies and researchers develop new solutions for cleaner seas.",
            "ongoing",
            datetime.date(2024, 1, 1),
            datetime.date(2026, 12, 31),
            "missions",
        ),
        (
            "digitala-blekinge",
            "digital-blekinge",
            "Digitala Blekinge",
            "Digital Blekinge",
            "Kommunerna i Blekinge gjorde fler e-tjänster tillgängliga för alla.",
            "The municipalities in Blekinge made more e-services accessible to everyone.",
            "finished",
            datetime.date(2019, 3, 1),
            datetime.date(2021, 2, 28),
            "tech",
        ),
        (
            "framtidens-formning",
            "",
            "Framtidens formning",
            "",
            "En förstudie om nya metoder för att forma metall och komposit.",
            "",
            "planned",
            datetime.date(2027, 1, 1),
            None,
            "smart-industri",
        ),
    ]
    for (
        slug_sv,
        slug_en,
        title_sv,
        title_en,
        summary_sv,
        summary_en,
        status,
        start,
        end,
        area,
    ) in more:
        fields = {
            "title_sv": title_sv,
            "summary_sv": summary_sv,
            "status": status,
            "start_date": start,
            "end_date": end,
            "related_areas": [areas[area]],
            "body_sv": [("text", f"<p>{summary_sv}</p>")],
        }
        if title_en:
            fields.update(
                slug_en=slug_en,
                title_en=title_en,
                summary_en=summary_en,
                body_en=[("text", f"<p>{summary_en}</p>")],
            )
        ensure_page(project_index, ProjectPage, slug_sv, **fields)
    out.write(
        f"  strategy: {strategy.url_path_sv}, areas: {len(areas)}, projects: {ProjectPage.objects.count()}"
    )
