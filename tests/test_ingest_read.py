"""Reading inputs: formats, manifests and the bad-input reasons."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from foedus.ingest.decode import DecodeError, decode_bytes
from foedus.ingest.read import RawItem, Rejection, Skipped, iter_inputs, load_manifest

ARTICLE = (
    "The foreign ministers of two neighbouring states met in Geneva on Tuesday and agreed to keep talking "
    "about the demarcation of their shared border, officials from both delegations said afterwards."
)


def _items(paths, **kw):
    return list(iter_inputs([str(p) for p in paths], **kw))


def test_folder_with_manifest_formats_and_gzip(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub" / "b.html").write_text(f"<html><body><article><p>{ARTICLE}</p></article></body></html>")
    with gzip.open(tmp_path / "c.txt.gz", "wt", encoding="utf-8") as fh:
        fh.write(ARTICLE + " Gzipped.")
    (tmp_path / "d.jsonl").write_text(
        json.dumps({"text": ARTICLE + " One.", "outlet": "Wire A", "published": "2022-09-20"}) + "\n"
        + "{not json}\n"
        + json.dumps({"html": f"<p>{ARTICLE} Two.</p>", "title": "Second"}) + "\n"
        + json.dumps({"title": "no body"}) + "\n"
    )
    (tmp_path / "notes.md").write_text("not an article")
    (tmp_path / "manifest.csv").write_text(
        "file,outlet,title,published\na.txt,Outlet One,Title A,2022-09-20\nsub/b.html,Outlet Two,Title B,2022-09-21\n"
    )
    found = _items([tmp_path])
    items = [f for f in found if isinstance(f, RawItem)]
    rejected = {f.path: f.reason for f in found if isinstance(f, Rejection)}
    skipped = {Path(f.path).name: f.reason for f in found if isinstance(f, Skipped)}
    by_name = {Path(i.path.split(":")[0]).name + (f":{i.record_index}" if i.record_index else ""): i for i in items}
    assert by_name["a.txt"].given["outlet"] == "Outlet One"
    assert by_name["b.html"].kind == "html" and by_name["b.html"].given["title"] == "Title B"
    assert by_name["c.txt.gz"].source_format == "gz+txt" and b"Gzipped" in by_name["c.txt.gz"].body
    assert by_name["d.jsonl:1"].given["outlet"] == "Wire A"
    assert by_name["d.jsonl:3"].kind == "html" and by_name["d.jsonl:3"].given["title"] == "Second"
    assert any("malformed JSON line" in r for p, r in rejected.items() if p.endswith("d.jsonl:2"))
    assert any("no 'text' or 'html'" in r for p, r in rejected.items() if p.endswith("d.jsonl:4"))
    assert skipped["manifest.csv"] == "manifest"
    assert "unsupported" in skipped["notes.md"]


def test_explicit_manifest_matches_by_name(tmp_path: Path) -> None:
    f = tmp_path / "x.txt"
    f.write_text(ARTICLE)
    m = tmp_path / "m.json"
    m.write_text(json.dumps([{"file": "crawl/2022/x.txt", "outlet": "Given Outlet"}]))
    [item] = _items([f], manifest=load_manifest(m))
    assert item.given["outlet"] == "Given Outlet"


def test_bad_inputs_get_reasons(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "huge.txt").write_bytes(b"word " * (300_000))
    found = {Path(f.path).name: f for f in _items([tmp_path], max_bytes=1_000_000)}
    assert isinstance(found["empty.txt"], Rejection) and found["empty.txt"].reason == "empty file"
    assert isinstance(found["huge.txt"], Rejection) and found["huge.txt"].reason.startswith("too large")
    missing = _items([tmp_path / "nope.txt"])
    assert isinstance(missing[0], Rejection) and "no such file" in missing[0].reason


def test_decode_refuses_binary_and_names_the_encoding_it_used() -> None:
    import os

    try:
        decode_bytes(os.urandom(2000) + b"\x00", "text").text
    except DecodeError as exc:
        assert "binary" in str(exc)
    else:
        raise AssertionError("binary data decoded")
    legacy = decode_bytes(("The caf\u00e9 on the square, na\u00efve as it was, stayed open all winter. " * 3).encode("latin-1"), "text")
    assert "caf\u00e9" in legacy.text and legacy.how == "detected" and legacy.encoding != "utf-8"
    html = '<html><head><meta charset="iso-8859-1"></head><body>caf\u00e9</body></html>'.encode("latin-1")
    assert "caf\u00e9" in decode_bytes(html, "html").text and decode_bytes(html, "html").how == "declared"
    assert decode_bytes("\ufeffplain".encode("utf-8"), "text").text == "plain"
    for codec in ("utf-16", "utf-32", "utf-16-be"):
        body = ("\ufeff" if codec == "utf-16-be" else "") + "Talks resumed in Vienna on Monday."
        got = decode_bytes(body.encode(codec), "text")
        assert got.text.lstrip("\ufeff") == "Talks resumed in Vienna on Monday." and got.how == "bom", codec
    cyrillic = decode_bytes(("Министр иностранных дел заявил в четверг о переговорах. " * 4).encode("cp1251"), "text")
    assert "Министр" in cyrillic.text


def test_same_content_same_id(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(ARTICLE)
    (tmp_path / "two.txt").write_text(ARTICLE)
    a, b = _items([tmp_path])
    assert a.doc_id == b.doc_id and a.path != b.path
