import hashlib
import re

from jjj import config

SHA256 = "59db144724959614c5934157e471b1bd091029377c43126e2ea43ef1e8b7fc60"


def test_raw_article_is_the_source_byte_for_byte():
    assert hashlib.sha256(config.RAW_ARTICLE.read_bytes()).hexdigest() == SHA256


def test_source_md_states_the_checksum_and_provenance():
    text = (config.RAW / "SOURCE.md").read_text(encoding="utf-8")
    assert SHA256 in text
    for needed in ("北京青年报客户端", "2024-04-19 14:15", "蒋若静", "谭卫平", "相关阅读"):
        assert needed in text
    assert re.search(r"社会组织助力京津冀协同发展 十年来取得这些亮点成果", text)
