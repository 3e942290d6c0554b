"""`python -m guidepress`."""

from .cli.command import entry

if __name__ == "__main__":  # not when a spawned worker process (`guidepress serve`) imports it
    entry()
