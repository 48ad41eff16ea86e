"""`make lab` works: JupyterLab starts headless, lists the project kernel, runs a cell."""

import json
import time
import urllib.request
import uuid

import pytest
from labserver import running_lab

from jjj import config

pytest.importorskip("jupyterlab")
websocket = pytest.importorskip("websocket", reason="websocket-client comes with jupyter-server")


def _get(url, token, method="GET", body=None):
    req = urllib.request.Request(url, method=method, data=json.dumps(body).encode() if body else None,
                                 headers={"Authorization": f"token {token}",
                                          "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.loads(resp.read() or b"null")


@pytest.fixture
def lab():
    with running_lab(wait_s=30) as server:
        yield server


def test_lab_lists_project_kernel_opens_notebook_and_runs_a_cell(lab):
    base, token = lab
    specs = _get(f"{base}/api/kernelspecs", token)
    assert config.KERNEL_NAME in specs["kernelspecs"]
    nb = _get(f"{base}/api/contents/00_clean_figures.ipynb", token)
    assert nb["content"]["metadata"]["kernelspec"]["name"] == config.KERNEL_NAME
    session = _get(f"{base}/api/sessions", token, "POST", {
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
        _get(f"{base}/api/sessions/{session['id']}", token, "DELETE")
