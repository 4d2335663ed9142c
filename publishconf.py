"""Settings for the published site: pelicanconf.py plus what only production needs."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

DTZ_PREVIEW = False
