"""Fill the bench database with press releases; run by bench/run.py, not by hand.

``python bench/build_data.py status`` prints what is there as JSON;
``python bench/build_data.py build`` adds the missing releases and search index
entries (resuming after an interrupted build). The environment
(DJANGO_SETTINGS_MODULE, DATABASE_URL, MEDIA_ROOT, BENCH_RELEASES...) comes from
run.py, after ``migrate`` and ``load_demo`` have built the demo site.

Every release is generated from its number alone, so a build is reproducible and
can resume where it stopped. Releases are saved through the models (Wagtail's
``Page.save()`` sets url_path_sv/url_path_en and english_ready, modelcluster saves
contacts, areas and tags) as the last children of the news index, in transactions
of 500, without revisions. Meanwhile two more processes finish publishing them:
one sends ``page_published`` (the site's own handlers), one fills Wagtail's
search index.
"""

import datetime
import json
import os
import random
import sys
import time
from pathlib import Path

import django

# Run as a script (and re-imported by the index worker): the project is the parent.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

RELEASES = int(os.environ.get("BENCH_RELEASES", "10000"))
BATCH = 500  # releases per transaction and per progress line
YEARS = 10
# Bench releases end their Swedish slug with "-b" and five digits; the demo's
# releases never do, so this finds (and counts) the bench data.
SLUG_SUFFIX_REGEX = r"-b[0-9]{5}$"

