"""A theme script in another language: its string literals swapped for the catalogue's translations.

The Dutch script stays the file in the theme, byte for byte; a page in another language loads a copy
(``js/search.en.<hash>.js``) in which each string literal the catalogue translates (``script_words``) is
replaced. A literal counts whole, as the script writes it ("Geen resultaten", or a template literal with
its ``${…}``); inside a template literal that is not translated whole, its ``${…}`` parts are looked at in
turn. Comments are skipped; regular expression literals holding quotes are not understood.
"""

import re

LITERALS = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|`(?:[^`\\]|\\.)*`', re.S)
EXPRESSIONS = re.compile(r"\$\{([^{}]*)\}")


def translated(script, words):
    """``script`` (text) with every string literal that ``words`` ({literal: translation}) has replaced."""

    def one(match):
        token = match.group(0)
        quote, inner = token[0], token[1:-1]
        if quote not in "\"'`":  # a comment
            return token
        if inner in words:
            return quote + words[inner] + quote
        if quote == "`":
            return quote + EXPRESSIONS.sub(lambda part: "${" + translated(part.group(1), words) + "}", inner) + quote
        return token

    return LITERALS.sub(one, script)
