"""Policies (F11). For now only the framework-free eligibility evaluator lives here (`eligibility`); the
Django app (models, pages, API) is added on top of the kernel later.
"""