ACTORS = [
    ("Region Blekinge", "Region Blekinge"),
    ("Regionala utvecklingsnämnden", "The regional development committee"),
    ("Karlskrona kommun", "Karlskrona Municipality"),
    ("Blekinge Tekniska högskola", "Blekinge Institute of Technology"),
    ("Karlshamns kommun", "Karlshamn Municipality"),
    ("Regionfullmäktige", "The regional council"),
]
ACTIONS = [
    ("satsar på", "invests in"),
    ("utreder", "investigates"),
    ("inför", "introduces"),
    ("utvecklar", "develops"),
    ("tar fram en plan för", "drafts a plan for"),
    ("söker partner för", "seeks partners for"),
    ("samarbetar om", "cooperates on"),
]
TOPICS = [
    ("vätgas i hamnarna", "hydrogen in the ports"),
    ("smarta elnät", "smart grids"),
    ("digital vård", "digital healthcare"),
    ("renare hav", "cleaner seas"),
    ("marin teknik", "marine technology"),
    ("kompetensförsörjning", "skills supply"),
    ("kollektivtrafiken", "public transport"),
    ("bredband på landsbygden", "rural broadband"),
    ("formningsteknik", "forming technology"),
    ("klimatanpassning", "climate adaptation"),
    ("öppna data", "open data"),
    ("innovationsstöd", "innovation support"),
    ("besöksnäringen", "the visitor economy"),
    ("cirkulär ekonomi", "the circular economy"),
    ("AI i offentlig sektor", "AI in the public sector"),
    ("hållbart byggande", "sustainable construction"),
]
SENTENCES = [
    (
        "Satsningen är en del av arbetet med att stärka länets konkurrenskraft och "
        "skapa fler arbetstillfällen.",
        "The initiative is part of the work to strengthen the county's "
        "competitiveness and create more jobs.",
    ),
    (
        "Arbetet sker i nära samarbete med högskolan, näringslivet och länets fem "
        "kommuner.",
        "The work is carried out in close cooperation with the university, "
        "businesses and the county's five municipalities.",
    ),
    (
        "Projektet finansieras delvis av Europeiska regionalfonden.",
        "The project is partly financed by the European Regional Development Fund.",
    ),
    (
        "Under hösten bjuds företag och organisationer in till workshoppar där de kan "
        "påverka inriktningen.",
        "In the autumn companies and organisations are invited to workshops where "
        "they can influence the direction.",
    ),
    (
        "Resultaten ska följas upp varje år och redovisas för regionala "
        "utvecklingsnämnden.",
        "The results will be followed up every year and reported to the regional "
        "development committee.",
    ),
    (
        "Målet är att Blekinge ska vara en region i framkant när det gäller hållbar "
        "tillväxt.",
        "The goal is for Blekinge to be a region at the forefront of sustainable "
        "growth.",
    ),
    (
        "Insatsen bygger på länets strategi för smart specialisering och de områden "
        "där Blekinge redan är starkt.",
        "The effort builds on the county's strategy for smart specialisation and the "
        "areas where Blekinge is already strong.",
    ),
    (
        "Fler än hundra företag har visat intresse för att delta redan under det "
        "första året.",
        "More than a hundred companies have shown an interest in taking part in the "
        "very first year.",
    ),
    (
        "Invånarna kommer att märka förändringen i vardagen, inte minst i form av "
        "bättre digitala tjänster.",
        "Residents will notice the change in everyday life, not least in the form of "
        "better digital services.",
    ),
    (
        "Regionen vill också dela med sig av erfarenheterna till andra regioner i "
        "Sverige och Europa.",
        "The region also wants to share the experience with other regions in Sweden "
        "and Europe.",
    ),
]
# The search benchmark looks for "specialisering"; about a quarter of the releases
# mention it, as a real newsroom about smart specialisation would.
SPECIALISATION = (
    "Smart specialisering handlar om att samla resurserna där länet har störst "
    "möjligheter.",
    "Smart specialisation is about gathering resources where the county has the "
    "greatest opportunities.",
)
QUOTES = [
    (
        "Det här är en viktig dag för hela Blekinge och för alla som bor och arbetar "
        "här",
        "This is an important day for all of Blekinge and for everyone who lives and "
        "works here",
    ),
    (
        "Vi vet att samarbete över gränserna är det som ger resultat på lång sikt",
        "We know that cooperation across boundaries is what gives results in the "
        "long run",
    ),
    (
        "Nu tar vi nästa steg och gör det enklare för företagen att växa",
        "Now we take the next step and make it easier for companies to grow",
    ),
]
PEOPLE = [
    # name, Swedish role, English role, party
    ("Anna Holm", "regionstyrelsens ordförande", "chair of the regional board", "S"),
    ("Per Ek", "regionråd", "regional commissioner", "M"),
    ("Lena Strand", "näringslivsstrateg", "business development strategist", ""),
    ("Omar Haddad", "digitaliseringschef", "head of digitalisation", ""),
    ("Karin Berg", "miljöstrateg", "environmental strategist", ""),
    ("Johan Wik", "presskontakt", "press officer", ""),
    ("Sara Nilsson", "regionråd", "regional commissioner", "C"),
    ("Mats Lund", "projektledare", "project manager", ""),
]
IMAGE_COLOURS = ["#0b3d62", "#1f5f8b", "#3d5a2a", "#6b3d7a", "#8b4513", "#2f4f4f"]
TAGS = [
    "innovation",
    "hållbarhet",
    "digitalisering",
    "kompetens",
    "EU-projekt",
    "klimat",
    "näringsliv",
    "forskning",
    "Östersjön",
    "infrastruktur",
    "kultur",
    "vård",
]


def _setup() -> None:
    django.setup()


def _bench_releases():
    from press.models import PressReleasePage

    return PressReleasePage.objects.filter(slug_sv__regex=SLUG_SUFFIX_REGEX)


def status() -> dict:
    """What the database holds: bench releases (and how many of them the publish
    worker has not finished) and whether the image files exist."""
    from wagtail.images import get_image_model

    _ensure_marker_table()
    missing = [
        image.file.name
        for image in get_image_model().objects.all()
        if not image.file.storage.exists(image.file.name)
    ]
    return {
        "releases": _bench_releases().count(),
        "expected": RELEASES,
        # Saved but not yet announced as published, or not yet in Wagtail's index.
        "unfinished_releases": _unpublished().count() + _unindexed().count(),
        "missing_image_files": len(missing),
    }


