"""Batches: many organisations, people and packs in one run; the job list, which outputs are
up to date (the manifest), sharding over machines and the progress a person watches.

`plan.plan_build` loads what a build names and makes its jobs (for whom: `audiences.py`,
`people.py`; what each makes: `outputs.py`); `execute.run_plan` runs those not up to date
(`manifest.py`) on the worker pool. The handouts themselves are made by `build.py`.
"""
