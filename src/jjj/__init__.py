"""jjj: the engine behind the notebooks that turn a Chinese news report into a reproducible
analysis. It knows no article: an article's text, codebook, registries, metrics, page settings,
findings and notebooks are its own (``data/``, ``notebooks/``, ``site/``).

Modules: ``config`` (paths), ``io`` (safe reading and atomic writing), ``quantities`` (Chinese
quantity parser), ``extract`` (command line), ``clean`` (the figures dataset), ``intervals``
(interval arithmetic), ``style`` (the chart style), ``text`` (prose rendered from data),
``build`` (executing and rendering the notebooks).
"""

__version__ = "0.1.0"
