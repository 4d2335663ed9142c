"""Former addresses (Aliases) redirect to the item's page: small pages and the maps the server configs include."""

from conftest import Site, pearl


def test_an_alias_gets_a_page_that_sends_readers_on_and_points_search_engines_to_the_new_address(site):
    built = site({"content/parels/hal-techniek.md": pearl(extra="Aliases: /parels/oude-hal/, /oud/hal.html")}).build()
    page = built.read("parels/oude-hal/index.html")
    assert '<meta http-equiv="refresh" content="0; url=/parels/hal-techniek/">' in page
    assert '<link rel="canonical" href="https://www.dutchtechzone.nl/parels/hal-techniek/">' in page
    assert '<meta name="robots" content="noindex">' in page
    assert '<a href="/parels/hal-techniek/">Hal Techniek</a>' in page
    assert built.exists("oud/hal.html")
    assert "oude-hal" not in built.read("sitemap.xml")


def test_the_server_maps_list_every_alias_and_exist_without_any(site):
    built = site({"content/parels/hal-techniek.md": pearl(extra="Aliases: /parels/oude-hal/")}).build()
    assert "location = /parels/oude-hal/ { return 301 /parels/hal-techniek/; }\n" in built.read(".dtz/redirects.nginx.conf")
    assert "redir /parels/oude-hal/ /parels/hal-techniek/ 301\n" in built.read(".dtz/redirects.caddy")
    empty = Site(built.root.parent / "zonder").write({"content/parels/hal-techniek.md": pearl()}).build()
    assert empty.read(".dtz/redirects.nginx.conf").startswith("# Written by the DTZ build")
    assert "location" not in empty.read(".dtz/redirects.nginx.conf")


def test_an_alias_that_is_a_live_address_or_claimed_twice_is_an_error_at_its_line(site):
    result = site(
        {
            "content/parels/hal-techniek.md": pearl(extra="Aliases: /parels/staal/"),
            "content/parels/staal.md": pearl(title="Staal"),
            "content/parels/derde.md": pearl(title="Derde", extra="Aliases: /parels/oud/"),
            "content/parels/vierde.md": pearl(title="Vierde", extra="Aliases: /parels/oud/"),
        }
    ).check()
    assert result.returncode == 1
    assert (
        "content/parels/hal-techniek.md:6: Aliases: '/parels/staal/' is het adres van content/parels/staal.md"
        " — een vroeger adres waar nu geen pagina staat"
    ) in result.stderr
    assert "content/parels/vierde.md:6: Aliases: '/parels/oud/' staat ook bij content/parels/derde.md" in result.stderr


def test_a_full_address_or_a_path_without_slash_gets_the_answer(site):
    result = site(
        {
            "content/parels/a.md": pearl(title="A", extra="Aliases: https://www.dutchtechzone.nl/parels/oud/"),
            "content/parels/b.md": pearl(title="B", extra="Aliases: /parels/oud-b"),
        }
    ).check()
    assert result.returncode == 1
    assert (
        "Aliases: 'https://www.dutchtechzone.nl/parels/oud/' is een volledig webadres — alleen het pad op deze site (bedoelde u '/parels/oud/'?)"
        in result.stderr
    )
    assert "Aliases: '/parels/oud-b' eindigt niet op / — een pad dat op / eindigt (bedoelde u '/parels/oud-b/'?)" in result.stderr
