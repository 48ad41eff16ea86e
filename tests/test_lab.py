"""`make lab` as analysts get it: it lists the project kernel, opens a notebook and runs a cell;
no outside request; Chinese in the bundled font.

One JupyterLab serves every test here. It starts with the project's lab files
(``jjj.lab.install`` into a temporary prefix: the settings overrides, the config dir with the
custom CSS and the font), as `make lab` starts it. Over the REST API: the project kernel is
listed, a notebook opens and a cell runs in that kernel; the news feed and the update check are
off, the extension manager is off, the custom CSS is served and names the bundled font. With
Playwright and Chromium, a notebook opened in the lab renders its Chinese in that font and no
request leaves the machine.
"""

from __future__ import annotations

import json
import os
import platform
import time
import urllib.request
import uuid

import nbformat
import pytest
from labserver import running_lab

from jjj import build, config, lab, site

pytest.importorskip("jupyterlab")
websocket = pytest.importorskip("websocket", reason="websocket-client comes with jupyter-server")

FONT_FAMILY = "JJJ Noto Sans SC"
CHROMIUM = site.find_chromium()
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _request(url: str, token: str | None = None, method: str = "GET", body: dict | None = None,
             raw: bool = False):
    """The JSON answer of the lab's API, or with ``raw`` (status, text)."""
    headers = {"Authorization": f"token {token}"} if token else {}
    data = json.dumps(body).encode() if body else None
    if data:
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(url, method=method, data=data, headers=headers)
    with urllib.request.urlopen(req, timeout=30) as resp:
        text = resp.read()
        return (resp.status, text.decode("utf-8", "replace")) if raw else json.loads(text or b"null")


@pytest.fixture(scope="module")
def offline_lab(tmp_path_factory):
    prefix = tmp_path_factory.mktemp("prefix")
    custom = lab.install(prefix)
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(custom.parent)}
    # the temporary prefix's settings stand for <sys.prefix>/share/jupyter/lab/settings; the
    # checkpoints of the notebooks it opens go to a temporary folder, not notebooks/
    checkpoints = tmp_path_factory.mktemp("checkpoints")
    with running_lab(f"--LabApp.app_settings_dir={lab.settings_dir(prefix)}",
                     f"--FileCheckpoints.checkpoint_dir={checkpoints}", env=env) as server:
        yield server


def _setting(base: str, token: str, plugin: str, key: str):
    """A setting's value as the lab sees it: the user's, else the default (which the overrides
    replace)."""
    data = _request(f"{base}/lab/api/settings/{plugin}", token)
    return data["settings"].get(key, data["schema"]["properties"][key].get("default"))


def test_news_updates_and_extension_manager_are_off(offline_lab):
    base, token = offline_lab
    notification = "@jupyterlab/apputils-extension:notification"
    assert _setting(base, token, notification, "fetchNews") == "false"
    assert _setting(base, token, notification, "checkForUpdates") is False
    manager = "@jupyterlab/extensionmanager-extension:plugin"
    assert _setting(base, token, manager, "enabled") is False
    assert _setting(base, token, manager, "disclaimed") is False
    # the server's side: nothing to fetch, answered without a request
    assert _request(f"{base}/lab/api/news", token) == {"news": []}
    assert _request(f"{base}/lab/api/update", token) == {"notification": None}
    status, page = _request(f"{base}/lab", token, raw=True)
    assert status == 200 and '"news": {"disabled": true}' in page


def test_custom_css_is_served_and_names_the_bundled_font(offline_lab):
    base, token = offline_lab
    status, page = _request(f"{base}/lab", token, raw=True)
    assert "custom/custom.css" in page
    status, css = _request(f"{base}/custom/custom.css", token, raw=True)
    assert status == 200 and FONT_FAMILY in css and "NotoSansSC-Subset.otf" in css
    with urllib.request.urlopen(f"{base}/custom/NotoSansSC-Subset.otf", timeout=30) as resp:
        assert resp.read() == config.FONT_FILE.read_bytes()


