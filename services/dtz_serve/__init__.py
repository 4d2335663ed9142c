"""`make serve`: the preview, rebuilt on every save and served on 127.0.0.1 with the site's own 404 page.

Not a Pelican plugin but the command around a Pelican build, with Pelican's own arguments
(``python -m dtz_serve content -o preview -s pelicanconf.py -p PORT -b ADDRESS``); see the README's *Preview*.
"""
