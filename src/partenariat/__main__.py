"""Allow ``python -m partenariat``."""

import sys

from partenariat.cli import main

sys.exit(main())