def test_install_is_idempotent_and_leaves_the_users_overrides(tmp_path):
    users = lab.settings_dir(tmp_path) / "overrides.json"
    users.parent.mkdir(parents=True)
    users.write_text('{"@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"}}')
    first = lab.install(tmp_path)
    assert lab.install(tmp_path) == first == lab.config_dir(tmp_path) / "custom"
    assert "JupyterLab Dark" in users.read_text()
    ours = json.loads((lab.settings_dir(tmp_path) / "overrides.d" / "jjj.json").read_text())
    assert ours["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"


@pytest.fixture(scope="module")
def opened(offline_lab):
    """02_poverty opened in the lab in Chromium, once its kernel is idle: (page, the requests to
    other hosts)."""
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="needs Playwright and Chromium: run `make browser`")
    if not CHROMIUM:
        pytest.skip("needs Debian's chromium (or JJJ_CHROMIUM=/path): run `make browser`")
    base, token = offline_lab
    outside: list[str] = []

    def only_local(route):
        url = route.request.url
        if url.startswith((base, "data:", "blob:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.route("**/*", only_local)
            page = context.new_page()
            page.goto(f"{base}/lab/tree/{OPENED}?token={token}", wait_until="load")
            page.wait_for_selector(".jp-RenderedMarkdown h1", timeout=90_000)
            # the kernel has started and answered (JupyterLab then writes its language_info
            # into the notebook's metadata)
            page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status=idle]",
                                   state="attached", timeout=90_000)
            yield page, outside
        finally:
            browser.close()


OPENED = "02_poverty.ipynb"


def test_a_notebook_renders_chinese_in_the_bundled_font_offline(opened):
    page, outside = opened
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_function(
        "Array.from(document.fonts).some(f => f.family.replace(/[\"']/g, '') === "
        f"'{FONT_FAMILY}' && f.status === 'loaded')", timeout=30_000)
    family = page.evaluate(
        "getComputedStyle(document.querySelector('.jp-RenderedMarkdown h1')).fontFamily")
    assert family.replace('"', "").startswith(FONT_FAMILY)
    assert page.evaluate("/[\\u4e00-\\u9fff]/.test(document.querySelector("
                         "'.jp-RenderedMarkdown h1').textContent)")
    assert not outside, f"requests to other hosts: {outside[:5]}"


def test_a_notebook_opens_unchanged(opened):
    """Opening a notebook and starting its kernel marks nothing as changed: the notebook holds
    the kernel's language_info as the kernel reports it (jjj.build.normalize), which JupyterLab
    compares when the kernel starts."""
    info = nbformat.read(config.NOTEBOOKS / OPENED, as_version=4).metadata.get("language_info", {})
    recorded = info.get("version")
    if recorded and recorded != platform.python_version():
        pytest.skip(f"the notebooks were executed with Python {recorded}, this is "
                    f"{platform.python_version()}: run `make report` first")
    page, _ = opened
    page.wait_for_timeout(1_000)  # JupyterLab sets the metadata once the kernel's info arrives
    dirty = page.evaluate("Array.from(document.querySelectorAll('.lm-TabBar-tab.jp-mod-dirty'))"
                          ".map(t => t.textContent)")
    assert not dirty, f"opened as changed: {dirty}"


def test_the_file_browser_lists_each_notebook_once(offline_lab):
    base, token = offline_lab
    names = [item["name"] for item in _request(f"{base}/api/contents/", token)["content"]]
    assert sorted(n for n in names if n.endswith(".ipynb")) == [p.name for p in build.notebook_paths()]
    assert not [n for n in names if n.endswith(".md")], "the text twins are hidden"


def test_lab_lists_project_kernel_opens_notebook_and_runs_a_cell(offline_lab):
    base, token = offline_lab
    specs = _request(f"{base}/api/kernelspecs", token)
    assert config.KERNEL_NAME in specs["kernelspecs"]
    nb = _request(f"{base}/api/contents/00_clean_figures.ipynb", token)
    assert nb["content"]["metadata"]["kernelspec"]["name"] == config.KERNEL_NAME
    session = _request(f"{base}/api/sessions", token, "POST", {
        "path": "00_clean_figures.ipynb", "type": "notebook",
        "kernel": {"name": nb["content"]["metadata"]["kernelspec"]["name"]}})
    kernel_id = session["kernel"]["id"]
    ws = websocket.create_connection(
        f"ws://{base[len('http://'):]}/api/kernels/{kernel_id}/channels?token={token}", timeout=60)
    try:
        msg_id = uuid.uuid4().hex
        ws.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "test",
                       "session": uuid.uuid4().hex, "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell",
            "content": {"code": "import jjj, sys; print(sys.prefix.endswith('.venv'), 6 * 7)",
                        "silent": False, "store_history": False, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True},
        }))
        deadline = time.time() + 60
        while time.time() < deadline:
            reply = json.loads(ws.recv())
            if (reply.get("parent_header", {}).get("msg_id") == msg_id
                    and reply["msg_type"] == "stream"):
                assert reply["content"]["text"].strip() == "True 42"
                break
        else:
            pytest.fail("no output from the kernel")
    finally:
        ws.close()
        _request(f"{base}/api/sessions/{session['id']}", token, "DELETE")
