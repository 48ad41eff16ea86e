"""Sphinx configuration of the report's site (both editions); ``jjj.site.build_site`` runs it.

The source folder is a temporary copy made by ``build_site`` (the executed notebooks, each code
cell tagged ``hide-input``, and the front page from ``index.md``), so this folder holds only what
is written by hand: this file, the front page, the style sheet and the English catalog.
``build_site`` sets ``language`` (``zh_CN`` or ``en``); everything else is here.
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent

project = "jjj"
author = ""
copyright = ""

extensions = ["myst_nb"]
# The notebooks are executed by `make report` (jjj.build); the site renders them as they are.
nb_execution_mode = "off"
nb_merge_streams = True
nb_render_markdown_format = "gfm"  # findings displayed as Markdown may hold tables
nb_ipywidgets_js = {}  # no widgets; never load require.js from a CDN
myst_enable_extensions = []  # no dollar math: "$" in prose stays text, and no MathJax is loaded
source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}
exclude_patterns = ["files/**", "_build"]
suppress_warnings = ["myst.header"]  # notebooks keep their own heading levels

# The front page is written in Chinese; the English edition translates it through
# locales/en/LC_MESSAGES/index.po (Sphinx's own i18n, compiled at build time).
language = "zh_CN"
locale_dirs = [str(HERE / "locales")]
gettext_compact = False
gettext_uuid = False
gettext_location = False

# Offline: Sphinx adds MathJax (from a CDN) only to a page with an equation, and no page has one
# (no dollar math above); build_site fails if a page ever asks for it.
html_theme = "sphinx_book_theme"
html_static_path = [str(HERE / "_static")]
templates_path = [str(HERE / "_templates")]
# the theme's sidebar, with the title inside a landmark
html_sidebars = {"**": ["jjj-brand.html", "icon-links.html", "search-button-field.html",
                        "sbt-sidebar-nav.html"]}
html_css_files = ["jjj-font.css", "jjj.css"]  # jjj-font.css: written by jjj.site after the build
html_js_files = ["jjj-print.js"]  # folded evidence opens for printing
html_last_updated_fmt = None
html_show_sourcelink = False
html_show_sphinx = False
html_use_index = False  # no index entries: the general index would be an empty page
# The search runs from files (searchindex.js). Its excerpts fetch() each page found, which a
# browser refuses on a page opened from a file: on the search page, jjj-search.js answers those
# requests from jjj-pages.js (each page's text, written by jjj.site after the build).
html_show_search_summary = True
# Sphinx's Chinese search loads jieba's own dictionary a second time, as a user dictionary
# (349,000 words, ~4.5 s per build); jieba reads that dictionary anyway. "" skips the reload.
html_search_options = {"dict": ""}
html_copy_source = True  # the page's download button offers its notebook
html_permalinks_icon = "#"
# A valid mode from the first paint (without it the theme logs "invalid theme mode" on a page
# opened from a file); the reader can still switch.
html_context = {"default_mode": "auto", "jjj_other": "", "jjj_built": ""}  # light or dark as the system asks
html_theme_options = {
    "home_page_in_toc": True,
    "navbar_persistent": [],  # the sidebar has the search box; no second one in a header bar
    "show_toc_level": 2,
    "use_download_button": True,
    "article_header_end": ["jjj-edition.html", "article-header-buttons.html"],
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "use_issues_button": False,
    "use_edit_page_button": False,
    "launch_buttons": {},
    "icon_links": [],
    "navigation_with_keys": False,
    "pygments_light_style": "a11y-high-contrast-light",
    "pygments_dark_style": "a11y-high-contrast-dark",
    "footer_content_items": ["jjj-built.html"],
    "extra_footer": "",
}

# Words of the site's own interface that neither Sphinx nor the theme translate (the theme's
# own untranslated words are in locales/zh_CN/LC_MESSAGES/sphinx.po). The title is the
# article's: build_site sets html_title from its front page's first heading.
EDITIONS = {
    "zh_CN": {"show": "显示代码", "hide": "隐藏代码", "search": "搜索"},
    "en": {"show": "Show code", "hide": "Hide code", "search": "Search"},
}


def _edition(app, config):
    words = EDITIONS[config.language]
    config.nb_code_prompt_show = words["show"]
    config.nb_code_prompt_hide = words["hide"]
    config.html_theme_options = {**config.html_theme_options, "search_bar_text": words["search"]}


def _chinese_search_stemmer():
    """Sphinx 9.0 names the Chinese search's JavaScript stemmer ``ChineseStemmer``, which does not
    exist (it ships the English one), so search fails in the browser (sphinx-doc/sphinx#14229,
    fixed in 9.1, which needs Python 3.12). Name the one it ships."""
    import sphinx
    from sphinx.search import languages
    from sphinx.search.zh import SearchChinese

    if sphinx.version_info[:2] != (9, 0) or SearchChinese.js_stemmer_rawcode != "english-stemmer.js":
        return

    class Chinese(SearchChinese):
        language_name = "English"  # only names the JavaScript stemmer

    languages["zh"] = Chinese


def _search_page_scripts(app, pagename, templatename, context, doctree):
    if pagename == "search":
        app.add_js_file("jjj-pages.js")
        app.add_js_file("jjj-search.js")


def _code_unsearched(app, doctree):
    """The search finds what a page says, not its code: a notebook's code cells (folded on the
    page) are kept out of the search index ('no-search', which Sphinx's index skips)."""
    for node in doctree.findall(lambda n: "cell_input" in getattr(n, "get", lambda *_: [])("classes", [])):
        node["classes"].append("no-search")


def setup(app):
    _chinese_search_stemmer()
    app.connect("doctree-read", _code_unsearched)
    app.connect("html-page-context", _search_page_scripts)
    app.connect("config-inited", _edition)