def _fixtures():
    """People, images, fact boxes, tags and areas the releases point to; created
    once (idempotent, like the demo) and shared by all releases."""
    from taggit.models import Tag

    from cms.demo import ensure_image, ensure_object
    from cms.models import Person
    from specialisation.demo import fact_box
    from specialisation.models import FactBox, ProjectPage, SpecialisationAreaPage

    images = [
        ensure_image(
            f"Bench: bild {number}",
            alt_sv=f"Genererad exempelbild nummer {number}",
            alt_en=f"Generated sample picture number {number}",
            credit="Region Blekinge",
            colour=colour,
        )
        for number, colour in enumerate(IMAGE_COLOURS, start=1)
    ]
    people = list(Person.objects.all())
    for number, (name, role_sv, role_en, party) in enumerate(PEOPLE):
        people.append(
            ensure_object(
                Person,
                {"name": name},
                role_sv=role_sv,
                role_en=role_en,
                organisation_sv="Region Blekinge",
                organisation_en="Region Blekinge",
                party=party,
                email=f"bench{number}@example.org",
                phone=f"0455-73 51 {number:02d}",
                # Every other person has a portrait, so contact lists show photos.
                photo=images[number % len(images)] if number % 2 == 0 else None,
            )
        )
    boxes = [fact_box()]
    for number, (_sv, topic_en) in enumerate(TOPICS[:5], start=1):
        boxes.append(
            ensure_object(
                FactBox,
                {"title_sv": f"Fakta: bench {number}"},
                title_en=f"Facts: {topic_en}",
                body_sv="<p>Kort fakta om satsningen.</p><ul><li>Start: 2024</li>"
                "<li>Budget: 12 miljoner kronor</li></ul>",
                body_en="<p>Short facts about the initiative.</p><ul><li>Start: "
                "2024</li><li>Budget: SEK 12 million</li></ul>",
            )
        )
    tags = [Tag.objects.get_or_create(name=name)[0] for name in TAGS]
    areas = list(SpecialisationAreaPage.objects.order_by("path"))
    projects = list(ProjectPage.objects.order_by("path"))
    return {
        "images": images,
        "people": people,
        "boxes": boxes,
        "tags": tags,
        "areas": areas,
        "projects": projects,
    }


def _slug(text: str) -> str:
    from django.utils.text import slugify

    for source, target in (("å", "a"), ("ä", "a"), ("ö", "o"), ("Ö", "o")):
        text = text.replace(source, target)
    return slugify(text)[:60].strip("-")


def _quote(rng: random.Random, person, lang: str) -> tuple[str, dict]:
    text_sv, text_en = rng.choice(QUOTES)
    # QuoteBlock freezes the person's role and party into the quote on save.
    text = text_sv if lang == "sv" else text_en
    return ("quote", {"text": text, "person": person, "name": ""})


def _body(rng: random.Random, plan: dict, lang: str) -> list[tuple[str, object]]:
    """A body as (block type, value) pairs with model instances rather than
    primary keys: saving then needs no query to look the chosen objects up."""
    pick = 0 if lang == "sv" else 1

    def paragraph(count: int) -> tuple[str, str]:
        sentences = [s[pick] for s in rng.sample(SENTENCES, count)]
        if plan["mentions_specialisation"]:
            sentences.append(SPECIALISATION[pick])
        return ("text", "<p>" + " ".join(sentences) + "</p>")

    heading = "Så går det till" if lang == "sv" else "How it works"
    body = [
        paragraph(3),
        _quote(rng, plan["quoted"], lang),
        ("heading", {"text": heading, "level": "h2"}),
        paragraph(4),
    ]
    if plan["inline_image"] is not None:
        caption = "Foto från satsningen" if lang == "sv" else "From the initiative"
        body.append(("image", {"image": plan["inline_image"], "caption": caption}))
    if plan["second_quote"] is not None:
        body.append(_quote(rng, plan["second_quote"], lang))
    body.append(paragraph(2))
    if plan["fact_box"] is not None:
        body.append(("fact_box", plan["fact_box"]))
    return body


