from django.urls import reverse

from council.models import User
from tests.conftest import PASSWORD

SET_LANGUAGE = "/language/"


def test_a_signed_in_users_choice_is_saved_on_their_profile(client, world):
    client.force_login(world.liaison_a)
    response = client.post(SET_LANGUAGE, {"language": "sq", "next": "/c/pardis-test/"})
    assert response.status_code == 302
    assert response.url == "/c/pardis-test/"
    assert User.objects.get(pk=world.liaison_a.pk).language == "sq"
    page = client.get(reverse("home:home"), HTTP_ACCEPT_LANGUAGE="fa")
    assert '<html lang="sq" dir="ltr">' in page.content.decode()


def test_without_a_choice_the_councils_language_wins_over_the_browser(client, world):
    world.council.language = "fa"
    world.council.save()
    client.force_login(world.liaison_a)
    page = client.get(reverse("home:home"), HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="fa" dir="rtl">' in page.content.decode()
    assert "bootstrap.rtl.min.css" in page.content.decode()


def test_an_anonymous_visitor_gets_the_browsers_language_then_their_choice(client, db):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="fa")
    assert '<html lang="fa" dir="rtl">' in page.content.decode()
    client.post(SET_LANGUAGE, {"language": "sq", "next": "/accounts/login/"})
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="fa")
    assert '<html lang="sq" dir="ltr">' in page.content.decode()


def test_an_unknown_language_gets_a_clear_page(client, world):
    client.force_login(world.chair)
    response = client.post(SET_LANGUAGE, {"language": "xx-evil<script>"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "is not one of Hamahang's languages" in body
    assert "<script>" not in body
    assert User.objects.get(pk=world.chair.pk).language == ""


def test_a_foreign_next_address_is_not_followed(client, db):
    response = client.post(SET_LANGUAGE, {"language": "en", "next": "https://evil.example/"})
    assert response.url == reverse("home:home")


def test_opening_the_language_switch_address_just_goes_home(client, db):
    response = client.get(SET_LANGUAGE)
    assert response.status_code == 302
    assert response.url == reverse("home:home")


def test_after_signing_out_the_pages_stay_in_the_users_language(client, world):
    world.chair.language = "fa"
    world.chair.save()
    client.post("/accounts/login/", {"login": "chair", "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="en")
    home = client.get(reverse("home:home"), HTTP_ACCEPT_LANGUAGE="en")
    assert home.cookies["django_language"].value == "fa" or client.cookies["django_language"].value == "fa"
    client.post("/accounts/logout/")
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="fa" dir="rtl">' in page.content.decode()


def test_the_signed_in_message_is_in_the_users_language(client, world):
    world.chair.language = "sq"
    world.chair.save()
    response = client.post("/accounts/login/", {"login": "chair", "password": PASSWORD}, follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert messages and all("Successfully" not in m for m in messages)


def test_error_pages_speak_the_users_language(client, world):
    world.liaison_b.language = "fa"
    world.liaison_b.save()
    client.force_login(world.liaison_b)
    response = client.get(reverse("departments:department-detail", args=[world.council.slug, world.department_a.pk]))
    assert response.status_code == 403
    assert '<html lang="fa" dir="rtl">' in response.content.decode()
