"""What the benchmarks compare against, written once: a minimal typer application (what typer
alone costs a command) and the environment the timed commands run in."""

from __future__ import annotations

import os

# Three commands, one of them typed as partenariat's are: typer builds a group and coerces an
# option (its pydantic adapters) as it does for partenariat.
MINIMAL_TYPER = '''
import typer
app = typer.Typer(add_completion=False)
@app.command()
def status(project: str = "partenariat.yaml") -> None:
    """Minimal command."""
    typer.echo(project)
@app.command()
def other() -> None:
    """Second command, so that typer builds a group as partenariat does."""
@app.command()
def third() -> None:
    """Third command."""
app()
'''

# An installed wheel comes with its bytecode compiled (pip does it), and a source checkout
# writes it on first run: the commands are measured that way, even from a shell that sets
# PYTHONDONTWRITEBYTECODE (each run would then compile partenariat's modules again, ~50 ms).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
