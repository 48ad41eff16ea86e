"""jjj: the helpers behind the notebooks on social organisations in 京津冀协同发展.

Modules: ``config`` (paths), ``io`` (safe reading and atomic writing), ``quantities`` (Chinese
quantity parser), ``extract`` (command line), ``clean`` (the figures dataset), ``intervals``
(interval arithmetic), ``style`` (the chart style), ``text`` (prose rendered from data),
``build`` (executing and rendering the notebooks).
"""

__version__ = "0.1.0"
