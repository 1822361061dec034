"""R&D coordination (issue 17). For now only the framework-free overlap engine (`engine`) and its
batch command (`batch`); the Django app (models, pages) comes on top of the kernel."""
