"""Settings for the published site: pelicanconf.py plus what only production needs."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))  # pelicanconf.py beside it, from any working directory
from pelicanconf import *  # noqa: E402,F403

DTZ_PREVIEW = False
DTZ_BUILD = "publish"
DTZ_SETTINGS_FILE = os.path.basename(__file__)
GOALS_PUBLISH = False  # dtz_goals: /voortgang/ is for the programme office, not the public site
DTZ_SUBSCRIBE_URL = os.environ.get("DTZ_SUBSCRIBE_URL") or f"{DTZ_SITE_URL}/nieuwsbrief/aanmelden/"  # noqa: F405 (deploy/ routes it)
