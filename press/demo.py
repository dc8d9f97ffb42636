"""Demo content: the newsroom, the seed press release in both languages and 26
further short items across several years (some only in Swedish)."""

import datetime
from zoneinfo import ZoneInfo

from wagtail.models import Site

from cms.blocks import quote_of
from cms.demo import ensure_image, ensure_page
from cms.people import Person
from specialisation.demo import PARTNERS, fact_box
from specialisation.models import Organisation, ProjectPage, SpecialisationAreaPage

from .models import NewsIndexPage, PressContact, PressReleasePage

ORDER = 40
STOCKHOLM = ZoneInfo("Europe/Stockholm")

SEED_SLUG_SV = "region-blekinge-satsar-pa-lanets-aterhamtning"
SEED_SLUG_EN = "region-blekinge-invests-in-the-countys-recovery"


def _seed_bodies(people, organisations, box_pk):
    def quote(text, name):
        return quote_of(people[name], text)

    partner_ids = [organisations[name].pk for name, *_rest in PARTNERS]
    body_sv = [
        (
            "text",
            "<p>Målet är att göra Blekinge till en region som ligger i framkant. Här ska finnas starka aktörer som stöttar företag, organisationer och innovationer i länet för att de ska kunna utvecklas och växa. Men det krävs förändringar och satsningar för att hitta de nya innovationerna som ska sätta Blekinge på kartan.</p>",
        ),
        (
            "quote",
            quote(
                "Det är här Kickstart S3 kommer in i bilden. Projektet syftar till att snabba på arbetet med Blekinges smarta specialiseringsstrategi, det vill säga hur vi ska utveckla de framtidsområden där Blekinge kan bli extra starka",
                "Erika Augustinsson",
            ),
        ),
        ("heading", {"text": "Stark uppslutning", "level": "h2"}),
        (
            "text",
            "<p>Blekinges smarta specialiseringsstrategi lyfter särskilt fram tre områden som är viktiga för regionen: smart industri, tech och mission. Kickstart S3 finansieras av Europeiska regionalfonden och Region Blekinge som genomför projektet tillsammans med Blekinge Tekniska högskola, Almi, Netport Science Park, Techtank, Blue Science park och Blekinge Business Incubator. Det finns stora förväntningar på projektet, som att på lång sikt bidra till en hållbar grön omställning och tillväxt genom stärkt återhämtningsförmåga.</p>",
        ),
        (
            "partners",
            {"heading": "Partner i Kickstart S3", "organisations": partner_ids},
        ),
        (
            "quote",
            quote(
                "Framtidens innovationer kräver en bred uppslutning, inte minst om vi ska jobba med en hållbar utveckling och stora samhällsutmaningar. Här tar Blekinge redan nu en ledande roll i Sverige",
                "Erika Augustinsson",
            ),
        ),
        ("heading", {"text": "Vässa innovationskraften", "level": "h2"}),
        (
            "text",
            "<p>Coronapandemin har gjort arbetet med projektet Kickstart extra aktuellt, bland annat genom att många har fått insikt om behovet av att ställa om verksamheter och affärsmodeller. Men behovet av förnyelse fanns redan före krisen.</p>",
        ),
        (
            "quote",
            quote(
                "Coronakrisen har varit tuff för många företag och organisationer, men kriser kan också ge kraft och utrymme till förändring. Nu har Blekinge ett fönster att vässa sin innovationskraft, och den möjligheten ska vi ta",
                "Johan Sandberg",
            ),
        ),
        ("fact_box", box_pk),
    ]
    body_en = [
        (
            "text",
            "<p>The goal is to make Blekinge a region at the forefront. There should be strong actors here who support companies, organisations and innovations in the county so that they can develop and grow. But changes and investments are needed to find the new innovations that will put Blekinge on the map.</p>",
        ),
        (
            "quote",
            quote(
                "This is where Kickstart S3 comes in. The project aims to speed up the work on Blekinge's smart specialisation strategy, that is, how we will develop the areas of the future in which Blekinge can become especially strong",
                "Erika Augustinsson",
            ),
        ),
        ("heading", {"text": "Strong support", "level": "h2"}),
        (
            "text",
            "<p>Blekinge's smart specialisation strategy highlights three areas that are important for the region: smart industry, tech and missions. Kickstart S3 is financed by the European Regional Development Fund and Region Blekinge, which is carrying out the project together with Blekinge Institute of Technology, Almi, Netport Science Park, Techtank, Blue Science Park and Blekinge Business Incubator. There are high expectations of the project, such as contributing in the long term to a sustainable green transition and growth through a stronger capacity to recover.</p>",
        ),
        (
            "partners",
            {"heading": "Partners in Kickstart S3", "organisations": partner_ids},
        ),
        (
            "quote",
            quote(
                "The innovations of the future require broad support, not least if we are to work on sustainable development and major societal challenges. Here Blekinge is already taking a leading role in Sweden",
                "Erika Augustinsson",
            ),
        ),
        ("heading", {"text": "Sharpening the power of innovation", "level": "h2"}),
        (
            "text",
            "<p>The coronavirus pandemic has made the work on the Kickstart project especially relevant, not least because many have realised that they need to change their operations and business models. But the need for renewal existed even before the crisis.</p>",
        ),
        (
            "quote",
            quote(
                "The coronavirus crisis has been tough for many companies and organisations, but crises can also give energy and room for change. Blekinge now has a window to sharpen its power of innovation, and we are going to seize that opportunity",
                "Johan Sandberg",
            ),
        ),
        ("fact_box", box_pk),
    ]
    return body_sv, body_en


