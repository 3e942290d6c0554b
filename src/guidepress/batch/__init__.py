"""Batches: many organisations, people and packs in one run; the job list, which outputs are
up to date (the manifest), sharding over machines and the progress a person watches.

`plan.plan_build` loads what a build names and makes its jobs; `execute.run_plan` runs them on
the worker pool and keeps the manifest. The handouts themselves are made by `build.py`.
"""
