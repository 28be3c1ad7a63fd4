"""The portal carries the council's identity; its search sits under the heading; the sign-in link keeps the language."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from helpers.colours import contrast_ratio, darkened_for_white_text


def portal_page(client, council, name="portal:index"):
    response = client.get(reverse(name, args=[council.slug]))
    assert response.status_code == 200
    return response, response.content.decode()


def test_contrast_ratio_follows_wcag():
    assert round(contrast_ratio("#ffffff", "#000000"), 2) == 21
    assert round(contrast_ratio("#ffffff", "#0d6efd"), 2) == 4.50  # Bootstrap's primary


@pytest.mark.parametrize("colour", ["#ffff00", "#7fd1ae", "#ffffff", "#0d6efd"])
def test_a_light_colour_is_darkened_until_white_text_is_readable(colour):
    darker = darkened_for_white_text(colour)
    assert contrast_ratio(darker, "#ffffff") >= 4.5


def test_a_dark_colour_is_kept():
    assert darkened_for_white_text("#0b3b5c") == "#0b3b5c"


def test_the_colour_must_be_hexadecimal(world):
    world.council.brand_colour = "red; background: url(x)"
    with pytest.raises(ValidationError):
        world.council.full_clean()


def test_the_portal_shows_the_councils_colour_readably_under_its_nonce(client, world):
    world.council.brand_colour = "#ffd700"  # gold: white text on it would be 1.4:1
    world.council.save()
    response, page = portal_page(client, world.council)
    shown = re.search(r'<style nonce="([^"]+)">\.portal-banner \{ --portal-brand: (#[0-9a-f]{6}); \}</style>', page)
    assert shown, "the banner's colour is missing"
    assert contrast_ratio(shown.group(2), "#ffffff") >= 4.5
    assert f"'nonce-{shown.group(1)}'" in response["Content-Security-Policy"]


def test_without_a_colour_the_portal_keeps_the_products_and_needs_no_inline_style(client, world):
    response, page = portal_page(client, world.council)
    assert "<style" not in page
    assert "nonce-" not in response["Content-Security-Policy"]


def test_the_portal_shows_the_councils_logo(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(buffer, "PNG")
    world.council.logo.save("logo.png", ContentFile(buffer.getvalue()))
    _, page = portal_page(client, world.council)
    logo_url = reverse("portal:logo", args=[world.council.slug])
    assert f'<img src="{logo_url}"' in page
    response = client.get(logo_url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"


def test_the_search_sits_under_the_heading(client, world):
    _, page = portal_page(client, world.council)
    assert page.index("<h1") < page.index('role="search"')
    label = re.search(r'<label class="form-label" for="portal-q">', page)
    assert label, "the search field's label is visible"


def test_the_tracking_form_has_a_visible_label_and_one_button(client, world):
    _, page = portal_page(client, world.council, "portal:request-track")
    form = page[page.index('<form method="get" class="col-lg-6') : page.index("</form>", page.index('name="code"'))]
    assert '<label class="form-label" for="code">' in form
    assert form.count("<button") == 1
    assert 'role="search"' not in page  # no second search form beside it


def test_the_sign_in_link_keeps_the_portals_language(client, world):
    world.council.language = "fa"
    world.council.save()
    _, page = portal_page(client, world.council)  # no language chosen: the portal speaks the council's
    assert '<html lang="fa"' in page
    link = re.search(r'href="(/accounts/login/\?[^"]+)">', page).group(1).replace("&amp;", "&")
    assert "language=fa" in link and "next=/public/pardis-test/" in link
    response = client.get(link)
    assert '<html lang="fa"' in response.content.decode()
    assert response.cookies["django_language"].value == "fa"  # the rest of signing in stays in Persian