# (date, kind, area slug or "", Swedish title, Swedish lead, English title or "", English lead)
ITEMS = [
    (
        "2019-02-12",
        "news",
        "tech",
        "Fler e-tjänster i Blekinges kommuner",
        "Kommunerna i länet har gemensamt lanserat tio nya e-tjänster för bygglov, skola och omsorg.",
        "More e-services in Blekinge's municipalities",
        "Together the county's municipalities have launched ten new e-services for building permits, schools and care.",
    ),
    (
        "2019-05-20",
        "press_release",
        "missions",
        "Region Blekinge skärper arbetet för ett renare hav",
        "Regionala utvecklingsnämnden har beslutat om en handlingsplan för minskade utsläpp till Östersjön.",
        "Region Blekinge steps up its work for cleaner seas",
        "The regional development committee has adopted an action plan to reduce emissions into the Baltic Sea.",
    ),
    (
        "2019-10-03",
        "news",
        "smart-industri",
        "Industriforum samlade 200 deltagare i Karlshamn",
        "Företag, forskare och studenter diskuterade framtidens tillverkning under två dagar.",
        "",
        "",
    ),
    (
        "2020-01-15",
        "press_release",
        "",
        "Ny regional utvecklingsstrategi ute på remiss",
        "Invånare, företag och organisationer kan tycka till om strategin fram till den 15 mars.",
        "New regional development strategy out for consultation",
        "Residents, companies and organisations can comment on the strategy until 15 March.",
    ),
    (
        "2020-04-08",
        "news",
        "tech",
        "Digitala möten ersätter resor under pandemin",
        "Region Blekinge ställer om till digitala möten för att minska smittspridningen.",
        "Digital meetings replace travel during the pandemic",
        "Region Blekinge switches to digital meetings to reduce the spread of infection.",
    ),
    (
        "2020-06-22",
        "press_release",
        "smart-industri",
        "Stöd till företag som ställer om sin produktion",
        "Små och medelstora företag kan söka bidrag för att ställa om produktionen efter coronakrisen.",
        "",
        "",
    ),
    (
        "2020-09-30",
        "news",
        "missions",
        "Skolelever mätte vattenkvaliteten längs kusten",
        "Tre skolor deltog i ett medborgarforskningsprojekt om övergödning i Blekinges skärgård.",
        "School pupils measured water quality along the coast",
        "Three schools took part in a citizen science project on eutrophication in Blekinge's archipelago.",
    ),
    (
        "2021-02-18",
        "press_release",
        "tech",
        "Bredband till ytterligare 2 000 hushåll på landsbygden",
        "Utbyggnaden av fiber fortsätter med stöd från regionen och Post- och telestyrelsen.",
        "Broadband for another 2,000 rural households",
        "The fibre roll-out continues with support from the region and the Swedish Post and Telecom Authority.",
    ),
    (
        "2021-05-11",
        "news",
        "",
        "Region Blekinge söker deltagare till innovationsprogram",
        "Programmet vänder sig till företag som vill utveckla nya produkter eller tjänster.",
        "",
        "",
    ),
    (
        "2022-01-25",
        "press_release",
        "missions",
        "Blekinge får EU-stöd för klimatsmart sjöfart",
        "Ett nytt projekt ska minska utsläppen från fartyg i länets hamnar.",
        "Blekinge receives EU support for climate-smart shipping",
        "A new project will reduce emissions from ships in the county's ports.",
    ),
    (
        "2022-03-14",
        "news",
        "smart-industri",
        "Studenter och företag möts i formningslabbet",
        "Det nya labbet på Blekinge Tekniska högskola öppnar för företag som vill testa nya metoder.",
        "Students and companies meet in the forming lab",
        "The new lab at Blekinge Institute of Technology opens for companies that want to test new methods.",
    ),
    (
        "2022-06-07",
        "press_release",
        "",
        "Regionala utvecklingsnämnden fördelar 12 miljoner till projekt",
        "Pengarna går till sju projekt inom innovation, kompetens och hållbar tillväxt.",
        "The regional development committee allocates 12 million to projects",
        "The money goes to seven projects in innovation, skills and sustainable growth.",
    ),
    (
        "2022-10-19",
        "news",
        "tech",
        "Öppna data gör kollektivtrafiken lättare att planera",
        "Tidtabeller och förseningar publiceras nu som öppna data som alla kan använda.",
        "",
        "",
    ),
    (
        "2023-02-02",
        "press_release",
        "smart-industri",
        "Kickstart S3 summerar: 40 företag fick stöd",
        "Projektet har hjälpt företag att utveckla nya affärsmodeller inom länets specialiseringsområden.",
        "Kickstart S3 sums up: 40 companies received support",
        "The project has helped companies develop new business models within the county's specialisation areas.",
    ),
    (
        "2023-04-26",
        "news",
        "missions",
        "Ny satsning på havsplanering i södra Östersjön",
        "Fem regioner samarbetar om hur havet kan användas hållbart.",
        "New effort on marine spatial planning in the southern Baltic",
        "Five regions work together on how the sea can be used sustainably.",
    ),
    (
        "2023-09-12",
        "press_release",
        "tech",
        "Blekinge blir testbädd för smarta elnät",
        "Företag och forskare ska pröva hur elnätet kan styras smartare i en hel stadsdel.",
        "Blekinge becomes a test bed for smart grids",
        "Companies and researchers will test how the grid can be managed more smartly across a whole district.",
    ),
    (
        "2023-11-28",
        "news",
        "",
        "Så fördelas regionens kulturstöd nästa år",
        "Regionen har beslutat om stöd till 35 kulturverksamheter i länet.",
        "",
        "",
    ),
    (
        "2024-02-06",
        "press_release",
        "missions",
        "Länets kommuner enas om gemensamma klimatmål",
        "Alla fem kommuner och regionen har undertecknat en gemensam klimatöverenskommelse.",
        "The county's municipalities agree on shared climate targets",
        "All five municipalities and the region have signed a joint climate agreement.",
    ),
    (
        "2024-05-15",
        "news",
        "smart-industri",
        "Marin teknik lockar nya studenter",
        "Antalet sökande till utbildningar inom marin teknik har ökat med en tredjedel.",
        "Marine technology attracts new students",
        "The number of applicants to programmes in marine technology has risen by a third.",
    ),
    (
        "2024-09-03",
        "press_release",
        "",
        "Ny strategi för kompetensförsörjning antagen",
        "Strategin ska hjälpa arbetsgivare i Blekinge att hitta rätt kompetens.",
        "New strategy for skills supply adopted",
        "The strategy will help employers in Blekinge to find the right skills.",
    ),
    (
        "2025-01-21",
        "news",
        "tech",
        "AI-verktyg hjälper handläggare att svara snabbare",
        "Ett pilotprojekt visar att svarstiderna kan halveras med rätt stöd.",
        "",
        "",
    ),
    (
        "2025-04-09",
        "press_release",
        "missions",
        "Renare hav: 30 ton skräp samlat längs kusten",
        "Frivilliga, skolor och företag har städat stränder under hela våren.",
        "Cleaner seas: 30 tonnes of litter collected along the coast",
        "Volunteers, schools and companies have cleaned beaches throughout the spring.",
    ),
    (
        "2025-08-27",
        "news",
        "smart-industri",
        "Lättare komponenter med ny formningsteknik",
        "Ett företag i Olofström har utvecklat en metod som sparar både material och energi.",
        "Lighter components with new forming technology",
        "A company in Olofström has developed a method that saves both material and energy.",
    ),
    (
        "2025-11-04",
        "press_release",
        "",
        "Region Blekinge reviderar sin smarta specialiseringsstrategi",
        "Strategin ska uppdateras under 2026 efter dialog med aktörer i hela länet.",
        "Region Blekinge revises its smart specialisation strategy",
        "The strategy will be updated in 2026 after dialogue with actors across the county.",
    ),
    (
        "2026-03-17",
        "news",
        "tech",
        "Fler invånare använder digitala vårdtjänster",
        "Andelen som bokar vård digitalt har ökat till 60 procent.",
        "",
        "",
    ),
    (
        "2026-09-08",
        "press_release",
        "missions",
        "Blekinge leder nytt EU-projekt om klimatanpassning",
        "Projektet ska ta fram metoder för att skydda kustsamhällen mot stigande havsnivåer.",
        "Blekinge leads new EU project on climate adaptation",
        "The project will develop methods to protect coastal communities against rising sea levels.",
    ),
]


