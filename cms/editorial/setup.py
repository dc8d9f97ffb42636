"""Editorial roles (Swedish-named groups) and workflows, created idempotently.

``python manage.py setup_editorial`` (run by ``load_demo`` and ``make run``) creates or
updates them; running it again changes nothing. Page types are referred to by app
label so this module imports no app (the import rule in DESIGN.md).
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

from ..bilingual.models import TranslationReadyTask
from .roles import ADMINS, ALL_ROLES, EDITORS, PUBLISHERS, TRANSLATORS

# Reusable content every role works with (app label, model).
SNIPPETS = [
    ("cms", "person"),
    ("specialisation", "organisation"),
    ("specialisation", "factbox"),
]

# Where each role may work in the page tree: the news index, the strategy and the
# project index for editors; the whole site for the others.
EDITOR_SECTIONS = [
    "press.newsindexpage",
    "specialisation.strategypage",
    "specialisation.projectindexpage",
]

PRESS_WORKFLOW = "Pressmeddelanden"
STRATEGY_WORKFLOW = "Strategi och projekt"
# People, organisations and fact boxes: what pages show passes review as pages do.
SNIPPET_WORKFLOW = "Återanvändbart innehåll"
SITE_WORKFLOW = "Webbplatsens sidor"


def _model_permissions(
    app_label: str, model: str, actions: list[str]
) -> list[Permission]:
    model_class = apps.get_model(app_label, model)
    content_type = ContentType.objects.get_for_model(model_class)
    codenames = [f"{action}_{model}" for action in actions]
    return list(
        Permission.objects.filter(content_type=content_type, codename__in=codenames)
    )


def _permission(codename: str, app_label: str) -> Permission:
    return Permission.objects.get(codename=codename, content_type__app_label=app_label)


def _set_page_permissions(group: Group, page: Page, actions: list[str]) -> None:
    for action in actions:
        permission = Permission.objects.get(
            codename=f"{action}_page", content_type__app_label="wagtailcore"
        )
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=permission
        )


# Wagtail checks image and document permissions against its own models
# (``auth_model`` of their permission policies), also when the image model is a
# custom one: a permission on cms.CustomImage is never asked for.
# Wagtail counts deleting an image or document as changing it: whoever may correct
# a photo credit may also delete the image.
COLLECTION_MODELS = (("wagtailimages", "image"), ("wagtaildocs", "document"))


def _set_collection_permissions(group: Group, actions: list[str]) -> None:
    root = Collection.get_first_root_node()
    for app_label, model in COLLECTION_MODELS:
        for permission in _model_permissions(app_label, model, actions):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )
    # Rows an earlier version granted on the custom image model did nothing.
    GroupCollectionPermission.objects.filter(
        group=group, permission__content_type__app_label="cms"
    ).delete()


def _pages_of(label: str):
    app_label, model = label.split(".")
    content_type = ContentType.objects.get_for_model(apps.get_model(app_label, model))
    return list(Page.objects.filter(content_type=content_type))


def ensure_groups() -> dict[str, Group]:
    # Wagtail's English starter groups are replaced by the Swedish roles.
    Group.objects.filter(name__in=["Editors", "Moderators"], user__isnull=True).delete()
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ALL_ROLES}
    access_admin = _permission("access_admin", "wagtailadmin")
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = site.root_page if site else None
    root = Page.get_first_root_node()

    # Editors: create and edit pages and reusable content, submit for review.
    editors = groups[EDITORS]
    editors.permissions.add(access_admin)
    for app_label, model in SNIPPETS:
        editors.permissions.add(
            *_model_permissions(app_label, model, ["add", "change"])
        )
    for label in EDITOR_SECTIONS:
        for page in _pages_of(label):
            _set_page_permissions(editors, page, ["add", "change", "lock"])
    _set_collection_permissions(editors, ["add", "change", "choose"])

    # Reviewers/publishers: everything editors do, plus approve, publish, delete.
    publishers = groups[PUBLISHERS]
    publishers.permissions.add(access_admin)
    for app_label, model in SNIPPETS:
        publishers.permissions.add(
            *_model_permissions(
                app_label, model, ["add", "change", "delete", "publish"]
            )
        )
    if home is not None:
        _set_page_permissions(
            publishers,
            home,
            ["add", "change", "publish", "lock", "unlock", "bulk_delete"],
        )
    _set_collection_permissions(publishers, ["add", "change", "choose", "delete"])
    # The subscriber list (distribution/): counts, export, deleting an address on
    # request. Personal data, so reviewers and administrators only.
    publishers.permissions.add(
        *_model_permissions("distribution", "subscriber", ["view", "delete"]),
        *_model_permissions(
            "distribution", "journalist", ["add", "change", "delete", "view"]
        ),
    )
    # The klarspråk word list: reviewers keep it with the administrators.
    publishers.permissions.add(
        *_model_permissions("cms", "plainword", ["add", "change", "delete", "view"])
    )

    # Translators: edit pages only while a page waits in their workflow step
    # "Översättning klar" (Wagtail lets a task's groups edit the page), and English
    # fields only (cms.bilingual.forms); no page permissions, so they cannot
    # delete, move, unpublish or lock anything by any path. They change the English
    # of people, organisations and fact boxes, and choose images and documents
    # (changing one would let them delete it too).
    translators = groups[TRANSLATORS]
    translators.permissions.add(access_admin)
    for app_label, model in SNIPPETS:
        translators.permissions.add(*_model_permissions(app_label, model, ["change"]))
    GroupPagePermission.objects.filter(group=translators).delete()
    _set_collection_permissions(translators, ["choose"])

    # Administrators: the whole tree, settings, users and workflows.
    admins = groups[ADMINS]
    admins.permissions.add(access_admin)
    for app_label, model in SNIPPETS:
        admins.permissions.add(
            *_model_permissions(
                app_label, model, ["add", "change", "delete", "publish"]
            )
        )
    admins.permissions.add(
        *_model_permissions("cms", "plainword", ["add", "change", "delete", "view"]),
        *_model_permissions("cms", "sitesettings", ["change"]),
        *_model_permissions("cms", "user", ["add", "change", "delete"]),
        *_model_permissions("auth", "group", ["add", "change", "delete"]),
        *_model_permissions("wagtailcore", "workflow", ["add", "change", "delete"]),
        *_model_permissions("wagtailcore", "task", ["add", "change", "delete"]),
        *_model_permissions(
            "wagtailredirects", "redirect", ["add", "change", "delete"]
        ),
        *_model_permissions("wagtailcore", "site", ["change"]),
        *_model_permissions("distribution", "subscriber", ["view", "delete"]),
        *_model_permissions(
            "distribution", "journalist", ["add", "change", "delete", "view"]
        ),
    )
    _set_page_permissions(
        admins, root, ["add", "change", "publish", "lock", "unlock", "bulk_delete"]
    )
    _set_collection_permissions(admins, ["add", "change", "choose", "delete"])
    return groups


def _task(model, name: str, groups: list[Group]):
    task = model.objects.filter(name=name).first()
    if task is None:
        task = model.objects.create(name=name)
    if set(task.groups.all()) != set(groups):
        task.groups.set(groups)
    return task


def _workflow(name: str, tasks: list) -> Workflow:
    workflow, _created = Workflow.objects.get_or_create(name=name)
    current = [
        wt.task_id
        for wt in WorkflowTask.objects.filter(workflow=workflow).order_by("sort_order")
    ]
    if current != [task.pk for task in tasks]:
        WorkflowTask.objects.filter(workflow=workflow).delete()
        for order, task in enumerate(tasks):
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    return workflow


def ensure_workflows(groups: dict[str, Group]) -> dict[str, Workflow]:

    reviewers = [groups[PUBLISHERS], groups[ADMINS]]
    # Earlier versions reviewed fact boxes only, under these names.
    if not Workflow.objects.filter(name=SNIPPET_WORKFLOW).exists():
        Workflow.objects.filter(name="Faktarutor").update(name=SNIPPET_WORKFLOW)
    GroupApprovalTask.objects.filter(name="Granskning av faktaruta").update(
        name="Granskning av återanvändbart innehåll"
    )
    review = _task(GroupApprovalTask, "Granskning", reviewers)
    translation = _task(
        TranslationReadyTask,
        "Översättning klar",
        [groups[TRANSLATORS], groups[PUBLISHERS], groups[ADMINS]],
    )
    approval = _task(GroupApprovalTask, "Publiceringsgodkännande", reviewers)
    snippet_review = _task(
        GroupApprovalTask, "Granskning av återanvändbart innehåll", reviewers
    )

    press = _workflow(PRESS_WORKFLOW, [review, translation, approval])
    strategy = _workflow(STRATEGY_WORKFLOW, [review])
    snippets = _workflow(SNIPPET_WORKFLOW, [snippet_review])
    site_pages = _workflow(SITE_WORKFLOW, [review])

    # Wagtail's English starter workflow on the root page gives way to ours.
    for workflow in Workflow.objects.filter(name="Moderators approval"):
        WorkflowPage.objects.filter(workflow=workflow).delete()
        workflow.deactivate()
        for task in workflow.tasks:
            if task.active:
                task.specific.deactivate()
    WorkflowPage.objects.update_or_create(
        page=Page.get_first_root_node(), defaults={"workflow": site_pages}
    )

    for page in _pages_of("press.newsindexpage"):
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": press})
    for label in ("specialisation.strategypage", "specialisation.projectindexpage"):
        for page in _pages_of(label):
            WorkflowPage.objects.update_or_create(
                page=page, defaults={"workflow": strategy}
            )
    for app_label, model in SNIPPETS:
        WorkflowContentType.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(
                apps.get_model(app_label, model)
            ),
            defaults={"workflow": snippets},
        )
    return {
        "press": press,
        "strategy": strategy,
        "snippets": snippets,
        "site_pages": site_pages,
    }


@transaction.atomic
def setup_editorial() -> None:
    groups = ensure_groups()
    ensure_workflows(groups)
