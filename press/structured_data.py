"""schema.org NewsArticle of a release for search engines and news services
(rendered as JSON-LD): the release, its press contacts as accountable people and
the press service as the publisher's contact point."""

from django.utils import timezone
from django.utils.translation import get_language

from cms.i18n import absolute


def _iso(value) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def _person(person) -> dict:
    data = {"@type": "Person", "name": person.name}
    if person.role:
        data["jobTitle"] = person.role
    if person.email:
        data["email"] = person.email
    if person.phone:
        data["telephone"] = person.phone
    return data


def release_data(page, site_settings=None) -> dict:
    name = (site_settings and site_settings.organisation_name) or (
        page.get_site().site_name
    )
    organisation = {"@type": "Organization", "name": name}
    if site_settings and (site_settings.press_phone or site_settings.press_email):
        point = {"@type": "ContactPoint", "contactType": "press"}
        if site_settings.press_phone:
            point["telephone"] = site_settings.press_phone
        if site_settings.press_email:
            point["email"] = site_settings.press_email
        if site_settings.press_hours:
            point["hoursAvailable"] = site_settings.press_hours
        organisation["contactPoint"] = point
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title,
        "description": page.lead,
        "inLanguage": get_language(),
        "datePublished": _iso(page.display_date),
        "dateModified": _iso(page.last_published_at or page.display_date),
        "mainEntityOfPage": page.get_full_url(),
        "url": page.get_full_url(),
        "author": organisation,
        "publisher": organisation,
    }
    contacts = page.contact_people()
    if contacts:
        data["accountablePerson"] = [_person(person) for person in contacts]
    if page.image:
        data["image"] = [absolute(page.image.get_rendition("fill-1200x630").url)]
    return data
