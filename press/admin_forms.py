"""The editor's form for a press release or news item."""

from cms.bilingual.forms import PageForm


class PressReleaseForm(PageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "Notify subscribers" starts ticked for a first publication and unticked
        # for the edits after it: a correction should not mail anyone unasked.
        if not self.is_bound and self.instance.first_published_at:
            self.initial["notify_subscribers"] = False
