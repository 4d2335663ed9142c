"""Compiled theme templates kept between builds: Jinja's bytecode cache in ``<CACHE_PATH>/jinja/``.

Compiling the theme's templates is a fixed cost of every build; Jinja checks each template's
source against the cached code, so an edited template compiles again.
"""

import os

import jinja2

from .digests import digest


def keep_compiled(generator):
    """Give a generator's Jinja environment the bytecode cache (once: generators may share one)."""
    if generator.env.bytecode_cache is not None:
        return
    settings = generator.settings
    # Jinja's key is the template's name and source, not the environment's options: those name the folder.
    options = digest(repr(sorted(settings.get("JINJA_ENVIRONMENT", {}).items())), repr(sorted(generator.env.extensions)), jinja2.__version__)
    folder = os.path.join(settings.get("CACHE_PATH") or "cache", "jinja", options[:16])
    os.makedirs(folder, exist_ok=True)
    generator.env.bytecode_cache = jinja2.FileSystemBytecodeCache(folder)
