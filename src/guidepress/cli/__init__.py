"""The `guidepress` command: the process (`command`), its arguments and report (`main`), and the
commands beside the build: `init` (`scaffold`), `--strict` (`strict`), `--translator-pictures`."""