def _release(number: int, fixtures: dict, start: datetime.datetime, span: float):
    """Release ``number``: everything is drawn from a generator seeded with the
    number, so the same release comes out on every build."""
    from press.models import PressContact, PressReleasePage, PressReleaseTag

    rng = random.Random(number)
    actor, action, topic = (
        rng.choice(ACTORS),
        rng.choice(ACTIONS),
        rng.choice(TOPICS),
    )
    title_sv = f"{actor[0]} {action[0]} {topic[0]}"
    title_en = f"{actor[1]} {action[1]} {topic[1]}"
    lead_sv = f"{title_sv}. {rng.choice(SENTENCES)[0]}"
    lead_en = f"{title_en}. {rng.choice(SENTENCES)[1]}"
    # Evenly spread over ten years (oldest first) with a few hours of jitter.
    when = start + datetime.timedelta(
        seconds=span * (number + rng.random() * 0.8) / RELEASES
    )
    people, images = fixtures["people"], fixtures["images"]
    plan = {
        "mentions_specialisation": rng.random() < 0.25,
        "quoted": rng.choice(people),
        "second_quote": rng.choice(people) if rng.random() < 0.4 else None,
        "inline_image": rng.choice(images) if rng.random() < 0.2 else None,
        "fact_box": rng.choice(fixtures["boxes"]) if rng.random() < 0.35 else None,
    }
    english = rng.random() >= 0.2  # about 20 % are Swedish only
    # Both languages draw their text from the same seed: one structure, two texts.
    body_sv = _body(random.Random(number * 7 + 1), plan, "sv")
    page = PressReleasePage(
        title_sv=title_sv,
        slug_sv=f"{_slug(title_sv)}-b{number:05d}",
        kind=(
            PressReleasePage.KIND_NEWS
            if rng.random() < 0.4
            else PressReleasePage.KIND_PRESS_RELEASE
        ),
        publication_date=when,
        first_published_at=when,
        last_published_at=when,
        lead_sv=lead_sv,
        body_sv=body_sv,
        image=rng.choice(images) if rng.random() < 0.6 else None,
        image_caption_sv="Bild: Region Blekinge" if rng.random() < 0.3 else "",
        live=True,
    )
    if english:
        page.title_en = title_en
        page.slug_en = f"{_slug(title_en)}-b{number:05d}"
        page.lead_en = lead_en
        page.body_en = _body(random.Random(number * 7 + 1), plan, "en")
    elif rng.random() < 0.25:
        # Some Swedish-only releases are also marked so explicitly.
        page.swedish_only = True
    contacts = rng.sample(people, rng.choice((0, 1, 1, 2)))
    page.press_contacts = [
        PressContact(person=person, sort_order=order)
        for order, person in enumerate(contacts)
    ]
    areas = fixtures["areas"]
    if areas and rng.random() < 0.5:
        page.related_areas.set(rng.sample(areas, rng.choice((1, 1, 2))))
    if fixtures["projects"] and rng.random() < 0.1:
        page.related_projects.set([rng.choice(fixtures["projects"])])
    if rng.random() < 0.5:
        # Through rows rather than tags.add(): no lookup of the tags by name.
        page.tagged_items = [
            PressReleaseTag(tag=tag)
            for tag in rng.sample(fixtures["tags"], rng.choice((1, 2)))
        ]
    return page


def _ensure_marker_table() -> None:
    """A table of the bench's own in the bench database: the releases whose
    publication the publish worker has finished (so a resumed build knows)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_published (page_id bigint PRIMARY KEY)"
        )


def _unpublished():
    """Bench releases whose publication has not been announced yet."""
    from django.db.models.expressions import RawSQL

    done = RawSQL("SELECT page_id FROM bench_published", [])
    return _bench_releases().exclude(pk__in=done)


def _unindexed():
    """Bench releases that have no entry in Wagtail's search index yet."""
    from django.db.models import TextField
    from django.db.models.functions import Cast

    from wagtail.search.models import IndexEntry

    indexed = IndexEntry.objects.filter(
        content_type__app_label="press", content_type__model="pressreleasepage"
    ).values("object_id")
    return (
        _bench_releases()
        .annotate(pk_text=Cast("pk", TextField()))
        .exclude(pk_text__in=indexed)
    )