def _slug(text: str) -> str:
    from django.utils.text import slugify

    return slugify(text.replace("å", "a").replace("ä", "a").replace("ö", "o"))


def load(out) -> None:
    home = Site.objects.get(is_default_site=True).root_page
    news = ensure_page(
        home,
        NewsIndexPage,
        "nyheter",
        slug_en="news",
        title_sv="Nyheter och pressmeddelanden",
        title_en="News and press releases",
        show_in_menus=True,
        intro_sv="Här publicerar Region Blekinge pressmeddelanden och nyheter om regional utveckling, innovation och smart specialisering.",
        intro_en="Region Blekinge publishes press releases and news about regional development, innovation and smart specialisation here.",
    )
    people = {person.name: person for person in Person.objects.all()}
    organisations = {org.name_sv: org for org in Organisation.objects.all()}
    areas = {area.slug_sv: area for area in SpecialisationAreaPage.objects.all()}
    kickstart = ProjectPage.objects.get(slug_sv="kickstart-s3")
    box = fact_box()
    logo = ensure_image(
        "Region Blekinges logotyp och flaggor",
        alt_sv="Region Blekinges logotyp med bild på Region Blekinges flaggor",
        alt_en="Region Blekinge's logo with a picture of Region Blekinge's flags",
        credit="Region Blekinge",
        colour="#0b3d62",
        press_image=True,
    )
    body_sv, body_en = _seed_bodies(people, organisations, box.pk)
    published = datetime.datetime(2021, 8, 31, 9, 0, tzinfo=STOCKHOLM)
    seed = ensure_page(
        news,
        PressReleasePage,
        SEED_SLUG_SV,
        slug_en=SEED_SLUG_EN,
        kind=PressReleasePage.KIND_PRESS_RELEASE,
        notify_subscribers=False,  # demo content is not news to anyone
        title_sv="Region Blekinge satsar på länets återhämtning",
        title_en="Region Blekinge invests in the county's recovery",
        lead_sv="Coronakrisen har lett till stora utmaningar för Blekinge och resten av världen. För att samhället ska kunna återhämtas krävs en gemensam ansträngning, inte bara för akuta åtgärder utan även på lång sikt. Det ska projektet Kickstart S3 lösa.",
        lead_en="The coronavirus crisis has led to great challenges for Blekinge and the rest of the world. For society to recover, a joint effort is needed, not only for immediate measures but also in the long term. That is what the Kickstart S3 project is meant to achieve.",
        image=logo,
        publication_date=published,
        first_published_at=published,
        body_sv=body_sv,
        body_en=body_en,
        related_areas=list(areas.values()),
        related_projects=[kickstart],
    )
    if not seed.press_contacts.exists():
        PressContact.objects.create(
            page=seed, person=people["Maria Lind"], sort_order=0
        )
        PressContact.objects.create(
            page=seed, person=people["Erika Augustinsson"], sort_order=1
        )
        seed.tags.add("Kickstart S3", "smart specialisering")
        seed.save_revision().publish()

    for date, kind, area, title_sv, lead_sv, title_en, lead_en in ITEMS:
        when = datetime.datetime.fromisoformat(date).replace(hour=10, tzinfo=STOCKHOLM)
        fields = {
            "kind": kind,
            "notify_subscribers": False,
            "title_sv": title_sv,
            "lead_sv": lead_sv,
            "publication_date": when,
            "first_published_at": when,
            "body_sv": [("text", f"<p>{lead_sv} Läs mer hos Region Blekinge.</p>")],
            "related_areas": [areas[area]] if area else [],
        }
        if title_en:
            fields.update(
                slug_en=_slug(title_en),
                title_en=title_en,
                lead_en=lead_en,
                body_en=[("text", f"<p>{lead_en} Read more at Region Blekinge.</p>")],
            )
        ensure_page(news, PressReleasePage, _slug(title_sv), **fields)
    out.write(
        f"  news: {news.url_path_sv}, releases: {PressReleasePage.objects.count()}"
    )
