"""Allow ``python -m partenariat``."""

from partenariat.cli import main

main()
