"""guidepress: step-by-step guides written once in YAML, printed as annotated PDF handouts."""

__version__ = "0.1.0"