def _publish_missing(part: int, limit: int = 50) -> int:
    """Announce up to ``limit`` saved releases of this worker's ``part`` as
    published; returns how many.

    ``page_published`` is sent as Wagtail's publish action sends it (without a
    revision), so whatever the site does on publication happens for bench
    releases too: its own search index, translation status, cache invalidation.
    Small transactions: two publish workers share some rows (search terms), and
    neither should hold them long.
    """
    from django.db import connection, transaction
    from django.db.models.functions import Mod

    from wagtail.signals import page_published

    from press.models import PressReleasePage

    missing = list(
        _unpublished()
        .annotate(part=Mod("pk", PUBLISH_WORKERS))
        .filter(part=part)
        .values_list("pk", flat=True)
        .order_by("pk")[:limit]
    )
    with transaction.atomic():
        for page in PressReleasePage.objects.filter(pk__in=missing):
            page_published.send(sender=PressReleasePage, instance=page, revision=None)
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO bench_published (page_id) VALUES (%s)",
                [(pk,) for pk in missing],
            )
    return len(missing)


def _index_missing(part: int, limit: int = BATCH) -> int:
    """Add up to ``limit`` saved releases to Wagtail's search index in one go
    (what ``update_index`` does) rather than one task per save; returns how many."""
    from django.db import transaction

    from wagtail.search.backends import get_search_backend

    from press.models import PressReleasePage

    missing = list(_unindexed().values_list("pk", flat=True).order_by("pk")[:limit])
    with transaction.atomic():
        pages = list(PressReleasePage.get_indexed_objects().filter(pk__in=missing))
        if pages:
            index = get_search_backend().get_index_for_model(PressReleasePage)
            index.add_items(PressReleasePage, pages)
    return len(pages)


# Publishing (the site's own handlers) costs about twice what saving does, so two
# processes share it (by page id) and keep up with the inserter; one more fills
# Wagtail's index. Together they keep both cores busy until the end.
PUBLISH_WORKERS = 2
WORKERS = [("publish", part) for part in range(PUBLISH_WORKERS)] + [("index", 0)]
WORKER_STEPS = {"publish": _publish_missing, "index": _index_missing}


