"""Editorial roles: the Swedish group names and what a user's roles allow.

A leaf: no models, nothing of the project imported. The groups and workflows
themselves are made by cms.editorial.setup.
"""

from django.utils.translation import gettext_lazy as _

EDITORS = "Redaktörer"
PUBLISHERS = "Granskare och publicister"
TRANSLATORS = "Översättare"
ADMINS = "Administratörer"
ALL_ROLES = (EDITORS, PUBLISHERS, TRANSLATORS, ADMINS)


def user_roles(user) -> set[str]:
    if not user or not user.is_authenticated:
        return set()
    cache_attr = "_cms_role_names"
    if not hasattr(user, cache_attr):
        setattr(user, cache_attr, set(user.groups.values_list("name", flat=True)))
    return getattr(user, cache_attr)


def is_translator_only(user) -> bool:
    """Translators may edit English fields only; anyone with another role (or a
    superuser) edits everything their permissions allow."""
    if not user or not user.is_authenticated or user.is_superuser:
        return False
    roles = user_roles(user)
    return TRANSLATORS in roles and not roles & {EDITORS, PUBLISHERS, ADMINS}


ROLE_LABELS = {
    EDITORS: _("Editors: create and edit, submit for review"),
    PUBLISHERS: _("Reviewers and publishers: approve and publish"),
    TRANSLATORS: _("Translators: edit English fields"),
    ADMINS: _("Administrators: everything, including users and workflows"),
}


def may_publish(user) -> bool:
    """Reviewers, administrators and superusers publish; editors and translators
    do not."""
    if not user or not user.is_authenticated:
        return False
    return user.is_superuser or bool(user_roles(user) & {PUBLISHERS, ADMINS})
