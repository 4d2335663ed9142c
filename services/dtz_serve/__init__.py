"""`make serve`: the preview, rebuilt on every save and served on 127.0.0.1; not a Pelican plugin but the
command around a Pelican build, with Pelican's own arguments (see the README's *Preview*)."""