def _fast_commits() -> None:
    """The build commits often; not waiting for each commit to reach the disk
    (this session only: a crash could lose the last commits, which a resumed
    build redoes) keeps that cheap."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")


def _worker(task: str, part: int, inserter_finished) -> None:
    """A process that finishes what the inserter has committed, while it goes on.

    A deadlock (two publish workers adding the same new search term in
    different orders) is retried.
    """
    _setup()
    from django.db import OperationalError
    from django.utils import translation

    from wagtail.signal_handlers import disable_reference_index_auto_update

    _disconnect_search_signal()
    _fast_commits()
    step = WORKER_STEPS[task]
    with translation.override("sv"), disable_reference_index_auto_update():
        while True:
            last_round = inserter_finished.is_set()  # read first: nothing is missed
            for attempt in range(5):
                try:
                    done = step(part)
                    break
                except OperationalError:
                    if attempt == 4:
                        raise
            if done == 0:
                if last_round:
                    return
                time.sleep(0.5)


def _disconnect_search_signal() -> None:
    """Wagtail indexes a page on every save, one task each; the worker indexes
    whole batches instead."""
    from django.db.models.signals import post_save

    from modelsearch.signal_handlers import post_save_signal_handler

    from press.models import PressReleasePage

    post_save.disconnect(post_save_signal_handler, sender=PressReleasePage)


def _append_children(parent, pages, locale) -> None:
    """Save ``pages`` as the last children of ``parent``: what treebeard's
    ``add_child`` does, without its per-page parent lock and count update, and
    with ``save(clean=False)``: wagtail-modeltranslation's slug check loads every
    sibling for every save, which makes ``add_child`` quadratic (about 4 pages/s
    after a few hundred). The slugs are unique by construction (numbered) and
    the first release of a build goes through ``full_clean()`` as a check."""
    from wagtail.models import Page

    last = parent.get_last_child()
    step = last._get_lastpos_in_path() if last else 0
    for page in pages:
        step += 1
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, step)
        page.numchild = 0
        page._cached_parent_obj = parent  # lets save() build url_path_sv/_en
        page.locale = locale
        page.draft_title = page.title_sv
        page.save(clean=False)
    # numchild from the tree itself, so the parent stays right even after resumes.
    Page.objects.filter(pk=parent.pk).update(numchild=parent.get_children().count())


def _insert(fixtures, existing: int, workers) -> None:
    from django.db import transaction
    from django.utils import timezone

    from wagtail.models import Locale

    from press.models import NewsIndexPage

    news = NewsIndexPage.objects.get()
    locale = Locale.get_default()
    # Ten years back from today, at whole days so a resumed build matches.
    end = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    start = end.replace(year=end.year - YEARS)
    span = (end - start).total_seconds()
    if existing:
        print(f"  resuming after {existing:,} releases")
    else:
        # One full validation (StreamField blocks, required fields, slugs) proves
        # the generated data is what the admin would accept.
        sample = _release(0, fixtures, start, span)
        sample._cached_parent_obj = news
        sample.path = news.path + "ZZZZ"
        sample.depth = news.depth + 1
        sample.full_clean()
    began = time.monotonic()
    todo = RELEASES - existing
    for first in range(existing, RELEASES, BATCH):
        for worker in workers:
            if not worker.is_alive():
                raise SystemExit(f"{worker.name} worker failed ({worker.exitcode})")
        numbers = range(first, min(first + BATCH, RELEASES))
        with transaction.atomic():
            pages = [_release(n, fixtures, start, span) for n in numbers]
            _append_children(news, pages, locale)
        done = numbers.stop - existing
        elapsed = time.monotonic() - began
        rate = done / elapsed
        print(
            f"  {numbers.stop:>6,}/{RELEASES:,} releases  {rate:4.0f}/s"
            f"  elapsed {elapsed:4.0f} s  ETA {(todo - done) / rate:4.0f} s"
            f"  (to publish {_unpublished().count():,},"
            f" to index {_unindexed().count():,})",
            flush=True,
        )


def build() -> None:
    import multiprocessing

    from django.db import connections, transaction
    from django.utils import translation

    from wagtail.signal_handlers import disable_reference_index_auto_update

    _ensure_marker_table()
    existing = _bench_releases().count()
    with translation.override("sv"):
        with transaction.atomic():
            fixtures = _fixtures()
        # The workers publish and index; the reference index (the admin's
        # "usage" counts) is left out: no reader-facing page reads it, and it
        # would cost about 35 ms per release.
        _disconnect_search_signal()
        connections.close_all()  # the workers open their own connections
        _fast_commits()  # on the inserter's new connection
        context = multiprocessing.get_context("spawn")
        finished = context.Event()
        workers = [
            context.Process(
                target=_worker, args=(task, part, finished), name=f"{task} {part}"
            )
            for task, part in WORKERS
        ]
        for worker in workers:
            worker.start()
        try:
            if existing < RELEASES:
                with disable_reference_index_auto_update():
                    _insert(fixtures, existing, workers)
            else:
                print(f"  {existing:,} bench releases already in place")
        finally:
            finished.set()
        began = time.monotonic()
        while any(worker.is_alive() for worker in workers):
            for worker in workers:
                worker.join(timeout=10)
            if any(worker.is_alive() for worker in workers):
                left = {"publish": _unpublished, "index": _unindexed}
                counts = ", ".join(
                    f"{task} {left[task]().count():,}" for task in WORKER_STEPS
                )
                print(f"  finishing: still to {counts}", flush=True)
    for worker in workers:
        if worker.exitcode != 0:
            raise SystemExit(f"{worker.name} worker failed (exit {worker.exitcode})")
    print(f"  all published and indexed (+{time.monotonic() - began:.0f} s)")


def main() -> int:
    _setup()
    command = sys.argv[1] if len(sys.argv) > 1 else "status"
    if command == "status":
        print(json.dumps(status()))
    elif command == "build":
        build()
    else:
        print(f"unknown command {command!r}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
