"""Pages that several apps draw the same way."""

from django.shortcuts import render


def form_page(
    request, council, form, *, title, submit, back, section, section_url, intro="", style="primary", conflicts=()
):
    """A page holding one form: breadcrumbs to its section, what an edit conflict found, the form and its button."""
    context = {
        "conflicts": conflicts,
        "council": council,
        "form": form,
        "title": title,
        "submit_label": submit,
        "submit_style": style,
        "back_url": back,
        "section": section,
        "section_url": section_url,
        "intro": intro,
    }
    return render(request, "council/form_page.html", context)
