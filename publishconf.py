"""Settings for the published site: pelicanconf.py plus what only production needs."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

DTZ_PREVIEW = False
DTZ_BUILD = "publish"
DTZ_SETTINGS_FILE = os.path.basename(__file__)
GOALS_PUBLISH = False  # dtz_goals: /voortgang/ is for the programme office, not the public site
