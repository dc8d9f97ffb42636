"""Video addresses readers may embed: YouTube and Vimeo, played without cookies."""

import re
from urllib.parse import parse_qs, urlparse

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")


def parse_video_url(url: str) -> tuple[str, str] | None:
    """(provider, embed URL) for YouTube and Vimeo addresses, else None.

    Written by hand rather than with wagtail.embeds: that module fetches the
    provider's oEmbed HTML on the server and renders its iframe at once, which loads
    third-party content (and cookies) before the reader has chosen to play.
    """
    parsed = urlparse(url or "")
    host = (parsed.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    video_id = ""
    if host in {"youtube.com", "youtube-nocookie.com"}:
        if parsed.path == "/watch":
            video_id = parse_qs(parsed.query).get("v", [""])[0]
        elif parsed.path.startswith(("/embed/", "/shorts/", "/live/")):
            video_id = parsed.path.split("/")[2]
        if _YOUTUBE_ID.match(video_id):
            return (
                "YouTube",
                f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1",
            )
    elif host == "youtu.be":
        video_id = parsed.path.lstrip("/").split("/")[0]
        if _YOUTUBE_ID.match(video_id):
            return (
                "YouTube",
                f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1",
            )
    elif host in {"vimeo.com", "player.vimeo.com"}:
        digits = [p for p in parsed.path.split("/") if p.isascii() and p.isdigit()]
        if digits:
            return (
                "Vimeo",
                f"https://player.vimeo.com/video/{digits[0]}?dnt=1&autoplay=1",
            )
    return None
